#!/usr/bin/env bash
# Boots an Ares image (a manifest written by //tools/rules:image.bzl) in QEMU.
# Run through `bazel run //images:<image> -- [options]`; paths in the manifest are relative to
# the runfiles tree, which is where bazel run and bazel test start us.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: run.sh IMAGE_MANIFEST [options] [-- extra QEMU arguments]
  --gdb              start halted, wait for a debugger on localhost:1234 and print how to attach
  --kvm              use KVM where it works (QEMU falls back to emulation otherwise)
  --cmdline STRING   replace the kernel command line
  --append STRING    append to the kernel command line
  --serial-log FILE  send the serial console to FILE instead of the terminal (no monitor)
  --serial-input FILE  with --serial-log: the serial console's input is read from FILE (a
                     regular file, or a named pipe a test writes into while QEMU runs)
  --disk-dir DIR     keep the image's disk copies in DIR (made there on first use, reused
                     after: several boots see one disk); else a temporary directory
  --print-command    print the QEMU command line before starting it
  --dry-run          print the QEMU command line and exit
The serial console is on the terminal: Ctrl-A X quits QEMU, Ctrl-A C toggles its monitor.
USAGE
}

[ $# -ge 1 ] || { usage >&2; exit 2; }
manifest=$1
shift
QEMU_ARGS=()  # manifests of images that need no extra QEMU arguments may leave it out
DISKS=()      # nor disks
# shellcheck source=/dev/null
source "$manifest"

gdb=0 kvm=0 serial_log="" serial_input="" disk_dir="" print_command=0 dry_run=0 extra=()
cmdline=$CMDLINE
while [ $# -gt 0 ]; do
  case "$1" in
    --gdb) gdb=1 ;;
    --kvm) kvm=1 ;;
    --cmdline) cmdline=$2; shift ;;
    --append) cmdline="$cmdline $2"; shift ;;
    --serial-log) serial_log=$2; shift ;;
    --serial-input) serial_input=$2; shift ;;
    --disk-dir) disk_dir=$2; shift ;;
    --print-command) print_command=1 ;;
    --dry-run) dry_run=1 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
cmdline=${cmdline# }

case "$ARCH" in
  x86_64)
    qemu=(qemu-system-x86_64 -machine pc -m 512M -no-reboot
          -device isa-debug-exit,iobase=0xf4,iosize=0x04)
    firmware=/usr/share/ovmf/OVMF.fd
    drive_if=ide ;;
  aarch64)
    # -semihosting lets the kernel leave QEMU with a status code (SYS_EXIT).
    # acpi=off: the firmware then hands over the device tree, which the kernel reads with libfdt.
    qemu=(qemu-system-aarch64 -machine virt,gic-version=3,acpi=off -cpu cortex-a72 -m 512M -no-reboot
          -semihosting)
    firmware=/usr/share/qemu-efi-aarch64/QEMU_EFI.fd
    drive_if=virtio ;;
  *) echo "run.sh: unknown arch $ARCH" >&2; exit 2 ;;
esac

workdir=""
cleanup() { [ -z "$workdir" ] || rm -rf "$workdir"; }
trap cleanup EXIT

case "$BOOT" in
  multiboot)
    # Multiboot module 0 is the kernel, the boot modules follow.
    modules=$KERNEL
    for m in "${MODULES[@]}"; do modules="${modules:+$modules,}$m"; done
    qemu+=(-kernel "$LOADER" -append "$cmdline")
    [ -z "$modules" ] || qemu+=(-initrd "$modules") ;;
  efi)
    # QEMU serves a directory as a FAT drive; it must be writable (the firmware writes its
    # variables there) and vvfat keeps a temporary file in TMPDIR.
    workdir=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/ares-esp.XXXXXX")
    export TMPDIR=$workdir
    cp -rL "$ESP" "$workdir/esp"
    chmod -R u+w "$workdir/esp"
    printf '%s\n' "$cmdline" > "$workdir/esp/helios.cmdline"
    qemu+=(-bios "$firmware" -drive "if=$drive_if,format=raw,file=fat:rw:$workdir/esp") ;;
  *) echo "run.sh: unknown boot method $BOOT" >&2; exit 2 ;;
esac

# Disk i is a writable copy of the image's (the build's file stays as built), drive disk<i>:
# the image's QEMU arguments attach it to a device (-device nvme,drive=disk0,...).
if [ "${#DISKS[@]}" -gt 0 ]; then
  if [ -z "$disk_dir" ]; then
    [ -n "$workdir" ] || workdir=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/ares-disks.XXXXXX")
    disk_dir=$workdir/disks
  fi
  mkdir -p "$disk_dir"
  for i in "${!DISKS[@]}"; do
    copy="$disk_dir/disk$i.img"
    if [ ! -e "$copy" ]; then
      cp -L "${DISKS[$i]}" "$copy"
      chmod u+w "$copy"
    fi
    qemu+=(-drive "if=none,id=disk$i,format=raw,file=$copy")
  done
fi

if [ -n "$serial_input" ] && [ -z "$serial_log" ]; then
  echo "run.sh: --serial-input needs --serial-log" >&2; exit 2
fi
if [ -n "$serial_input" ]; then
  # QEMU 7.2's file chardev takes no input file (input-path came later); its pipe chardev
  # opens PATH.in and PATH.out read-write, whatever they are: the input (a writable copy of a
  # regular file, or the named pipe itself) and the log.
  [ -n "$workdir" ] || workdir=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/ares-serial.XXXXXX")
  if [ -p "$serial_input" ]; then
    ln -s "$(realpath "$serial_input")" "$workdir/serial.in"
  else
    cp -L "$serial_input" "$workdir/serial.in"
    chmod u+w "$workdir/serial.in"
  fi
  ln -s "$(realpath "$serial_log")" "$workdir/serial.out"
  qemu+=(-display none -monitor none -chardev "pipe,id=serial0,path=$workdir/serial"
         -serial chardev:serial0)
elif [ -n "$serial_log" ]; then
  qemu+=(-display none -monitor none -serial "file:$serial_log")
else
  qemu+=(-nographic)
fi

if [ "$kvm" = 1 ]; then
  # QEMU tries the accelerators in order: KVM, else emulation.
  if [ "$(uname -m)" != "$ARCH" ]; then
    echo "run.sh: KVM cannot run $ARCH on a $(uname -m) host: using emulation" >&2
  elif [ ! -w /dev/kvm ]; then
    echo "run.sh: /dev/kvm is not usable here: using emulation" >&2
  else
    qemu+=(-accel kvm -accel tcg)
  fi
fi

if [ "$gdb" = 1 ]; then
  qemu+=(-s -S)
  gdb_name=gdb
  [ "$ARCH" = "$(uname -m)" ] || gdb_name=gdb-multiarch  # Debian: apt-get install gdb-multiarch
  echo "QEMU is waiting for a debugger on localhost:1234. Attach with:" >&2
  echo "  $gdb_name -ex 'file $(realpath "$KERNEL")' -ex 'target remote localhost:1234'" >&2
fi

# The image's own arguments (QEMU_ARGS), then the caller's.
qemu+=("${QEMU_ARGS[@]}" "${extra[@]}")
if [ "$print_command" = 1 ] || [ "$dry_run" = 1 ]; then
  printf '%q ' "${qemu[@]}" >&2
  echo >&2
fi
[ "$dry_run" = 1 ] && exit 0
if [ -n "$serial_log" ]; then
  # Unattended (tests): QEMU in the background so a timeout's signal reaches it through us.
  "${qemu[@]}" </dev/null &
  qemu_pid=$!
  trap 'kill "$qemu_pid" 2>/dev/null' TERM INT HUP
  status=0
  wait "$qemu_pid" || status=$?
  # A signal interrupts wait before QEMU is gone: wait again for its real end.
  kill -0 "$qemu_pid" 2>/dev/null && { wait "$qemu_pid" || status=$?; }
  exit "$status"
fi
"${qemu[@]}"
