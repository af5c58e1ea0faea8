"""Helios user programs: a cc_binary built for the Helios user platform of its architecture.

helios_program(name = "x", ...) makes the executable `x` (an ELF file named x, built for
//platforms:<arch>_user through a transition, linked with //helios/lib/rt), so one
`bazel build //...` builds it and an image can boot it: the first module of a helios_image or
ares_image is init.
"""

load(":platform.bzl", "TRANSITION_ALLOWLIST", "platform_transition")

# The platform user programs of each architecture are built for.
USER_PLATFORMS = {
    "x86_64": "//platforms:x86_64_user",
}

def _helios_program_impl(ctx):
    src = ctx.attr.src[0]  # an attribute with a transition is a list on Bazel 4
    exe = src[DefaultInfo].files_to_run.executable
    if not exe:
        fail("%s is not an executable" % ctx.attr.src[0].label)
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = exe)
    return [DefaultInfo(files = depset([out]))]

_helios_program = rule(
    implementation = _helios_program_impl,
    doc = "Exposes the cc_binary `src` built for `platform` as a file named after the target.",
    attrs = dict({
        "src": attr.label(mandatory = True, cfg = platform_transition),
        "platform": attr.label(mandatory = True),
    }, **TRANSITION_ALLOWLIST),
)

def helios_program(
        name,
        srcs = [],
        deps = [],
        copts = [],
        arch = "x86_64",
        visibility = None,
        **kwargs):
    """A Helios user program `name`; its cc_binary is `name`_elf (incompatible with the host)."""
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
        visibility = visibility,
    )
