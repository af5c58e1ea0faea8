"""Bootable Ares images and their `bazel run` launchers.

helios_image builds the loader and the kernel for their own platforms (through transitions),
gathers the boot modules (the first is the kernel's init: a helios_program from program.bzl,
which builds itself for the user platform) and writes a manifest that //tools/qemu:run.sh turns into a QEMU
command line. An EFI image also gets its EFI system partition as a directory:
  EFI/BOOT/BOOT<ARCH>.EFI, helios, helios.cmdline, modules/<name>...
Every image also gets <name>.caps.txt, its capability report (tools/manifest/report.py,
docs/mercury.md "Driver manifests"): which program holds which device region, I/O ports, IRQ
and service, from the initramfs's sysinit.conf and the drivers' manifests; in the default
outputs and in the output group `caps`.
An image may carry QEMU arguments of its own (qemu_args: the aarch64 test suite's semihosting
from EL0), which run.sh gives QEMU before the caller's, and says how its kernel is built
(fastpath: the //helios/kernel:fastpath build setting, on by default).
"""

load(":platform.bzl", "TRANSITION_ALLOWLIST", "TRANSITION_OUTPUTS", "freestanding_settings")

def _loader_transition_impl(settings, attr):
    return freestanding_settings(attr.loader_platform)

def _kernel_transition_impl(settings, attr):
    return freestanding_settings(attr.kernel_platform)

# The kernel itself also gets the image's kernel build settings.
_FASTPATH = "//helios/kernel:fastpath"

def _kernel_settings_transition_impl(settings, attr):
    return dict(freestanding_settings(attr.kernel_platform), **{_FASTPATH: attr.fastpath})

_loader_transition = transition(
    implementation = _loader_transition_impl,
    inputs = [],
    outputs = TRANSITION_OUTPUTS,
)

_kernel_transition = transition(
    implementation = _kernel_transition_impl,
    inputs = [],
    outputs = TRANSITION_OUTPUTS,
)

_kernel_settings_transition = transition(
    implementation = _kernel_settings_transition_impl,
    inputs = [],
    outputs = TRANSITION_OUTPUTS + [_FASTPATH],
)

_EFI_BOOT_NAMES = {
    "x86_64": "BOOTX64.EFI",
    "aarch64": "BOOTAA64.EFI",
}

def _single_file(target, what):
    files = target[DefaultInfo].files.to_list()
    if len(files) != 1:
        fail("%s must be exactly one file, got %s" % (what, files))
    return files[0]

def _shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"

def _capability_report(ctx, modules):
    """<name>.caps.txt: what each program of the image holds (report.py reads the modules)."""
    caps = ctx.actions.declare_file(ctx.label.name + ".caps.txt")
    args = ctx.actions.args()
    args.add(ctx.file._report)
    args.add("--image", str(ctx.label))
    args.add("--arch", ctx.attr.arch)
    args.add("--output", caps)
    args.add("--")
    args.add_all(modules)
    ctx.actions.run(
        executable = "python3",
        arguments = [args],
        inputs = [ctx.file._report, ctx.file._report_manifest] + modules,
        outputs = [caps],
        mnemonic = "CapabilityReport",
        progress_message = "Writing the capability report of %s" % ctx.label,
    )
    return caps

def _helios_image_impl(ctx):
    loader = _single_file(ctx.attr.loader[0], "loader")
    # No kernel only in tests of what a loader says when it finds none.
    kernel = _single_file(ctx.attr.kernel[0], "kernel") if ctx.attr.kernel else None
    modules = []
    for target in ctx.attr.modules:
        modules.extend(target[DefaultInfo].files.to_list())
    seen = {}
    for m in modules:
        if m.basename in seen:
            fail("two boot modules are named %s" % m.basename)
        seen[m.basename] = True

    files = [loader] + ([kernel] if kernel else []) + modules
    esp_path = ""
    if ctx.attr.boot == "efi":
        esp = ctx.actions.declare_directory(ctx.label.name + ".esp")
        commands = [
            "set -e",
            "mkdir -p \"$1/EFI/BOOT\" \"$1/modules\"",
            "cp \"$2\" \"$1/EFI/BOOT/%s\"" % _EFI_BOOT_NAMES[ctx.attr.arch],
            "[ -z \"$3\" ] || cp \"$3\" \"$1/helios\"",
            "printf '%s\\n' " + _shell_quote(ctx.attr.cmdline) + " > \"$1/helios.cmdline\"",
        ]
        for m in modules:
            commands.append("cp %s \"$1/modules/%s\"" % (_shell_quote(m.path), m.basename))
        ctx.actions.run_shell(
            outputs = [esp],
            inputs = files,
            command = "\n".join(commands),
            arguments = [esp.path, loader.path, kernel.path if kernel else ""],
            mnemonic = "EfiSystemPartition",
            progress_message = "Assembling EFI system partition for %s" % ctx.label,
        )
        files.append(esp)
        esp_path = esp.short_path

    caps = _capability_report(ctx, modules)

    manifest = ctx.actions.declare_file(ctx.label.name + ".image")
    ctx.actions.write(manifest, "\n".join([
        "ARCH=" + ctx.attr.arch,
        "BOOT=" + ctx.attr.boot,
        "LOADER=" + _shell_quote(loader.short_path),
        "KERNEL=" + _shell_quote(kernel.short_path if kernel else ""),
        "MODULES=(" + " ".join([_shell_quote(m.short_path) for m in modules]) + ")",
        "ESP=" + _shell_quote(esp_path),
        "CMDLINE=" + _shell_quote(ctx.attr.cmdline),
        "QEMU_ARGS=(" + " ".join([_shell_quote(a) for a in ctx.attr.qemu_args]) + ")",
        "DISKS=(" + " ".join([_shell_quote(d.short_path) for d in ctx.files.disks]) + ")",
        "",
    ]))

    launcher = ctx.actions.declare_file(ctx.label.name + ".run")
    ctx.actions.write(launcher, "\n".join([
        "#!/usr/bin/env bash",
        "# Boots %s in QEMU: see tools/qemu/run.sh --help." % ctx.label,
        "exec %s %s \"$@\"" % (_shell_quote(ctx.executable._runner.short_path), _shell_quote(manifest.short_path)),
        "",
    ]), is_executable = True)

    runfiles = ctx.runfiles(files = files + ctx.files.disks + [manifest]).merge(ctx.attr._runner[DefaultInfo].default_runfiles)
    return [
        DefaultInfo(
            files = depset(files + [manifest, caps]),
            runfiles = runfiles,
            executable = launcher,
        ),
        OutputGroupInfo(caps = depset([caps])),
    ]

helios_image = rule(
    implementation = _helios_image_impl,
    doc = "A bootable image; `bazel run` boots it in QEMU.",
    executable = True,
    attrs = dict({
        "arch": attr.string(mandatory = True, values = ["x86_64", "aarch64"]),
        "boot": attr.string(mandatory = True, values = ["multiboot", "efi"]),
        "loader": attr.label(mandatory = True, cfg = _loader_transition),
        "loader_platform": attr.label(mandatory = True),
        "kernel": attr.label(cfg = _kernel_settings_transition, allow_files = True),
        "kernel_platform": attr.label(mandatory = True),
        "modules": attr.label_list(cfg = _kernel_transition, allow_files = True),
        "cmdline": attr.string(),
        "qemu_args": attr.string_list(doc = "extra QEMU arguments this image always needs"),
        "disks": attr.label_list(
            allow_files = True,
            doc = "raw disk images: run.sh attaches a writable copy of disk i as drive `disk<i>` (-drive if=none,id=disk<i>) for qemu_args' -device to name",
        ),
        "fastpath": attr.bool(default = True, doc = "build the kernel with the IPC fastpath"),
        "_runner": attr.label(
            default = "//tools/qemu:run",
            executable = True,
            cfg = "exec",
        ),
        "_report": attr.label(default = "//tools/manifest:report.py", allow_single_file = True),
        "_report_manifest": attr.label(
            default = "//tools/manifest:manifest.py",
            allow_single_file = True,
        ),
    }, **TRANSITION_ALLOWLIST),
)

# Which loader boots which arch, and the platforms everything is built for.
_BOOT_CONFIGS = {
    ("x86_64", "multiboot"): ("//bootloaders/multiboot", "//platforms:x86_32_loader", "//platforms:x86_64_kernel"),
    ("x86_64", "efi"): ("//bootloaders/efi:BOOTX64", "//platforms:x86_64_efi", "//platforms:x86_64_kernel"),
    ("aarch64", "efi"): ("//bootloaders/efi:BOOTAA64", "//platforms:aarch64_efi", "//platforms:aarch64_kernel"),
}

def ares_image(name, arch, boot, modules = [], cmdline = "", kernel = "//helios/kernel:helios", **kwargs):
    """A Helios image for `arch` booted by `boot` ("multiboot" or "efi").

    `kernel` is replaceable (or None) so tests can hand a loader something that is not a valid
    kernel, or nothing.
    """
    loader, loader_platform, kernel_platform = _BOOT_CONFIGS[(arch, boot)]
    helios_image(
        name = name,
        arch = arch,
        boot = boot,
        loader = loader,
        loader_platform = loader_platform,
        kernel = kernel,
        kernel_platform = kernel_platform,
        modules = modules,
        cmdline = cmdline,
        **kwargs
    )
