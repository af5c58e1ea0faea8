#!/usr/bin/env bash
# A QEMU boot test (see //tools/rules:qemu_test.bzl): boots an image with an inner timeout,
# keeps the serial log, and passes only on the expected exit status AND the expected lines.
set -uo pipefail

image="" expect_halt=0 exit_code=0 timeout_s=120 append="" boots=1 expects=() forbids=() stops=() qemu_args=()
host_time="" host_time_within=2 serial_input="" serial_input_after=""
while [ $# -gt 0 ]; do
  case "$1" in
    --expect-halt) expect_halt=1; shift; continue ;;
    --image) image=$2 ;;
    --exit-code) exit_code=$2 ;;
    --timeout) timeout_s=$2 ;;
    --append) append=$2 ;;
    --boots) boots=$2 ;;
    --expect) expects+=("$2") ;;
    --forbid) forbids+=("$2") ;;
    --stop-on) stops+=("$2") ;;
    --qemu-arg) qemu_args+=("$2") ;;
    --host-time) host_time=$2 ;;
    --host-time-within) host_time_within=$2 ;;
    --serial-input) serial_input=$2 ;;
    --serial-input-after) serial_input_after=$2 ;;
    *) echo "qemu_test.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

# shellcheck source=/dev/null
source "$image"
case "$ARCH" in
  x86_64) want_status=$(( (exit_code << 1) | 1 )) ;;  # isa-debug-exit
  aarch64) want_status=$exit_code ;;                  # semihosting SYS_EXIT
esac

if [ "$expect_halt" = 1 ] && [ "$boots" != 1 ]; then
  echo "qemu_test.sh: --expect-halt takes one boot" >&2
  exit 2
fi

outdir=${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-/tmp}}
log="$outdir/serial.log"
: > "$log"
# The image's disks (if any) are copied once, here: every boot sees what the last one wrote.
disk_dir=$(mktemp -d "${TEST_TMPDIR:-/tmp}/ares-disks.XXXXXX")
trap 'rm -rf "$disk_dir"' EXIT
run_args=(--print-command --disk-dir "$disk_dir")
[ -z "$append" ] || run_args+=(--append "$append")

# "ok" when every expected line is in the log in order, else "missing:<line>:<text>".
# Each search starts on the line of the previous match, so two markers may share a line.
find_expected() {
  local line_no=1 found want
  for want in "${expects[@]}"; do
    found=$(tail -n +"$line_no" "$log" | grep -n -F -m 1 -- "$want" | cut -d: -f1)
    [ -n "$found" ] || { echo "missing:$line_no:$want"; return 1; }
    line_no=$((line_no + found - 1))
  done
  echo "ok"
}

start=$EPOCHREALTIME
halted=0
stopped=""
first_seen=""
host_time_seen=""  # the host's clock (date +%s) when the --host-time line appeared
# Each boot (--boots N: the machine is started N times, a reboot with the same disks) logs on
# its own, then its log is added to serial.log; the expected lines are looked for in all.
for ((boot = 1; boot <= boots; boot++)); do
boot_log=$log
[ "$boots" = 1 ] || { boot_log="$outdir/serial.boot$boot.log"; : > "$boot_log"; }
# --serial-input FILE: the serial console's input. With --serial-input-after MARKER it goes
# in only once MARKER is in the log, through a named pipe: firmware that reads the console
# (UEFI's) would otherwise take it before the system is up.
boot_input=() fed=1 fifo=""
if [ -n "$serial_input" ] && [ -n "$serial_input_after" ]; then
  fifo="$disk_dir/serial-input.boot$boot"
  mkfifo "$fifo"
  boot_input=(--serial-input "$fifo")
  fed=0
elif [ -n "$serial_input" ]; then
  boot_input=(--serial-input "$serial_input")
fi
setsid timeout -k 5 "$timeout_s" tools/qemu/run.sh "$image" --serial-log "$boot_log" "${boot_input[@]}" "${run_args[@]}" -- "${qemu_args[@]}" &
qemu_pid=$!
# Watch the log while QEMU runs: note when the first expected line appears (boot-to-banner
# time for boot tests), and stop a machine that must halt once it has shown it has: a halted
# machine never exits, so after everything expected is printed it gets a few seconds to prove
# it stays halted (no reset, no exit), then it is stopped.
while kill -0 "$qemu_pid" 2>/dev/null; do
  if [ -z "$first_seen" ] && [ "${#expects[@]}" -gt 0 ] && grep -q -F -- "${expects[0]}" "$boot_log"; then
    first_seen=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  fi
  if [ -n "$host_time" ] && [ -z "$host_time_seen" ] && grep -q -F -- "$host_time" "$boot_log"; then
    host_time_seen=$(date +%s)
  fi
  # QEMU holds the pipe open (read-write) from its start: opening it to write does not block.
  if [ "$fed" = 0 ] && grep -q -F -- "$serial_input_after" "$boot_log"; then
    cat "$serial_input" > "$fifo" &
    fed=1
  fi
  # A stop marker (a kernel fault report, after which the kernel halts): the rest of the report
  # gets 2 s to arrive, then QEMU is stopped instead of waiting for the timeout.
  for marker in "${stops[@]}"; do
    if grep -q -F -- "$marker" "$boot_log"; then
      stopped=$marker
      sleep 2
      kill -TERM -- -"$qemu_pid" 2>/dev/null
      break 2
    fi
  done
  if [ "$expect_halt" = 1 ] && [ "$(find_expected)" = ok ]; then
    sleep 3
    if kill -0 "$qemu_pid" 2>/dev/null; then
      halted=1
      kill -TERM -- -"$qemu_pid" 2>/dev/null
    fi
    break
  fi
  sleep 0.1
done
wait "$qemu_pid"
status=$?
# A line printed just before QEMU exited may not have been seen by the loop: now is then.
[ -n "$host_time" ] && [ -z "$host_time_seen" ] && grep -q -F -- "$host_time" "$boot_log" &&
  host_time_seen=$(date +%s)
[ "$boots" = 1 ] || cat "$boot_log" >> "$log"
# A boot that did not end as wanted is the verdict: no further boot.
[ -z "$stopped" ] && [ "$halted" = 0 ] && [ "$status" = "$want_status" ] || break
done
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
if [ -z "$first_seen" ] && [ "${#expects[@]}" -gt 0 ] && grep -q -F -- "${expects[0]}" "$log"; then
  first_seen="<= $elapsed"
fi

failures=()
fail() { failures+=("$*"); }

if [ -n "$stopped" ]; then
  fail "QEMU stopped after '$stopped'"
elif [ "$expect_halt" = 1 ]; then
  [ "$halted" = 1 ] || fail "the machine should have halted, but QEMU ended with status $status"
elif [ "$status" = 124 ] || [ "$status" = 137 ]; then
  fail "QEMU did not finish within ${timeout_s}s (boot $boot of $boots)"
elif [ "$status" != "$want_status" ]; then
  fail "QEMU exited with status $status, expected $want_status (kernel status $exit_code; boot $boot of $boots)"
fi

result=$(find_expected)
if [ "$result" != ok ]; then
  IFS=: read -r _ after what <<<"$result"
  fail "expected line not found (from line $after on): $what"
fi

# --host-time MARKER: the number right after MARKER on its first line is the guest's time in
# seconds since 1970; it must be within --host-time-within seconds of the host's (date +%s,
# whole seconds as the guest's) when the line appeared, and not before the run began.
host_time_report=""
if [ -n "$host_time" ]; then
  guest_time=$(tr -d '\r' < "$log" | MARKER="$host_time" awk '
    (i = index($0, ENVIRON["MARKER"])) {
      rest = substr($0, i + length(ENVIRON["MARKER"]))
      if (match(rest, /^[0-9]+/)) print substr(rest, 1, RLENGTH)
      exit
    }')
  if [ -z "$guest_time" ]; then
    fail "no line with '$host_time' followed by a number of seconds"
  else
    host_time_report=$(awk -v g="$guest_time" -v h="$host_time_seen" -v s="$start" -v n="$host_time_within" 'BEGIN {
      d = g - h; if (d < 0) d = -d
      printf "guest time %s, host time %s when it appeared: %d s apart (at most %d)", g, h, d, n
      exit !(d <= n && g >= int(s) - n)
    }') || fail "host time: $host_time_report"
  fi
fi

for marker in "${forbids[@]}"; do
  if grep -q -F -- "$marker" "$log"; then
    fail "forbidden marker in the log: $(grep -F -m 1 -- "$marker" "$log")"
  fi
done

# The serial log goes into test.log too (Bazel zips the undeclared outputs).
echo "----- serial log -----"
tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
echo "----------------------"
echo "QEMU ran ${elapsed}s, exit status $status"
[ -z "$first_seen" ] || echo "first expected line ('${expects[0]}') after ${first_seen}s"
[ -z "$host_time_report" ] || echo "host time: $host_time_report"
if [ "${#failures[@]}" -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
