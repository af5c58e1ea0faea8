#!/usr/bin/env python3
"""Checks a benchmark results document (//benchmarks/report, format "ares-bench-1").

Used by the benchmark tests (bench_test.sh) of the Helios benchmark program and of the Linux
baseline: the document must be well-formed JSON, say the format, system and architecture
asked for, carry the header fields every consumer reads, and list exactly the expected
benchmarks, in order, each a complete summary of `runs` samples. No timing is judged.

usage: check_json.py FILE --system helios|linux --arch ARCH --runs N [--warmup N]
Exits 0 if the document passes, 1 (listing every problem) if not, 2 on bad usage.
"""

import argparse
import json
import sys

FORMAT = "ares-bench-1"

# The benchmarks each program reports, in the order it reports them (the names in
# benchmarks/helios/*.c and benchmarks/linux/*.c). A benchmark added there is added here.
IPC_CASES = ["0", "4", "10", "cap", "same_vspace_0", "same_vspace_4"]
EXPECTED = {
    "helios": [name for case in IPC_CASES
               for name in ("ipc_call_" + case, "ipc_replyrecv_" + case)] + [
        "notification_signal_wait",
        "syscall_null",
        "syscall_yield",
        "syscall_clock",
        "page_map",
        "page_unmap",
        "fault_delivery",
        "fault_resume",
        "fault_round_trip",
        "irq_latency",
        "registry_lookup",
    ],
    "linux": [
        "syscall_null",
        "syscall_yield",
        "syscall_clock",
        "pipe_round_trip",
        "futex_round_trip",
    ],
}

# Header fields besides format, system, arch and benchmarks.
HEADER = ["counter", "warmup", "runs"]
SYSTEM_HEADER = {
    "helios": ["unit"],
    "linux": ["kernel", "pti"],
}

ENTRY_KEYS = ["name", "count", "min", "median", "mean", "max", "stddev", "overhead"]


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise ValueError("duplicate keys %s" % ", ".join(dups))
    return dict(pairs)


def _no_constant(name):
    raise ValueError("%s is not JSON" % name)


def parse(text):
    """The document, or a ValueError saying why the text is not one JSON object."""
    doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    if not isinstance(doc, dict):
        raise ValueError("the document is not a JSON object")
    return doc


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0


def check_entry(b, runs):
    """Problems with one benchmark entry."""
    if not isinstance(b, dict):
        return ["entry %r is not an object" % (b,)]
    name = b.get("name", "?")
    keys = sorted(b)
    if keys != sorted(ENTRY_KEYS):
        return ["%s: fields %s, expected %s" % (name, ", ".join(keys), ", ".join(ENTRY_KEYS))]
    bad = [k for k in ENTRY_KEYS[1:] if not _is_number(b[k])]
    if bad:
        return ["%s: %s not a non-negative number" % (name, ", ".join(bad))]
    problems = []
    if b["count"] != runs:
        problems.append("%s: count %r, expected %d" % (name, b["count"], runs))
    if not b["min"] <= b["median"] <= b["max"]:
        problems.append("%s: not min <= median <= max: %r" % (name, b))
    if not b["min"] <= b["mean"] <= b["max"]:
        problems.append("%s: mean outside min..max: %r" % (name, b))
    return problems


def check(doc, system, arch, runs, warmup=None):
    """Every problem with a parsed document (an empty list if it passes)."""
    problems = []
    for key, want in [("format", FORMAT), ("system", system), ("arch", arch)]:
        if doc.get(key) != want:
            problems.append("%s is %r, expected %r" % (key, doc.get(key), want))
    for key in HEADER + SYSTEM_HEADER[system]:
        if key not in doc:
            problems.append("no header field " + key)
    if doc.get("runs") != runs:
        problems.append("runs is %r, expected %d" % (doc.get("runs"), runs))
    if warmup is not None and doc.get("warmup") != warmup:
        problems.append("warmup is %r, expected %d" % (doc.get("warmup"), warmup))
    benchmarks = doc.get("benchmarks")
    if not isinstance(benchmarks, list):
        return problems + ["no benchmarks list"]
    names = [b.get("name") if isinstance(b, dict) else None for b in benchmarks]
    expected = EXPECTED[system]
    if names != expected:
        missing = [n for n in expected if n not in names]
        extra = [n for n in names if n not in expected]
        problems.append("benchmarks %s; missing %s; unexpected %s" % (
            names, missing or "none", extra or "none"))
    for b in benchmarks:
        problems += check_entry(b, runs)
    return problems


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--system", required=True, choices=sorted(EXPECTED))
    ap.add_argument("--arch", required=True)
    ap.add_argument("--runs", required=True, type=int)
    ap.add_argument("--warmup", type=int)
    args = ap.parse_args(argv)
    try:
        with open(args.file, encoding="utf-8") as f:
            doc = parse(f.read())
    except (OSError, ValueError) as e:
        print("check_json: %s: %s" % (args.file, e), file=sys.stderr)
        return 1
    problems = check(doc, args.system, args.arch, args.runs, args.warmup)
    for p in problems:
        print("check_json: %s: %s" % (args.file, p), file=sys.stderr)
    if problems:
        return 1
    print("check_json: %s: well-formed, %s %s, %d benchmarks of %d runs" % (
        args.file, args.system, args.arch, len(doc["benchmarks"]), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
