# embed.awk -- turns a data file into a C array of its lines.
#
#   LC_ALL=C awk -v name=boilerplate -f scripts/embed.awk data/boilerplate.txt
#
# Blank lines and lines starting with '#' are left out; every other line
# becomes one string of "const char *const th_data_NAME[]", which ends
# with a NULL entry.  Backslashes and double quotes are escaped.
#
# It also writes "const int th_data_NAME_index[257]": entry c is the number
# of lines whose first byte (a leading '!' aside) is below c, so in a file
# kept sorted the lines starting with byte c are those from index[c] up to
# index[c+1] (clean.c looks phrases up so, without a search of its own).
BEGIN {
  printf "/* Generated from data/ by scripts/embed.awk: do not edit. */\n"
  printf "const char *const th_data_%s[] = {\n", name
  for(c=1; c<256; c++) ord[sprintf("%c", c)] = c
  for(c=0; c<257; c++) nFirst[c] = 0
}
/^[ \t]*$/ || /^#/ { next }
{
  line = $0
  sub(/\r$/, "", line)
  pattern = substr(line, 1, 1)=="!" ? substr(line, 2) : line
  nFirst[pattern=="" ? 0 : ord[substr(pattern, 1, 1)]]++
  gsub(/\\/, "\\\\", line)
  gsub(/"/, "\\\"", line)
  gsub(/\t/, "\\t", line)
  printf "  \"%s\",\n", line
}
END {
  printf "  0\n};\n"
  printf "const int th_data_%s_index[257] = {", name
  below = 0
  for(c=0; c<257; c++){
    printf "%s%s%d", (c>0 ? "," : ""), (c%16==0 ? "\n  " : " "), below
    if( c<256 ) below += nFirst[c]
  }
  printf "\n};\n"
}
