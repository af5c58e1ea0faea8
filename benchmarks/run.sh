#!/usr/bin/env bash
# Runs the Helios benchmark image of one architecture under QEMU in the measurement
# configuration (qemu_config.sh) and prints the QEMU command line, the CPU model and the
# benchmark JSON. `bazel run //benchmarks:helios_<arch> -- --help` lists the options.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: run.sh LAUNCHER ARCH [options]
  --kvm           on KVM with the host CPU and real time (users' hardware; never in tests)
  --runs N        counted runs per benchmark (default 256)
  --warmup N      warm-up runs per benchmark (default 16)
  --json FILE     also write the JSON to FILE
  --log FILE      keep the whole console log in FILE
  --timeout S     give up after S seconds (default 600)
  --label K=V     add a field to the JSON header
USAGE
}

[ $# -ge 2 ] || { usage >&2; exit 2; }
launcher=$1 arch=$2
shift 2
here=$(dirname "$0")
[ -f "$here/qemu_config.sh" ] || here=benchmarks
# shellcheck source=benchmarks/qemu_config.sh
source "$here/qemu_config.sh"

kvm=0 runs="" warmup="" json="" log="" timeout=600 labels=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kvm) kvm=1 ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --json) json=$2; shift ;;
    --log) log=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    --label) labels+=("$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

tmp=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/ares-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -n "$log" ] || log=$tmp/console.log

words=""
[ -z "$runs" ] || words="$words runs=$runs"
[ -z "$warmup" ] || words="$words warmup=$warmup"
for l in "${labels[@]}"; do words="$words $l"; done

mapfile -t qemu_args < <(bench_qemu_args "$arch" "$kvm")
launch=("$launcher" --serial-log "$log")
[ -z "$words" ] || launch+=(--append "${words# }")
[ "$kvm" = 0 ] || launch+=(--kvm)

if [ "$kvm" = 1 ]; then
  echo "CPU model: host (KVM), real time" >&2
else
  echo "CPU model: $(bench_cpu_model "$arch"), -icount $BENCH_ICOUNT" >&2
fi
echo -n "QEMU command line: " >&2
"${launch[@]}" --dry-run -- "${qemu_args[@]}" 2>&1 >/dev/null | tail -n 1 >&2

status=0
timeout --foreground "$timeout" "${launch[@]}" -- "${qemu_args[@]}" || status=$?
# The document is printed between two marker lines.
tr -d '\r' <"$log" | sed -n '/^=== ares-bench json begin ===$/,/^=== ares-bench json end ===$/p' \
  | sed '1d;$d' >"$tmp/bench.json"
if ! grep -q '^\]}' "$tmp/bench.json"; then
  echo "run.sh: no complete benchmark JSON in the console log (QEMU status $status):" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
cat "$tmp/bench.json"
[ -z "$json" ] || cp "$tmp/bench.json" "$json"
grep '^bench: ' "$log" >&2 || true
# isa-debug-exit makes QEMU's status (value << 1) | 1: 1 means the program exited with 0.
case "$arch:$status" in
  x86_64:1|aarch64:0) exit 0 ;;
  *) echo "run.sh: QEMU exited with status $status" >&2; exit 1 ;;
esac
