"""A system of programs under sysinit, built and tested on every architecture.

    sysinit_system(
        name = "greeter",
        files = {
            "//mercury/registry:registry_{arch}": "bin/registry",
            ":greeter_server_{arch}": "bin/greeter-server",
            "sysinit.conf": "etc/sysinit.conf",
        },
        exit_with = "client",
        expect = ["client: done"],
    )

makes, for each architecture, the initramfs `<name>/<arch>/sysinit` (the module sysinit.tar;
`{arch}` in a file's label is replaced), the image `<arch>_<name>` booting sysinit with it
(`bazel run` shows its console) and the QEMU test `<arch>_<name>_test`: sysinit leaves QEMU
when the program `exit_with` ends (sysinit.exit_with), the test wants status 0 and the
`expect` lines in order, and none of `forbid` (kernel panics and faults always).
`qemu_args` is a list, or a dict of lists by architecture. `arches` narrows the architectures
(a system of one machine's devices); `expect_host_time` is qemu_test's (a marker followed by
the guest's clock, checked against the host's).

`disks` (files) are attached as drives disk0, disk1, ... (writable copies: name them in
`qemu_args`, e.g. `-device nvme,serial=ares0,drive=disk0`); `boots = 2` starts the machine
twice on the same copies (a reboot: the second boot sees what the first wrote), the expected
lines looked for in both logs, in order.

`serial_input` (a file) is typed into the serial console, once the `serial_input_after` line is
in the log (qemu_test's), e.g. a client's line saying it is about to read.
"""

load("//helios/tests:suite.bzl", "SUITE_BOOT", "SUITE_QEMU_ARGS")
load(":image.bzl", "ares_image")
load(":initramfs.bzl", "initramfs")
load(":program.bzl", "ARCHES")
load(":qemu_test.bzl", "qemu_test")

ALWAYS_FORBIDDEN = [
    "KERNEL PANIC",
    "KERNEL FAULT",
]

# QEMU's own time limit per architecture (aarch64 boots through UEFI firmware, slower).
QEMU_TIMEOUT = {
    "x86_64": 60,
    "aarch64": 150,
}

# Bazel's test size per architecture: one boot, more.
_SIZES = {
    "x86_64": ["small", "medium"],
    "aarch64": ["medium", "large"],
}

def sysinit_system(
        name,
        files,
        exit_with,
        expect,
        forbid = [],
        qemu_args = [],
        arches = ARCHES,
        expect_host_time = "",
        disks = [],
        boots = 1,
        serial_input = None,
        serial_input_after = ""):
    for arch in arches:
        # <name>/<arch>/sysinit.tar: sysinit's module name, and room for several per package.
        initramfs(
            name = "%s/%s/sysinit" % (name, arch),
            files = {label.format(arch = arch): path for label, path in files.items()},
        )
        ares_image(
            name = "%s_%s" % (arch, name),
            arch = arch,
            boot = SUITE_BOOT[arch],
            cmdline = "sysinit.exit_qemu sysinit.exit_with=" + exit_with,
            modules = [
                "//mercury/sysinit:sysinit_" + arch,
                ":%s/%s/sysinit" % (name, arch),
            ],
            qemu_args = SUITE_QEMU_ARGS[arch] + (qemu_args[arch] if type(qemu_args) == "dict" else qemu_args),
            disks = disks,
        )
        qemu_test(
            name = "%s_%s_test" % (arch, name),
            exit_code = 0,
            expect = expect,
            forbid = ALWAYS_FORBIDDEN + forbid,
            image = ":%s_%s" % (arch, name),
            qemu_timeout = QEMU_TIMEOUT[arch],
            expect_host_time = expect_host_time,
            boots = boots,
            serial_input = serial_input,
            serial_input_after = serial_input_after,
            size = _SIZES[arch][0 if boots == 1 else 1],
        )
