#!/usr/bin/env bash
# A benchmark test: runs a benchmark runner (benchmarks/run.sh for Helios, linux/run.sh for
# the Linux baseline) briefly and checks only that it completes and that its JSON document is
# well-formed and complete (check_json.py). No timing is judged.
#
# usage: bench_test.sh CHECKER SYSTEM ARCH RUNS WARMUP TIMEOUT RUNNER [runner arguments]
# Both runners take --runs, --warmup, --timeout, --log and --json after their own arguments.
# The console log and the document are kept in TEST_UNDECLARED_OUTPUTS_DIR.
set -euo pipefail

if [ $# -lt 7 ]; then
  echo "usage: $0 CHECKER SYSTEM ARCH RUNS WARMUP TIMEOUT RUNNER [ARGS]" >&2
  exit 2
fi
checker=$1 system=$2 arch=$3 runs=$4 warmup=$5 timeout_s=$6
shift 6
out=${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-/tmp}}

"$@" --runs "$runs" --warmup "$warmup" --timeout "$timeout_s" \
  --log "$out/console.log" --json "$out/bench.json"
python3 "$checker" "$out/bench.json" --system "$system" --arch "$arch" --runs "$runs" \
  --warmup "$warmup"
