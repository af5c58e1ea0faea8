#!/usr/bin/env bash
# Boots a disk_system image twice on one writable copy of its disk (disk_system.bzl): each
# boot through tools/qemu/qemu_test.sh with its own expected lines, and between them the copy
# must differ from the disk as built in its last sector only, every byte of it. Without
# --expect-again lines, once.
set -uo pipefail

image="" disk="" device="" timeout_s=60 expects=() expects_again=() forbids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image=$2 ;;
    --disk) disk=$2 ;;
    --device) device=$2 ;;
    --timeout) timeout_s=$2 ;;
    --expect) expects+=(--expect "$2") ;;
    --expect-again) expects_again+=(--expect "$2") ;;
    --forbid) forbids+=(--forbid "$2") ;;
    *) echo "reboot_test.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

copy="$TEST_TMPDIR/disk.img"
cp "$disk" "$copy" && chmod u+w "$copy" || exit 1
outputs=${TEST_UNDECLARED_OUTPUTS_DIR:-$TEST_TMPDIR}
boot=(tools/qemu/qemu_test --image "$image" --exit-code 0 --timeout "$timeout_s"
      --qemu-arg -drive --qemu-arg "if=none,id=d0,format=raw,file=$copy"
      --qemu-arg -device --qemu-arg "$device,drive=d0" "${forbids[@]}")

echo "===== boot 1 ====="
mkdir -p "$outputs/boot1"
TEST_UNDECLARED_OUTPUTS_DIR="$outputs/boot1" "${boot[@]}" "${expects[@]}" || {
  echo "FAIL: boot 1"; exit 1; }

if [ "${#expects_again[@]}" = 0 ]; then
  echo "PASS: one boot"
  exit 0
fi

# What the first boot wrote is in the file: the last sector, every byte inverted, nothing else.
size=$(stat -c %s "$disk")
read -r changed outside < <(cmp -l "$disk" "$copy" |
  awk -v start=$((size - 512)) '$1 <= start { outside++ } END { print NR, outside + 0 }')
echo "bytes changed on the disk: $changed, outside its last sector: $outside"
if [ "$changed" != 512 ] || [ "$outside" != 0 ]; then
  echo "FAIL: the disk file does not hold what boot 1 wrote"
  exit 1
fi

echo "===== boot 2 ====="
mkdir -p "$outputs/boot2"
TEST_UNDECLARED_OUTPUTS_DIR="$outputs/boot2" "${boot[@]}" "${expects_again[@]}" || {
  echo "FAIL: boot 2"; exit 1; }
echo "PASS: both boots"
