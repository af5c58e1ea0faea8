# The QEMU configuration every benchmark figure is measured in (docs/performance.md), sourced
# by the benchmark runners (Helios and the Linux baseline alike) so both use the same one.
#
# bench_qemu_args ARCH KVM [ICOUNT [CPU]]: prints the QEMU arguments, one per line. Under
# emulation (KVM=0): a fixed CPU model (or CPU, for a comparison run), one CPU, and, unless
# ICOUNT is 0, -icount shift=0,sleep=off, which makes the guest's time counters advance once
# per instruction, so figures are deterministic instruction path lengths (ICOUNT=0 gives
# plain emulation timings, which are emulator artefacts). With KVM=1: the host CPU, real time
# (for users on real hardware).

# An Intel model (Haswell) that QEMU 7.2's TCG accepts with `enforce`: TCG offers no PCID,
# INVPCID, x2APIC or TSC-deadline, and a kernel that sets CR4.OSXSAVE with +xsave,-xsaveopt
# hangs under TCG.
BENCH_CPU_X86_64="Haswell,-vme,+pdpe1gb,+xsave,+xsaveopt,-xsavec,+fsgsbase,-pcid,-invpcid,-hle,-rtm,-x2apic,-tsc-deadline,+syscall,+lm,enforce"
BENCH_CPU_AARCH64="cortex-a72"
BENCH_ICOUNT="shift=0,sleep=off"

bench_cpu_model() {
  case "$1" in
    x86_64) echo "$BENCH_CPU_X86_64" ;;
    aarch64) echo "$BENCH_CPU_AARCH64" ;;
    *) echo "qemu_config.sh: unknown arch $1" >&2; return 2 ;;
  esac
}

bench_qemu_args() {
  local arch=$1 kvm=$2 icount=${3:-1} cpu=${4:-}
  [ -n "$cpu" ] || cpu=$(bench_cpu_model "$arch") || return 2
  if [ "$kvm" = 1 ]; then
    printf '%s\n' -cpu host -smp 1
  elif [ "$icount" = 0 ]; then
    printf '%s\n' -cpu "$cpu" -smp 1
  else
    printf '%s\n' -cpu "$cpu" -smp 1 -icount "$BENCH_ICOUNT"
  fi
}
