#!/bin/sh
# run.sh BUILD -- runs every part of the test suite against the build in
# BUILD and prints the total "N passed, M failed" as its last line.
# A part that stops with an error without reporting a failure (a crash, a
# sanitizer report) counts as one failure.
build=${1:-build}
out=$(mktemp)
trap 'rm -f "$out" "$out.api"' EXIT
status=0

part() {
  name=$1; shift
  one=$(mktemp)
  "$@" >"$one" 2>&1
  rc=$?
  cat "$one" >>"$out"
  if [ $rc -ne 0 ]; then
    status=1
    grep -Eq '^[a-z]+: [0-9]+ passed, [1-9][0-9]* failed$' "$one" ||
      echo "$name: 0 passed, 1 failed (exit status $rc)" >>"$out"
  fi
  rm -f "$one"
}

part unit    "$build/unit"
part static  "$build/static_demo"
cat tests/api/*.txt >"$out.api"
part sql     "$build/runner" "$build/therapy" --api "$out.api" \
                 --readme README.md tests/*.test
cat "$out"
awk '/^[a-z]+: [0-9]+ passed, [0-9]+ failed/ { p += $2; f += $4 }
     END { printf "%d passed, %d failed\n", p, f }' "$out"
exit $status
