"""Building a target for another platform from inside the host build.

`bazel build //...` builds for the host; a rule whose attribute carries platform_transition
builds what that attribute names for the platform the rule asks for, so one invocation builds
host tests and every cross-compiled image.
"""

# What a transition to a freestanding platform sets: the platform, and no extra compiler or
# linker flags from the command line (host-only flags such as --config=asan's sanitizers do not
# apply to kernels and loaders; their toolchains carry all the flags they need).
TRANSITION_OUTPUTS = [
    "//command_line_option:platforms",
    "//command_line_option:copt",
    "//command_line_option:conlyopt",
    "//command_line_option:linkopt",
]

def freestanding_settings(platform):
    return {
        "//command_line_option:platforms": str(platform),
        "//command_line_option:copt": [],
        "//command_line_option:conlyopt": [],
        "//command_line_option:linkopt": [],
    }

def _platform_transition_impl(settings, attr):
    return freestanding_settings(attr.platform)

platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = TRANSITION_OUTPUTS,
)

TRANSITION_ALLOWLIST = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}

def _platform_binary_impl(ctx):
    src = ctx.attr.src[0]  # an attribute with a transition is a list on Bazel 4
    return [DefaultInfo(files = src[DefaultInfo].files)]

platform_binary = rule(
    implementation = _platform_binary_impl,
    doc = "Exposes `src` built for `platform` (for example a kernel for //platforms:x86_64_kernel).",
    attrs = dict({
        "src": attr.label(mandatory = True, cfg = platform_transition),
        "platform": attr.label(mandatory = True),
    }, **TRANSITION_ALLOWLIST),
)
