#!/usr/bin/env python3
"""The virtio-blk tests' disk and the sysinit.conf files that tell their client what to expect.

Every byte of the disk follows from its position (sector number and offset), so no two sectors
are alike. The client is given the disk's sector count, its FNV-1a (64-bit) checksum as built,
and its checksum once the client's phase 1 has written the last sector with every bit
inverted: the client compares what it reads with these, computed here, not with constants of
its own. Each --conf TEMPLATE OUT has @SECTORS@, @SUM@, @SUM_WRITTEN@ and each --set NAME
filled in.
"""

import argparse

SECTOR = 512
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1


def sector_bytes(number):
    """Sector `number`: its number in its first 8 bytes, then a pattern of number and offset."""
    head = number.to_bytes(8, "little")
    body = bytes((number * 7 + i * 13 + (number >> 8)) & 0xFF for i in range(8, SECTOR))
    return head + body


def fnv1a(data):
    h = FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sectors", type=int, required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--conf", nargs=2, action="append", default=[],
                        metavar=("TEMPLATE", "OUT"))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    image = b"".join(sector_bytes(n) for n in range(args.sectors))
    last = args.sectors * SECTOR - SECTOR
    written = image[:last] + bytes(b ^ 0xFF for b in image[last:])
    with open(args.image, "wb") as f:
        f.write(image)
    values = {
        "SECTORS": str(args.sectors),
        "SUM": "%016x" % fnv1a(image),
        "SUM_WRITTEN": "%016x" % fnv1a(written),
    }
    for item in args.set:
        name, _, value = item.partition("=")
        values[name] = value
    for template, out in args.conf:
        with open(template) as f:
            conf = f.read()
        for name, value in values.items():
            conf = conf.replace("@%s@" % name, value)
        if "@" in conf:
            raise SystemExit("make_disk.py: %s: a @NAME@ left unfilled" % template)
        with open(out, "w") as f:
            f.write(conf)


if __name__ == "__main__":
    main()
