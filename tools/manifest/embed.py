#!/usr/bin/env python3
"""Checks a driver's manifest and writes it out for mercury_driver (tools/rules/driver.bzl):
the text, and an assembly file that puts it, NUL-terminated, in the section .ares.manifest.

    embed.py --label //pkg:name --text OUT.txt --asm OUT.S -- LINE...

A bad manifest fails the build with each error as `LABEL: line N: message`."""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest  # noqa: E402

# Not allocated ("" flags): the device manager reads it from the file; it takes no memory in
# the running driver. %progbits: `@` starts a comment in aarch64 assembly.
SECTION_DIRECTIVE = '\t.section %s,"",%%progbits' % manifest.SECTION


def assembly(label, data):
    lines = ["/* The manifest of %s, written by tools/manifest/embed.py. */" % label,
             SECTION_DIRECTIVE]
    for i in range(0, len(data), 16):
        lines.append("\t.byte " + ",".join("0x%02x" % b for b in data[i:i + 16]))
    return "\n".join(lines) + "\n"


def errors_of(lines):
    """[(line, message)]: the manifest's errors, and a line that is not one line."""
    for number, line in enumerate(lines, 1):
        if "\n" in line:
            return [(number, "a line holds a newline: give each line as a string of its own")]
    return manifest.parse("".join(line + "\n" for line in lines))[1]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--text", required=True)
    parser.add_argument("--asm", required=True)
    parser.add_argument("lines", nargs="*")
    args = parser.parse_args(argv)
    errors = errors_of(args.lines)
    if errors:
        for line, message in errors:
            if line:
                print("%s: line %d: %s" % (args.label, line, message), file=sys.stderr)
            else:
                print("%s: %s" % (args.label, message), file=sys.stderr)
        return 1
    data = "".join(line + "\n" for line in args.lines).encode()
    with open(args.text, "wb") as f:
        f.write(data)
    with open(args.asm, "w") as f:
        f.write(assembly(args.label, data + b"\0"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
