"""Helios user programs: a cc_binary built for the Helios user platform of its architecture.

helios_program(name = "x_aarch64", program = "x", arch = "aarch64", ...) makes the executable
file aarch64/x (an ELF built for //platforms:aarch64_user through a transition, linked with
//helios/lib/rt), so one `bazel build //...` builds it and an image can boot it: the first
module of a helios_image or ares_image is init, and a module is named after its file (init's
argv[0] is `x` on every architecture). helios_programs(name = "x", ...) makes one per
architecture: x_x86_64 and x_aarch64. Sources may select() on //platforms:is_<arch>.
"""

load(":platform.bzl", "TRANSITION_ALLOWLIST", "platform_transition")

# The platform user programs of each architecture are built for.
USER_PLATFORMS = {
    "x86_64": "//platforms:x86_64_user",
    "aarch64": "//platforms:aarch64_user",
}

ARCHES = ["x86_64", "aarch64"]

def _helios_program_impl(ctx):
    src = ctx.attr.src[0]  # an attribute with a transition is a list on Bazel 4
    exe = src[DefaultInfo].files_to_run.executable
    if not exe:
        fail("%s is not an executable" % ctx.attr.src[0].label)
    out = ctx.actions.declare_file(ctx.attr.arch + "/" + ctx.attr.program)
    ctx.actions.symlink(output = out, target_file = exe)
    return [DefaultInfo(files = depset([out]))]

_helios_program = rule(
    implementation = _helios_program_impl,
    doc = "Exposes the cc_binary `src` built for `platform` as the file <arch>/<program>.",
    attrs = dict({
        "src": attr.label(mandatory = True, cfg = platform_transition),
        "platform": attr.label(mandatory = True),
        "arch": attr.string(mandatory = True, values = ARCHES),
        "program": attr.string(mandatory = True),
    }, **TRANSITION_ALLOWLIST),
)

def helios_program(
        name,
        srcs = [],
        deps = [],
        copts = [],
        arch = "x86_64",
        program = None,
        visibility = None,
        **kwargs):
    """A Helios user program `name` for `arch`, in the file <arch>/<program> (default: name).

    Its cc_binary is `name`_elf (incompatible with every platform but the arch's user one).
    """
    native.cc_binary(
        name = name + "_elf",
        srcs = srcs,
        deps = deps + ["//helios/lib/rt"],
        copts = copts,
        target_compatible_with = ["@platforms//cpu:" + arch, "//platforms:helios"],
        visibility = ["//visibility:private"],
        **kwargs
    )
    _helios_program(
        name = name,
        src = ":" + name + "_elf",
        platform = USER_PLATFORMS[arch],
        arch = arch,
        program = program or name,
        visibility = visibility,
    )

def helios_programs(name, arches = ARCHES, **kwargs):
    """The program `name` for each architecture: targets `name`_<arch>, files <arch>/`name`."""
    for arch in arches:
        helios_program(name = name + "_" + arch, arch = arch, program = name, **kwargs)
