"""The pieces every test suite on //helios/tests:framework is built from (the kernel's ktest
and hostile, //tools/ipcgen/tests's service, //mercury/lib/tests's mercury).

A suite is a helios_programs() of test files over the framework (the runner: one task per
KTEST, leak checks, "N passed, M failed", leaving QEMU), optionally with a per-architecture
header library (arch/<arch>/<header>, giving both architectures the same names), and a host
test that counts its KTEST definitions on each architecture (ktest_count_test.sh): the same
number on every one, the number the images' tests expect.
"""

load("//tools/rules:image.bzl", "ares_image")
load("//tools/rules:program.bzl", "ARCHES", "helios_programs")
load("//tools/rules:qemu_test.bzl", "qemu_test")

# How a suite's image boots on each architecture, and what QEMU needs for the suite to leave it
# (x86_64: isa-debug-exit, which run.sh always provides; aarch64: semihosting SYS_EXIT from
# EL0, which QEMU allows only with userspace=on).
SUITE_BOOT = {
    "x86_64": "multiboot",
    "aarch64": "efi",
}

SUITE_QEMU_ARGS = {
    "x86_64": [],
    "aarch64": [
        "-semihosting-config",
        "enable=on,userspace=on",
    ],
}

def arch_select(files_by_arch):
    """A select() of each architecture's list (none on the host, which never builds them)."""
    choices = {"//conditions:default": []}
    for arch in ARCHES:
        choices["//platforms:is_" + arch] = files_by_arch.get(arch, [])
    return select(choices)

def arch_header_libraries(header):
    """arch_<arch>: the header arch/<arch>/`header`, included by its plain name."""
    for arch in ARCHES:
        native.cc_library(
            name = "arch_" + arch,
            hdrs = ["arch/%s/%s" % (arch, header)],
            strip_include_prefix = "arch/" + arch,
            target_compatible_with = [
                "@platforms//cpu:" + arch,
                "//platforms:helios",
            ],
            deps = ["//helios/include:uapi"],
        )

def kernel_test_suite(name, tests, count, srcs = [], arch_srcs = {}, deps = []):
    """The suite `name` (one program per architecture: `name`_<arch>) and `name`_count_test.

    tests: each architecture's test files in run order; count: the KTEST count every
    architecture must have; srcs, arch_srcs: what the program adds to its tests.
    """
    helios_programs(
        name = name,
        srcs = srcs + arch_select({
            arch: arch_srcs.get(arch, []) + tests[arch]
            for arch in ARCHES
        }),
        visibility = ["//visibility:public"],
        deps = ["//helios/tests:framework"] + deps,
    )
    native.sh_test(
        name = name + "_count_test",
        srcs = ["//helios/tests:ktest_count_test.sh"],
        args = [str(count)] + [
            arg
            for arch in ARCHES
            for arg in [arch] + ["$(location %s)" % f for f in tests[arch]] + ["--"]
        ],
        data = {f: None for arch in ARCHES for f in tests[arch]}.keys(),
    )

def suite_qemu_tests(name, count, modules = {}, expect = []):
    """Boots the suite `name` (a kernel_test_suite) in QEMU on every architecture.

    Makes the image <arch>_`name` (the suite as init, then modules[arch]) and the test
    <arch>_`name`_test: the suite's count line, the `expect` lines in order, then
    "`count` passed, 0 failed", and no FAIL line, kernel panic or kernel fault. aarch64 gets
    longer (its EFI boot takes about 5 s under emulation).
    """
    for arch in ARCHES:
        ares_image(
            name = "%s_%s" % (arch, name),
            arch = arch,
            boot = SUITE_BOOT[arch],
            modules = [":%s_%s" % (name, arch)] + modules.get(arch, []),
            qemu_args = SUITE_QEMU_ARGS[arch],
        )
        qemu_test(
            name = "%s_%s_test" % (arch, name),
            expect = [
                "Helios 0.1.0 (%s)" % arch,
                "ktest: %s: %d tests" % (name, count),
            ] + expect + ["%d passed, 0 failed" % count],
            forbid = [
                "KERNEL PANIC",
                "KERNEL FAULT",
                "FAIL ",
            ],
            image = ":%s_%s" % (arch, name),
            qemu_timeout = 50 if arch == "x86_64" else 120,
            size = "small" if arch == "x86_64" else "medium",
        )
