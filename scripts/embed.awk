# embed.awk -- turns a data file into a C array of its lines.
#
#   awk -v name=boilerplate -f scripts/embed.awk data/boilerplate.txt
#
# Blank lines and lines starting with '#' are left out; every other line
# becomes one string of "const char *const th_data_NAME[]", which ends
# with a NULL entry.  Backslashes and double quotes are escaped.
BEGIN {
  printf "/* Generated from data/ by scripts/embed.awk: do not edit. */\n"
  printf "const char *const th_data_%s[] = {\n", name
}
/^[ \t]*$/ || /^#/ { next }
{
  line = $0
  sub(/\r$/, "", line)
  gsub(/\\/, "\\\\", line)
  gsub(/"/, "\\\"", line)
  gsub(/\t/, "\\t", line)
  printf "  \"%s\",\n", line
}
END {
  printf "  0\n};\n"
}
