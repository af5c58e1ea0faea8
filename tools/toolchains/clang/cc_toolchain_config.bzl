"""cc_toolchain_config for clang/lld 14 building freestanding code (kernels, loaders, EFI apps).

One rule, parameterised by target triple and flags; BUILD.bazel instantiates it per platform.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
)
load("@llvm_config//:llvm.bzl", "CLANG", "CLANG_RESOURCE_DIR", "LLD", "LLVM_AR", "LLVM_NM", "LLVM_OBJCOPY", "LLVM_OBJDUMP", "LLVM_STRIP")

_COMPILE_ACTIONS = [
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
]

_C_ACTIONS = [
    ACTION_NAMES.c_compile,
]

_LINK_ACTIONS = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

# Flags every freestanding compile gets, whatever the target.
_BASE_COMPILE_FLAGS = [
    "-ffreestanding",
    "-fno-builtin",
    "-nostdinc",
    "-isystem",
    CLANG_RESOURCE_DIR + "/include",
    "-fno-stack-protector",
    "-fno-common",
    "-fno-omit-frame-pointer",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-O2",
    "-g",
    # Reproducible objects: no absolute paths, no timestamps.
    "-no-canonical-prefixes",
    "-fdebug-prefix-map=/proc/self/cwd=.",
    "-Wno-builtin-macro-redefined",
    "-D__DATE__=\"redacted\"",
    "-D__TIMESTAMP__=\"redacted\"",
    "-D__TIME__=\"redacted\"",
]

def _impl(ctx):
    target = ["--target=" + ctx.attr.target]
    features = [
        feature(
            name = "default_compile_flags",
            enabled = True,
            flag_sets = [
                flag_set(
                    actions = _COMPILE_ACTIONS,
                    flag_groups = [flag_group(flags = target + _BASE_COMPILE_FLAGS + ctx.attr.compile_flags)],
                ),
                flag_set(
                    actions = _C_ACTIONS,
                    flag_groups = [flag_group(flags = ["-std=c17"])],
                ),
            ],
        ),
        feature(
            name = "default_link_flags",
            enabled = True,
            flag_sets = [
                flag_set(
                    actions = _LINK_ACTIONS,
                    flag_groups = [flag_group(flags = target + [
                        "-fuse-ld=lld",
                        "-nostdlib",
                        "-Wl,--build-id=none",
                    ] + ctx.attr.link_flags)],
                ),
            ],
        ),
        feature(name = "supports_pic", enabled = ctx.attr.pic),
        feature(name = "supports_dynamic_linker", enabled = False),
    ]
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        features = features,
        cxx_builtin_include_directories = [CLANG_RESOURCE_DIR + "/include"],
        toolchain_identifier = "clang-" + ctx.attr.target,
        host_system_name = "local",
        target_system_name = ctx.attr.target,
        target_cpu = ctx.attr.cpu,
        target_libc = "none",
        compiler = "clang",
        abi_version = "none",
        abi_libc_version = "none",
        tool_paths = [
            tool_path(name = "gcc", path = CLANG),
            tool_path(name = "ld", path = LLD),
            tool_path(name = "ar", path = LLVM_AR),
            tool_path(name = "cpp", path = CLANG),
            tool_path(name = "gcov", path = "/bin/false"),
            tool_path(name = "nm", path = LLVM_NM),
            tool_path(name = "objcopy", path = LLVM_OBJCOPY),
            tool_path(name = "objdump", path = LLVM_OBJDUMP),
            tool_path(name = "strip", path = LLVM_STRIP),
        ],
    )

cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "cpu": attr.string(mandatory = True),
        "target": attr.string(mandatory = True),
        "compile_flags": attr.string_list(),
        "link_flags": attr.string_list(),
        "pic": attr.bool(default = False),
    },
    provides = [CcToolchainConfigInfo],
)
