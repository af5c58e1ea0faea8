"""One freestanding clang toolchain: its config, its cc_toolchain and its toolchain()."""

load(":cc_toolchain_config.bzl", "cc_toolchain_config")

def freestanding_toolchain(name, cpu, target, runtime, compile_flags = [], link_flags = [], pic = False):
    cc_toolchain_config(
        name = name + "_config",
        cpu = cpu,
        target = target,
        compile_flags = compile_flags,
        link_flags = link_flags,
        pic = pic,
    )
    native.cc_toolchain(
        name = name + "_cc_toolchain",
        all_files = ":empty",
        ar_files = ":empty",
        as_files = ":empty",
        compiler_files = ":empty",
        dwp_files = ":empty",
        linker_files = ":empty",
        objcopy_files = ":empty",
        strip_files = ":empty",
        supports_param_files = True,
        toolchain_config = ":" + name + "_config",
    )
    native.toolchain(
        name = name,
        target_compatible_with = [
            "@platforms//cpu:" + cpu,
            "@platforms//os:none",
            runtime,
        ],
        toolchain = ":" + name + "_cc_toolchain",
        toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
    )
