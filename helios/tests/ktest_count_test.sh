#!/usr/bin/env bash
# Counts the KTEST definitions each architecture's suite is built from (the portable files and
# that architecture's own): every count must be the expected one (ktest_count.bzl).
# usage: ktest_count_test.sh EXPECTED ARCH FILES... [-- ARCH FILES...]...
set -uo pipefail
expected=$1
shift
failed=0
while [ $# -gt 0 ]; do
  arch=$1
  shift
  files=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do files+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  count=$(cat "${files[@]}" | grep -cE '^KTEST(_LONG)?\(')
  if [ "$count" = "$expected" ]; then
    echo "PASS $arch: $count tests"
  else
    echo "FAIL $arch: $count tests, expected $expected (the count the suite is declared with)"
    failed=1
  fi
done
[ "$failed" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit "$failed"
