"""musl_binary: a static Linux program, compiled and linked in one clang action against the
musl that tools/setup.sh unpacks from Debian (@linux_baseline//:musl_<arch>).

It needs no cc toolchain of its own: the action runs the system clang (@llvm_config) with
--target=<arch>-linux-musl, musl's headers instead of the host's, and musl's crt objects and
libc.a instead of the host's C library. cc_library deps are compiled into the program from
their sources (an aspect collects their .c files; their selects resolve as for the host, whose
branches suit a hosted Linux program), and their headers are on the include path.
"""

load("@llvm_config//:llvm.bzl", "CLANG", "CLANG_RESOURCE_DIR")

_FLAGS = [
    "-std=c17",
    "-D_GNU_SOURCE",
    "-O2",
    "-g",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-fno-pie",
    "-static",
    "-nostdlib",
    "-fuse-ld=lld",
]

_CSourcesInfo = provider(
    doc = "The .c sources of a cc_library and of the cc_libraries it depends on.",
    fields = ["srcs"],
)

def _c_sources_impl(target, ctx):
    own = [f for f in getattr(ctx.rule.files, "srcs", []) if f.extension == "c"]
    deps = [d[_CSourcesInfo].srcs for d in getattr(ctx.rule.attr, "deps", []) if _CSourcesInfo in d]
    return [_CSourcesInfo(srcs = depset(own, transitive = deps))]

_c_sources = aspect(
    implementation = _c_sources_impl,
    attr_aspects = ["deps"],
)

def _musl_file(files, name):
    for f in files:
        if f.basename == name and f.dirname.endswith("/lib"):
            return f
    fail("musl's %s is missing: run tools/setup.sh" % name)

def _musl_binary_impl(ctx):
    musl = ctx.files.musl
    libc = _musl_file(musl, "libc.a")
    musl_include = libc.dirname[:-len("/lib")] + "/include"
    out = ctx.actions.declare_file(ctx.label.name)

    args = ctx.actions.args()
    args.add("--target=%s-linux-musl" % ctx.attr.arch)
    args.add_all(_FLAGS)

    # musl's headers first, then clang's own (only for what musl does not have).
    args.add_all(["-nostdinc", "-isystem", musl_include, "-isystem", CLANG_RESOURCE_DIR + "/include"])
    package = ctx.label.package
    for d in ctx.attr.includes:
        args.add("-I" + (package + "/" + d if d != "." else package))
    headers = [depset(ctx.files.hdrs)]
    srcs = depset(ctx.files.srcs, transitive = [d[_CSourcesInfo].srcs for d in ctx.attr.deps])
    for dep in ctx.attr.deps:
        cc = dep[CcInfo].compilation_context
        headers.append(cc.headers)
        args.add_all(cc.includes, format_each = "-I%s")
        args.add_all(cc.quote_includes, format_each = "-iquote%s")
        args.add_all(cc.system_includes, format_each = "-isystem%s")

    # crt1 and crti before the program, libc and crtn after it: the order a C driver uses.
    args.add(_musl_file(musl, "crt1.o"))
    args.add(_musl_file(musl, "crti.o"))
    args.add_all(srcs)
    args.add(libc)
    args.add(_musl_file(musl, "crtn.o"))
    args.add("-o", out)

    ctx.actions.run(
        executable = CLANG,
        arguments = [args],
        inputs = depset(musl, transitive = [srcs] + headers),
        outputs = [out],
        mnemonic = "MuslLink",
        progress_message = "Compiling and linking %s (static, musl, %s)" % (ctx.label, ctx.attr.arch),
    )
    return [DefaultInfo(files = depset([out]))]

musl_binary = rule(
    implementation = _musl_binary_impl,
    attrs = {
        "arch": attr.string(mandatory = True, values = ["x86_64", "aarch64"]),
        "srcs": attr.label_list(allow_files = [".c"], mandatory = True),
        "hdrs": attr.label_list(allow_files = [".h"]),
        "includes": attr.string_list(doc = "include folders, relative to the package"),
        "deps": attr.label_list(
            providers = [CcInfo],
            aspects = [_c_sources],
            doc = "cc_library targets compiled in (sources and headers)",
        ),
        "musl": attr.label(mandatory = True, allow_files = True, doc = "@linux_baseline//:musl_<arch>"),
    },
)
