#!/usr/bin/env python3
"""The capability report of an image (ares_image writes it as <image>.caps.txt): which
program holds which device region, I/O ports, IRQ and service.

    report.py --image LABEL --arch ARCH --output OUT.caps.txt -- MODULE...

MODULEs are the image's boot modules in order (the first is init). An initramfs module (a
USTAR archive) is read whole: its etc/sysinit.conf (the programs sysinit starts) and the
.ares.manifest section of every ELF file in it (the drivers the device manager starts). A
module that is itself an ELF file with a manifest is a driver too. Problems (an unreadable
archive, a bad manifest) are lines of the report, never a failed build: an image may hold
broken files on purpose (the loaders' tests). The output depends only on the inputs."""

import argparse
import os
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest  # noqa: E402

SYSINIT_CONF = "etc/sysinit.conf"
# Words sysinit.conf may put between PATH and the arguments.
OPTION_WORDS = ("restart", "registry", "hardware", "initramfs")
OPTION_PREFIXES = ("registry=", "memory=")


def normal_path(path):
    while path.startswith("./") or path.startswith("/"):
        path = path[2:] if path.startswith("./") else path[1:]
    return path


def is_option(word):
    return word in OPTION_WORDS or word.startswith(OPTION_PREFIXES)


class RunLine:
    """A `run NAME PATH [OPTION...] [ARG...]` line of sysinit.conf."""

    def __init__(self, number, fields):
        self.number = number
        self.name, self.path = fields[1], normal_path(fields[2])
        rest = fields[3:]
        self.options = []
        while rest and is_option(rest[0]):
            self.options.append(rest.pop(0))
        self.args = rest


def read_sysinit_conf(data):
    """([RunLine], [note]) of the configuration text; sysinit itself reports bad lines."""
    runs, notes = [], []
    for number, line in enumerate(data.decode("utf-8", "replace").split("\n"), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if fields[0] == "run" and len(fields) >= 3:
            runs.append(RunLine(number, fields))
        else:
            notes.append("sysinit.conf:%d: not a run line (sysinit skips it)" % number)
    return runs, notes


def describe_resource(r):
    if r.kind == "device-bar":
        what = "device  BAR %d of the matched device" % r.number
    elif r.kind == "device-irq":
        what = "device  interrupt of the matched device, bound to a notification"
    elif r.kind == "device-reg":
        what = "device  reg %d of the matched device-tree node" % r.number
    elif r.kind == "ports":
        what = "ports   0x%x-0x%x" % (r.first, r.last)
    elif r.kind == "irq":
        what = "irq     %d" % r.number
    else:
        what = "memory  0x%x-0x%x (%s)" % (r.base, r.base + r.size - 1, size_text(r.size))
    return "%s, as %s" % (what, r.cap_name)


def size_text(size):
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size % unit == 0:
            return "%d %s" % (size // unit, name)
    return "%d bytes" % size


def describe_service(s, verb, cap):
    instance = " instance %s" % s.instance if s.instance else ""
    return "service %s %s%s, as %s" % (verb, s.interface, instance, cap)


def driver_lines(m):
    lines = [describe_resource(r) for r in m.resources]
    lines += [describe_service(s, "provides", "endpoint") for s in m.provides]
    lines += [describe_service(s, "uses", s.interface) for s in m.uses]
    return ["  " + line for line in lines]


def matches(m):
    if any(match.kind == "none" for match in m.matches):
        return "no device (match none)"
    return " or ".join(match.describe() for match in m.matches)


def started_by_devmgr(m):
    if any(match.kind == "none" for match in m.matches):
        return "started by devmgr with no device (match none)"
    return "started by devmgr for " + matches(m)


def read_driver(data):
    """(Manifest or None, [error]) for a file's bytes: None when it is no driver."""
    if not manifest.is_elf(data):
        return None, []
    try:
        text = manifest.find(data)
    except manifest.ElfError as e:
        if str(e) == manifest.NO_MANIFEST:
            return None, []
        return None, [str(e)]
    m, errors = manifest.parse(text)
    if errors:
        return None, [manifest.format_error(line, message) for line, message in errors]
    return m, []


class Report:
    def __init__(self):
        self.lines = []
        self.holders = []  # (kind, first, last, program): fixed resources, for conflicts

    def add(self, line):
        self.lines.append(line)

    def driver(self, name, where, m, started):
        self.add("program  %s (%s, driver): %s" % (name, where, started))
        self.lines += driver_lines(m)
        for r in m.resources:
            if r.kind == "ports":
                self.holders.append(("ports", r.first, r.last, name))
            elif r.kind == "irq":
                self.holders.append(("irq", r.number, r.number, name))
            elif r.kind == "memory":
                self.holders.append(("memory", r.base, r.base + r.size - 1, name))

    def conflicts(self):
        """Fixed resources two programs both name: the device manager would refuse one."""
        out = []
        held = sorted(self.holders)
        for i, (kind, first, last, name) in enumerate(held):
            for kind2, first2, last2, name2 in held[i + 1:]:
                if kind2 != kind or first2 > last:
                    break
                out.append("conflict %s 0x%x-0x%x of %s overlaps 0x%x-0x%x of %s" % (
                    kind, first, last, name, first2, last2, name2))
        return out


def report_initramfs(report, module, archive):
    files = {}
    for member in archive.getmembers():
        if member.isfile():
            files[normal_path(member.name)] = archive.extractfile(member).read()
    report.add("module   %s: initramfs, %d files" % (module, len(files)))
    runs, notes = [], []
    if SYSINIT_CONF in files:
        runs, notes = read_sysinit_conf(files[SYSINIT_CONF])
    else:
        notes.append("no %s: sysinit starts nothing" % SYSINIT_CONF)
    for note in notes:
        report.add("  note    " + note)
    started = set()
    for run in runs:
        started.add(run.path)
        how = "started by sysinit"
        if run.options:
            how += ", " + " ".join(run.options)
        if run.args:
            how += ", arguments " + " ".join(run.args)
        data = files.get(run.path)
        if data is None:
            report.add("program  %s (%s, missing from the initramfs): sysinit leaves it out" % (
                run.name, run.path))
            continue
        m, errors = read_driver(data)
        if m:
            report.driver(run.name, run.path, m, how + "; its manifest matches " + matches(m))
        else:
            report.add("program  %s (%s): %s" % (run.name, run.path, how))
        for option in run.options:
            if option == "hardware":
                report.add("  hardware I/O control, IRQ control, an ASID pool, every device "
                           "memory region and the device tree (option hardware)")
            elif option == "initramfs":
                report.add("  files   the initramfs, read-only, as initramfs (option initramfs)")
            elif option == "registry":
                report.add("  service serves the registry, as endpoint (option registry)")
            elif option.startswith("registry="):
                report.add("  service registry, badge %s, as registry (option %s)"
                           % (option.split("=", 1)[1], option))
        for error in errors:
            report.add("  error   %s: %s" % (run.path, error))
    for path in sorted(files):
        if path in started:
            continue
        m, errors = read_driver(files[path])
        if m:
            report.driver(m.driver, path, m, started_by_devmgr(m))
        for error in errors:
            report.add("error    %s: %s" % (path, error))


def report_module(report, index, path):
    name = os.path.basename(path)
    role = "init" if index == 0 else "boot module"
    if os.path.isdir(path):
        report.add("module   %s: %s, a directory" % (name, role))
        return
    with open(path, "rb") as f:
        data = f.read()
    if manifest.is_elf(data):
        m, errors = read_driver(data)
        if m:
            report.driver(m.driver, "module " + name, m, role + "; " + started_by_devmgr(m))
        else:
            report.add("module   %s: %s, a program" % (name, role))
        for error in errors:
            report.add("  error   %s" % error)
        return
    try:
        archive = tarfile.open(path, mode="r:")
    except (tarfile.TarError, OSError):
        report.add("module   %s: %s, a file" % (name, role))
        return
    try:
        with archive:
            report_initramfs(report, name, archive)
    except (tarfile.TarError, OSError, EOFError) as e:
        report.add("module   %s: %s, an unreadable archive (%s)" % (name, role, e))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("modules", nargs="*")
    args = parser.parse_args(argv)
    report = Report()
    report.add("# The capabilities of %s (%s): tools/manifest/report.py" % (args.image, args.arch))
    for index, path in enumerate(args.modules):
        report_module(report, index, path)
    report.lines += report.conflicts()
    with open(args.output, "w") as f:
        f.write("\n".join(report.lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
