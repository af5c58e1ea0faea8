#!/usr/bin/env python3
"""Tests of make_initramfs.py: the archive it writes (read back with tarfile and as raw
headers), that it writes the same bytes whatever the inputs' times and order, and every
input it refuses."""

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_initramfs  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_initramfs.py")
BLOCK = 512


class Tree:
    """Source files in a temporary directory."""

    def __init__(self, test):
        tmp = tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR"))
        test.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def file(self, name, data=b"", mode=0o644, mtime=1234567890):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, mode)
        os.utime(path, (mtime, mtime))
        return path


def build(files=(), dirs=()):
    """Runs the script as Bazel does; returns (exit status, stderr, archive bytes or None)."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR")) as d:
        out = os.path.join(d, "out.tar")
        argv = [sys.executable, SCRIPT, "--output", out]
        for path, source in files:
            argv += ["--file", path, source]
        for path in dirs:
            argv += ["--dir", path]
        run = subprocess.run(argv, capture_output=True, text=True, check=False)
        data = None
        if os.path.exists(out):
            with open(out, "rb") as f:
                data = f.read()
        return run.returncode, run.stderr, data


def headers(data):
    """The raw header blocks of an archive, in order (data blocks skipped)."""
    blocks, offset = [], 0
    while data[offset:offset + BLOCK] != bytes(BLOCK):
        header = data[offset:offset + BLOCK]
        blocks.append(header)
        size = int(header[124:136].rstrip(b"\0 "), 8)
        offset += BLOCK + (size + BLOCK - 1) // BLOCK * BLOCK
    return blocks


class ArchiveTest(unittest.TestCase):
    def setUp(self):
        self.tree = Tree(self)
        self.prog = self.tree.file("prog", b"\x7fELF program", mode=0o555)
        self.conf = self.tree.file("conf", b"key = value\n", mode=0o600)
        self.files = [("bin/prog", self.prog), ("etc/sysinit/conf", self.conf),
                      ("a/b/c/d", self.conf), ("bin.d/x", self.conf)]
        status, err, self.data = build(self.files, dirs=["tmp", "etc"])
        self.assertEqual(status, 0, err)
        self.archive = tarfile.open(fileobj=io.BytesIO(self.data))

    def test_entries_sorted_with_directories_first(self):
        # By component: a directory's contents follow it at once ("bin.d" < "bin/prog" as text).
        self.assertEqual(self.archive.getnames(), [
            "a", "a/b", "a/b/c", "a/b/c/d", "bin", "bin/prog", "bin.d", "bin.d/x", "etc",
            "etc/sysinit", "etc/sysinit/conf", "tmp"])

    def test_types_and_modes(self):
        for m in self.archive.getmembers():
            if m.name in ("bin/prog",):
                self.assertEqual((m.type, m.mode), (tarfile.REGTYPE, 0o755), m.name)
            elif m.name in ("etc/sysinit/conf", "a/b/c/d", "bin.d/x"):
                self.assertEqual((m.type, m.mode), (tarfile.REGTYPE, 0o644), m.name)
            else:
                self.assertEqual((m.type, m.mode), (tarfile.DIRTYPE, 0o755), m.name)

    def test_owner_and_time_are_fixed(self):
        for m in self.archive.getmembers():
            self.assertEqual((m.mtime, m.uid, m.gid, m.uname, m.gname), (0, 0, 0, "", ""),
                             m.name)

    def test_contents(self):
        self.assertEqual(self.archive.extractfile("bin/prog").read(), b"\x7fELF program")
        self.assertEqual(self.archive.extractfile("etc/sysinit/conf").read(), b"key = value\n")

    def test_plain_ustar(self):
        blocks = headers(self.data)
        self.assertEqual(len(blocks), 12)
        for h in blocks:
            self.assertEqual(h[257:265], b"ustar\x0000")  # magic and version
            self.assertIn(h[156:157], (b"0", b"5"))  # no pax or GNU headers
        self.assertEqual(len(self.data) % 10240, 0)  # whole records, end blocks included

    def test_same_bytes_whatever_the_inputs_times_and_order(self):
        later = Tree(self)
        prog = later.file("p", b"\x7fELF program", mode=0o700, mtime=2000000000)
        conf = later.file("c", b"key = value\n", mode=0o640, mtime=1)
        files = [("bin.d/x", conf), ("a/b/c/d", conf), ("etc/sysinit/conf", conf),
                 ("bin/prog", prog)]
        status, err, data = build(files, dirs=["etc", "tmp", "etc/sysinit"])
        self.assertEqual(status, 0, err)
        self.assertEqual(data, self.data)


class LongPathTest(unittest.TestCase):
    def test_prefix_holds_up_to_155_bytes(self):
        tree = Tree(self)
        src = tree.file("f", b"x")
        path = "p" * 150 + "/" + "n" * 100
        status, err, data = build([(path, src)])
        self.assertEqual(status, 0, err)
        member = tarfile.open(fileobj=io.BytesIO(data)).getmember(path)
        self.assertEqual(member.size, 1)
        blocks = headers(data)
        self.assertEqual(blocks[-1][0:100], b"n" * 100)  # the name field, full, no NUL
        self.assertEqual(blocks[-1][345:345 + 150], b"p" * 150)  # the prefix

    def test_directory_whose_last_component_fills_a_name_field(self):
        # Stored as "var/vvv.../": tarfile leaves the name field empty, all in the prefix.
        path = "var/" + "v" * 100
        status, err, data = build(dirs=[path])
        self.assertEqual(status, 0, err)
        self.assertEqual(tarfile.open(fileobj=io.BytesIO(data)).getnames(), ["var", path])
        self.assertEqual(headers(data)[-1][0:100], bytes(100))

    def test_too_long_is_refused(self):
        tree = Tree(self)
        src = tree.file("f", b"x")
        for path in ["n" * 101, "p" * 156 + "/n", "p/" + "n" * 101]:
            status, err, _ = build([(path, src)])
            self.assertEqual(status, 1, path)
            self.assertIn("too long", err)


class RefusalTest(unittest.TestCase):
    def setUp(self):
        self.src = Tree(self).file("f", b"x")

    def refused(self, files=(), dirs=(), message=""):
        status, err, data = build(files, dirs)
        self.assertEqual(status, 1, (files, dirs))
        self.assertIn(message, err)
        self.assertTrue(err.startswith("make_initramfs: "), err)
        self.assertIsNone(data, "no archive is left behind")

    def test_paths_that_are_not_canonical(self):
        for path in ["", "/bin/x", "bin//x", "bin/x/", "./bin/x", "bin/./x", "../x", "a/../x",
                     "..", "."]:
            self.refused([(path, self.src)], message="bad archive path")
            self.refused(dirs=[path], message="bad archive path")

    def test_two_files_at_one_path(self):
        self.refused([("bin/x", self.src), ("bin/x", self.src)], message="two files at 'bin/x'")

    def test_file_that_is_also_a_directory(self):
        self.refused([("bin", self.src), ("bin/x", self.src)],
                     message="'bin' is a file, but 'bin/x' is inside it")
        self.refused([("tmp", self.src)], dirs=["tmp/x"], message="'tmp' is a file")
        self.refused([("tmp", self.src)], dirs=["tmp"], message="'tmp' is both")

    def test_source_not_a_file(self):
        self.refused([("x", os.path.dirname(self.src))], message="is not a file")
        self.refused([("x", self.src + ".missing")], message="cannot read")


class CollectTest(unittest.TestCase):
    def test_directories_implied_once(self):
        entries = make_initramfs.collect([("a/b/f", "s"), ("a/g", "s")], ["a/b", "a"])
        self.assertEqual(sorted(entries), [("a",), ("a", "b"), ("a", "b", "f"), ("a", "g")])
        self.assertIsNone(entries[("a", "b")])


if __name__ == "__main__":
    unittest.main()
