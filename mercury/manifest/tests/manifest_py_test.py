#!/usr/bin/env python3
"""Tests of tools/manifest: manifest.py on every case of cases.txt (the C parser's errors, word
for word), what it parses, its ELF reader on the built drivers and on damaged files, embed.py's
output and its errors, and report.py: the report of the test image, and files it must take in
its stride. Runs from the runfiles root."""

import io
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, "tools/manifest")
sys.path.insert(0, "mercury/manifest/tests")
import cases  # noqa: E402
import manifest  # noqa: E402
import report  # noqa: E402

TESTS = "mercury/manifest/tests/"


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Parse(unittest.TestCase):
    def test_every_case(self):
        all_cases = cases.read_cases(TESTS + "cases.txt")
        self.assertGreaterEqual(len(all_cases), 15)
        for name, text, errors in all_cases:
            with self.subTest(name):
                self.assertEqual(manifest.parse(text)[1], errors)

    def test_fields_and_capability_names(self):
        m, errors = manifest.parse(read(TESTS + "legacy.manifest.txt"))
        self.assertEqual(errors, [])
        self.assertEqual(m.driver, "legacy")
        self.assertEqual([r.cap_name for r in m.resources],
                         ["ports0", "ports1", "irq4", "memory0"])
        self.assertEqual((m.resources[1].first, m.resources[1].last), (0x2F8, 0x2FF))
        self.assertEqual((m.resources[3].base, m.resources[3].size), (0xFEE00000, 0x1000))
        self.assertEqual([(s.interface, s.instance) for s in m.uses],
                         [("mercury.log", "console")])
        m, errors = manifest.parse(b"driver x\nmatch pci-class 0c03*\nmatch compatible a,b\n")
        self.assertEqual(errors, [])
        self.assertEqual([x.describe() for x in m.matches],
                         ["pci-class 0c03*", "compatible a,b"])

    def test_error_format(self):
        self.assertEqual(manifest.format_error(3, "bad"), "manifest:3: bad")
        self.assertEqual(manifest.format_error(0, "bad"), "manifest: bad")


class Elf(unittest.TestCase):
    def test_built_drivers_read_back(self):
        expected = read(TESTS + "testdev.manifest.txt")
        for arch in ("x86_64", "aarch64"):
            with self.subTest(arch):
                self.assertEqual(manifest.find(read(TESTS + arch + "/testdev")), expected)

    def test_program_without_manifest(self):
        with self.assertRaisesRegex(manifest.ElfError, "no .ares.manifest section"):
            manifest.find(read("helios/lib/rt/x86_64/hello"))

    def test_short_and_foreign_files(self):
        for data, message in ((b"", "shorter"), (b"\x7fELF" + bytes(10), "shorter"),
                              (b"#!" + bytes(100), "not an ELF"),
                              (b"\x7fELF\x01\x01" + bytes(100), "64-bit little-endian")):
            with self.assertRaisesRegex(manifest.ElfError, message):
                manifest.find(data)

    def test_damaged_files_raise_only_elf_errors(self):
        rng = random.Random(0x6D616E)
        seed = read(TESTS + "x86_64/testdev")
        shoff = int.from_bytes(seed[0x28:0x30], "little")
        found = refused = 0
        for _ in range(3000):
            data = bytearray(seed)
            for _ in range(rng.randint(1, 4)):
                choice = rng.randrange(4)
                if choice == 0:
                    data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
                elif choice == 1:  # a section header's offset, size or name
                    at = shoff + 64 * rng.randrange(20) + rng.choice((0, 24, 32))
                    data[at:at + 4] = rng.choice((0, 1, len(data), 2**32 - 1)).to_bytes(4, "little")
                elif choice == 2:  # e_shoff, e_shnum, e_shstrndx
                    at = rng.choice((0x28, 0x3C, 0x3E))
                    data[at:at + 2] = rng.randrange(2**16).to_bytes(2, "little")
                else:
                    del data[rng.randrange(len(data)):]
            try:
                text = manifest.find(bytes(data))
            except manifest.ElfError:
                refused += 1
                continue
            found += 1
            self.assertNotIn(0, text)
            manifest.parse(text)
        self.assertGreater(found, 100)
        self.assertGreater(refused, 100)


def run(args):
    return subprocess.run([sys.executable] + args, capture_output=True, text=True)


class Embed(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR"))
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def embed(self, *lines):
        return run(["tools/manifest/embed.py", "--label", "//x:y",
                    "--text", os.path.join(self.dir, "m.txt"),
                    "--asm", os.path.join(self.dir, "m.S"), "--"] + list(lines))

    def test_good_manifest(self):
        r = self.embed("driver y", "match none", "irq 4")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(os.path.join(self.dir, "m.txt")), b"driver y\nmatch none\nirq 4\n")
        asm = read(os.path.join(self.dir, "m.S")).decode()
        self.assertIn('.section .ares.manifest,"",%progbits', asm)
        data = bytes(int(b, 16) for line in asm.splitlines() if line.startswith("\t.byte")
                     for b in line.split()[1].split(","))
        self.assertEqual(data, b"driver y\nmatch none\nirq 4\n\0")

    def test_bad_manifest_fails_with_the_label_and_line(self):
        r = self.embed("driver y", "match pci 1b36", "irq 4096")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.splitlines(), [
            "//x:y: line 2: match pci wants VVVV:DDDD (hex)",
            "//x:y: line 3: IRQ number must be 0 to 1023",
            "//x:y: no match statement (a driver without a device says match none)",
        ])
        self.assertFalse(os.path.exists(os.path.join(self.dir, "m.S")))

    def test_a_line_with_a_newline(self):
        r = self.embed("driver y\nmatch none")
        self.assertEqual(r.returncode, 1)
        self.assertIn("//x:y: line 1: a line holds a newline", r.stderr)


def tar_of(files):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


class Report(unittest.TestCase):
    def test_the_test_image(self):
        self.assertEqual(read(TESTS + "x86_64_report.caps.txt").decode(),
                         read(TESTS + "expected_report.txt").decode())

    def report_of(self, modules):
        tmp = tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR"))
        self.addCleanup(tmp.cleanup)
        paths = []
        for name, data in modules:
            paths.append(os.path.join(tmp.name, name))
            with open(paths[-1], "wb") as f:
                f.write(data)
        out = os.path.join(tmp.name, "out.caps.txt")
        r = run(["tools/manifest/report.py", "--image", "//t:i", "--arch", "x86_64",
                 "--output", out, "--"] + paths)
        self.assertEqual(r.returncode, 0, r.stderr)
        return read(out).decode().splitlines()[1:]

    def test_conflicting_fixed_resources(self):
        legacy = read(TESTS + "x86_64/legacy")
        lines = self.report_of([("init", read("helios/lib/rt/x86_64/hello")),
                                ("sysinit.tar", tar_of([("bin/a", legacy), ("bin/b", legacy)]))])
        self.assertIn("module   init: init, a program", lines)
        self.assertIn("  note    no etc/sysinit.conf: sysinit starts nothing", lines)
        conflicts = [line for line in lines if line.startswith("conflict")]
        self.assertEqual(conflicts, [
            "conflict irq 0x4-0x4 of legacy overlaps 0x4-0x4 of legacy",
            "conflict memory 0xfee00000-0xfee00fff of legacy overlaps 0xfee00000-0xfee00fff "
            "of legacy",
            "conflict ports 0x2f8-0x2ff of legacy overlaps 0x2f8-0x2ff of legacy",
            "conflict ports 0x3f8-0x3ff of legacy overlaps 0x3f8-0x3ff of legacy",
        ])

    def test_broken_files_are_lines_not_failures(self):
        testdev = read(TESTS + "x86_64/testdev")
        at = testdev.index(b"match pci 1b36:0005")
        bad_manifest = testdev[:at] + b"match pci 1b36:00g5" + testdev[at + 19:]
        lines = self.report_of([
            ("empty", b""),
            ("text", b"hello\n"),
            ("cut.tar", tar_of([("etc/sysinit.conf", b"run a bin/a\n")])[:700]),
            ("bad", bad_manifest),
            ("cut-elf", testdev[:100]),
            ("boot.tar", tar_of([("bin/bad", bad_manifest), ("etc/sysinit.conf", b"")])),
        ])
        self.assertEqual(lines[0], "module   empty: init, a file")
        self.assertIn("module   text: boot module, a file", lines)
        self.assertIn("  error   manifest:3: match pci wants VVVV:DDDD (hex)", lines)
        self.assertIn("  error   section header table malformed or outside the file", lines)
        self.assertIn("error    bin/bad: manifest:3: match pci wants VVVV:DDDD (hex)", lines)
        self.assertIn("module   cut.tar: boot module, an unreadable archive (unexpected end of "
                      "data)", lines)


if __name__ == "__main__":
    unittest.main()
