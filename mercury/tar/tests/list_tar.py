#!/usr/bin/env python3
"""Lists a tar archive with Python's tarfile in the format of reader_listing.h (the C
reader's), so that a test can compare the two readers line by line.

usage: list_tar.py ARCHIVE > LISTING

One line per entry: "<type> <mode> <uid> <gid> <mtime> <size> <name>[ -> <link>]", the mode
as four octal digits. Names are canonical as //mercury/tar makes them (posixpath.normpath,
which for the names here is the same: none has "..", none starts with '/'); so is a hard
link's target; a symbolic link's is as stored.
"""

import posixpath
import sys
import tarfile

TYPES = {
    tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file", tarfile.CONTTYPE: "file",
    tarfile.LNKTYPE: "hardlink", tarfile.SYMTYPE: "symlink", tarfile.CHRTYPE: "chardev",
    tarfile.BLKTYPE: "blockdev", tarfile.DIRTYPE: "dir", tarfile.FIFOTYPE: "fifo",
}


def line(member):
    link = ""
    if member.islnk():
        link = " -> " + posixpath.normpath(member.linkname)
    elif member.issym():
        link = " -> " + member.linkname
    return "%s %04o %d %d %d %d %s%s" % (
        TYPES.get(member.type, "other"), member.mode & 0o7777, member.uid, member.gid,
        member.mtime, member.size, posixpath.normpath(member.name), link)


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tarfile.open(argv[0], format=tarfile.USTAR_FORMAT) as archive:
        for member in archive:
            print(line(member))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
