#!/usr/bin/env python3
"""Writes an initramfs: a deterministic USTAR archive of files and directories.

usage: make_initramfs.py --output OUT [--file PATH SOURCE]... [--dir PATH]...

Each --file puts the contents of SOURCE at PATH in the archive; each --dir makes an empty
directory. Every directory a path implies is made too. Entries are sorted by path, component
by component, so a directory comes before what it holds. Every entry has mtime 0, uid and
gid 0 and no owner names; a directory has mode 0755, a file 0755 if SOURCE is executable by
anyone, else 0644. The same inputs always make the same bytes (docs/initramfs.md).

A PATH is relative, its components separated by single slashes, none empty, "." or "..".
Refused, with a message naming the path: a PATH that is not such a path or is too long for
USTAR (a 100-byte name, or a 155-byte prefix and a 100-byte name split at a slash), two
files at one path, a file at a path something else is inside, and a SOURCE that is not a
file.
"""

import argparse
import io
import os
import stat
import sys
import tarfile

DIR_MODE = 0o755
EXECUTABLE_MODE = 0o755
FILE_MODE = 0o644


class InitramfsError(Exception):
    """A reason the archive cannot be made."""


def check_path(path):
    """Refuses a path that is not relative and canonical; returns its components."""
    components = path.split("/")
    if path.startswith("/") or any(c in ("", ".", "..") for c in components):
        raise InitramfsError(
            f"bad archive path {path!r}: it must be relative, without empty, '.' or '..' "
            "components")
    if "\0" in path:
        raise InitramfsError(f"bad archive path {path!r}: NUL byte")
    return tuple(components)


def collect(files, dirs):
    """The archive's entries: {components: source, or None for a directory}."""
    entries = {}
    for path, source in files:
        key = check_path(path)
        if key in entries:
            raise InitramfsError(f"two files at {path!r}")
        entries[key] = source
    for path in dirs:
        key = check_path(path)
        if entries.get(key, None) is not None:
            raise InitramfsError(f"{path!r} is both a file and a directory")
        entries[key] = None
    for key in list(entries):
        for depth in range(1, len(key)):
            parent = key[:depth]
            if entries.get(parent, None) is not None:
                raise InitramfsError(
                    f"{'/'.join(parent)!r} is a file, but {'/'.join(key)!r} is inside it")
            entries[parent] = None
    return entries


def file_mode(source):
    """0755 for a file anyone may run, 0644 for any other; refuses what is not a file."""
    try:
        st = os.stat(source)
    except OSError as e:
        raise InitramfsError(f"cannot read {source}: {e.strerror}") from e
    if not stat.S_ISREG(st.st_mode):
        raise InitramfsError(f"{source} is not a file")
    return EXECUTABLE_MODE if st.st_mode & 0o111 else FILE_MODE


def tar_info(key, source):
    """The header of one entry, every field fixed but name, type, mode and size."""
    info = tarfile.TarInfo("/".join(key))
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if source is None:
        info.type = tarfile.DIRTYPE
        info.mode = DIR_MODE
    else:
        info.type = tarfile.REGTYPE
        info.mode = file_mode(source)
        info.size = os.path.getsize(source)
    return info


def write_archive(output, entries):
    """Writes the entries, sorted, to `output` (a path)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for key in sorted(entries):
            source = entries[key]
            info = tar_info(key, source)
            try:
                if source is None:
                    archive.addfile(info)
                else:
                    with open(source, "rb") as data:
                        archive.addfile(info, data)
            except ValueError as e:  # tarfile: a name USTAR cannot hold
                raise InitramfsError(f"archive path {info.name!r}: {e}") from e
    with open(output, "wb") as out:
        out.write(buffer.getvalue())


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, help="the archive to write")
    parser.add_argument("--file", nargs=2, action="append", default=[],
                        metavar=("PATH", "SOURCE"), help="SOURCE's contents at PATH")
    parser.add_argument("--dir", action="append", default=[], metavar="PATH",
                        help="an empty directory at PATH")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    try:
        write_archive(args.output, collect(args.file, args.dir))
    except InitramfsError as e:
        print(f"make_initramfs: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
