#!/usr/bin/env bash
# Boots Debian's Linux kernel in QEMU with the Linux baseline benchmark program as its whole
# initramfs, and prints the JSON document the program writes on the console (README.md).
# Run through `bazel run //benchmarks/linux:x86_64 -- [options]` (or :aarch64); the BUILD
# file passes the first four options, the rest are the user's.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: run.sh --arch ARCH --kernel VMLINUZ --kernel-version FILE --initramfs CPIO [options]
  --append ARGS      add to the kernel command line (e.g. pti=off, nokaslr)
  --runs N           counted iterations per benchmark (default: the program's, 1000)
  --warmup N         warm-up iterations per benchmark (default: the program's, 16)
  --cpu MODEL        another QEMU CPU model (e.g. qemu64, whose AMD vendor turns PTI off)
  --no-icount        plain emulation timings instead of instruction counts
  --kvm              use KVM where it works (the host's CPU; no instruction counts)
  --console          show the whole console log, not only the JSON
  --log FILE         keep the console log in FILE
  --json FILE        also write the JSON document to FILE
  --timeout SECONDS  stop QEMU after this long (default: never)
  --dry-run          print the QEMU command line and exit
USAGE
}

# The CPU models and icount setting of the figures of record: the Helios benchmarks' own
# (../qemu_config.sh; in runfiles, benchmarks/qemu_config.sh). The x86_64 model is an Intel
# one, so Linux turns page-table isolation on; pti=off turns it off.
config=$(dirname "$0")/../qemu_config.sh
[ -f "$config" ] || config=benchmarks/qemu_config.sh
# shellcheck source=benchmarks/qemu_config.sh
source "$config"
BEGIN_MARK="=== ares-bench json begin ==="
END_MARK="=== ares-bench json end ==="

arch="" kernel="" version_file="" initramfs="" append="" runs="" warmup=""
cpu_override="" icount=1 kvm=0 console=0 log="" json="" timeout_s=0 dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=$2; shift ;;
    --kernel) kernel=$2; shift ;;
    --kernel-version) version_file=$2; shift ;;
    --initramfs) initramfs=$2; shift ;;
    --append) append="$append $2"; shift ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --cpu) cpu_override=$2; shift ;;
    --no-icount) icount=0 ;;
    --kvm) kvm=1 ;;
    --console) console=1 ;;
    --log) log=$2; shift ;;
    --json) json=$2; shift ;;
    --timeout) timeout_s=$2; shift ;;
    --dry-run) dry_run=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ -n "$arch" ] && [ -n "$kernel" ] && [ -n "$initramfs" ] || { usage >&2; exit 2; }
# Absolute paths, so the printed command line works from anywhere.
kernel=$(realpath "$kernel")
initramfs=$(realpath "$initramfs")

# panic=-1: should anything go wrong, the kernel reboots at once, which -no-reboot turns into
# QEMU's exit. Unknown key=value words become init's environment (bench_runs, bench_warmup).
cmdline="quiet panic=-1"
[ -z "$runs" ] || cmdline="$cmdline bench_runs=$runs"
[ -z "$warmup" ] || cmdline="$cmdline bench_warmup=$warmup"
case "$arch" in
  x86_64)
    qemu=(qemu-system-x86_64 -machine pc)
    cmdline="console=ttyS0 $cmdline" ;;
  aarch64)
    # QEMU writes the device tree and hands it to the kernel, as it does for any -kernel Image.
    qemu=(qemu-system-aarch64 -M virt)
    cmdline="console=ttyAMA0 $cmdline" ;;
  *) echo "run.sh: unknown arch $arch" >&2; exit 2 ;;
esac
cmdline="$cmdline${append}"
cpu=${cpu_override:-$(bench_cpu_model "$arch")}

if [ "$kvm" = 1 ]; then
  if [ "$(uname -m)" != "$arch" ]; then
    echo "run.sh: KVM cannot run $arch on a $(uname -m) host: using emulation" >&2; kvm=0
  elif [ ! -w /dev/kvm ]; then
    echo "run.sh: /dev/kvm is not usable here: using emulation" >&2; kvm=0
  fi
fi
if [ "$kvm" = 1 ]; then
  cpu=host
  qemu+=(-accel kvm)
fi
# CPU model, one CPU and (under emulation, unless --no-icount) the instruction count.
mapfile -t config_args < <(bench_qemu_args "$arch" "$kvm" "$icount" "$cpu")
qemu+=("${config_args[@]}" -m 512M -nographic -no-reboot
       -kernel "$kernel" -initrd "$initramfs" -append "$cmdline")

echo "QEMU command: $(printf '%q ' "${qemu[@]}")"
case "$kvm$icount" in
  1*) mode=" (KVM, real time)" ;;
  00) mode=" (emulation, no icount)" ;;
  *) mode=", -icount $BENCH_ICOUNT" ;;
esac
echo "CPU model: $cpu$mode"
echo "Kernel: $(cat "$version_file" 2>/dev/null || echo unknown)"
[ "$dry_run" = 1 ] && exit 0

workdir=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/linux-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
[ -n "$log" ] || log=$workdir/console.log
status=0
if [ "$timeout_s" != 0 ]; then
  timeout --kill-after=5 "$timeout_s" "${qemu[@]}" </dev/null >"$log" 2>&1 || status=$?
else
  "${qemu[@]}" </dev/null >"$log" 2>&1 || status=$?
fi
# The serial console ends lines with CR LF, and firmware writes terminal escapes.
tr -d '\r' <"$log" >"$workdir/console.txt"
if [ "$console" = 1 ]; then
  cat "$workdir/console.txt"
fi
# The document: the lines between the marker lines (the first may follow firmware escapes).
awk -v b="$BEGIN_MARK" -v e="$END_MARK" '
  $0 == e { on = 0 }
  on { print }
  substr($0, length($0) - length(b) + 1) == b { on = 1 }' \
  "$workdir/console.txt" >"$workdir/result.json"

fail() {
  echo "run.sh: $*" >&2
  [ "$console" = 1 ] || { echo "--- console (last 30 lines) ---" >&2; tail -n 30 "$workdir/console.txt" >&2; }
  exit 1
}
[ "$status" = 0 ] || fail "QEMU exited with status $status$([ "$status" = 124 ] && echo " (timeout)")"
grep -qx -- "$END_MARK" "$workdir/console.txt" && [ -s "$workdir/result.json" ] ||
  fail "no JSON document on the console"
grep -qx "bench: done" "$workdir/console.txt" || fail "the benchmark program reported a failure"
[ "$console" = 1 ] || cat "$workdir/result.json"
[ -z "$json" ] || cp "$workdir/result.json" "$json"
