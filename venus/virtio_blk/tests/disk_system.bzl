"""A system under sysinit booted twice on one writable disk: the virtio-blk test's reboot.

    disk_system(
        name = "virtio_blk",
        files = {...},               # the initramfs, as sysinit_system takes it ({arch})
        disk = ":disk.img",          # copied into TEST_TMPDIR: the build's file stays as built
        devices = {"x86_64": "virtio-blk-pci", ...},  # the QEMU device the disk is attached to
        exit_with = "client",
        expect = [...],              # the first boot's lines, in order
        expect_again = [...],        # the second boot's; none: one boot only
        forbid = [...],
    )

makes, for each architecture, the initramfs, the image `<arch>_<name>` (as sysinit_system
does) and the test `<arch>_<name>_test` (reboot_test.sh): both boots must end with status 0
and their lines; between them the copy of the disk must differ from the build's in its last
sector only (what the first boot wrote reached the file). Two in one package need their own
names; their initramfs are `<name>/<arch>/sysinit`.
"""

load("//helios/tests:suite.bzl", "SUITE_BOOT", "SUITE_QEMU_ARGS")
load("//tools/rules:image.bzl", "ares_image")
load("//tools/rules:initramfs.bzl", "initramfs")
load("//tools/rules:program.bzl", "ARCHES")

ALWAYS_FORBIDDEN = [
    "KERNEL PANIC",
    "KERNEL FAULT",
]

# QEMU's time limit per boot (aarch64 boots through UEFI firmware, slower).
QEMU_TIMEOUT = {
    "x86_64": 60,
    "aarch64": 150,
}

def _shell_quote(s):
    # sh_test's args are split as a Bourne shell would split them.
    return "'" + s.replace("'", "'\\''") + "'"

def disk_system(name, files, disk, devices, exit_with, expect, expect_again = [], forbid = []):
    for arch in ARCHES:
        initramfs(
            name = "%s/%s/sysinit" % (name, arch),
            files = {label.format(arch = arch): path for label, path in files.items()},
        )
        image = "%s_%s" % (arch, name)
        ares_image(
            name = image,
            arch = arch,
            boot = SUITE_BOOT[arch],
            cmdline = "sysinit.exit_qemu sysinit.exit_with=" + exit_with,
            modules = [
                "//mercury/sysinit:sysinit_" + arch,
                ":%s/%s/sysinit" % (name, arch),
            ],
            qemu_args = SUITE_QEMU_ARGS[arch],
        )
        args = [
            "--image",
            "%s/%s.image" % (native.package_name(), image),
            "--disk",
            "$(rootpath %s)" % disk,
            "--device",
            devices[arch],
            "--timeout",
            str(QEMU_TIMEOUT[arch]),
        ]
        for line in expect:
            args.extend(["--expect", line])
        for line in expect_again:
            args.extend(["--expect-again", line])
        for marker in ALWAYS_FORBIDDEN + forbid:
            args.extend(["--forbid", marker])
        native.sh_test(
            name = image + "_test",
            srcs = ["reboot_test.sh"],
            args = [_shell_quote(a) for a in args],
            data = [
                ":" + image,
                disk,
                "//tools/qemu:qemu_test",
            ],
            size = "medium" if arch == "x86_64" else "large",
            tags = ["qemu"],
        )
