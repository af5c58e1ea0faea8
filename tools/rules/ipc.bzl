"""ipc_library: C clients and servers generated from .ipc interface files (docs/ipc.md).

    load("//tools/rules:ipc.bzl", "ipc_library")
    ipc_library(name = "echo_ipc", srcs = ["echo.ipc"], deps = [":other_ipc"])

runs tools/ipcgen on each source (python3 on the script: Bazel 4's py_binary stub wants a
`python` command, which Debian lacks) and makes the cc_library `name` of the generated
<src>.h, <src>.client.c and <src>.server.c (apart, so a program that only calls links no
server code), included as "path/to/echo.ipc.h" (the source's path from the workspace root, as
`import` names it). deps are the ipc_library targets whose files the sources import.
It builds for the host and for every Helios user platform alike; helios_program deps on it.
"""

# Generated code and its runtime (//tools/ipcgen/runtime) build with these on every platform.
IPCGEN_COPTS = [
    "-std=c17",
    "-Wall",
    "-Wextra",
    "-Werror",
]

# What ipcgen writes for a source: the header, the clients' source, the servers' source.
_SUFFIXES = [".h", ".client.c", ".server.c"]

IpcInfo = provider(
    doc = "The .ipc files of an ipc_library and of everything it imports from.",
    fields = {"srcs": "depset of .ipc Files"},
)

def _ipc_generate_impl(ctx):
    deps = depset(
        ctx.files.srcs,
        transitive = [d[IpcInfo].srcs for d in ctx.attr.deps],
    )
    tool = ctx.file._tool
    for src in ctx.files.srcs:
        outs = {
            suffix: [o for o in ctx.outputs.outs if o.basename == src.basename + suffix][0]
            for suffix in _SUFFIXES
        }
        ctx.actions.run(
            executable = "python3",
            arguments = [
                tool.path,
                src.path,
                "--header",
                outs[".h"].path,
                "--source",
                outs[".client.c"].path,
                "--server-source",
                outs[".server.c"].path,
            ],
            inputs = depset([tool] + ctx.files._generator, transitive = [deps]),
            outputs = outs.values(),
            mnemonic = "IpcGen",
            progress_message = "ipcgen %s" % src.short_path,
        )
    return [IpcInfo(srcs = deps)]

_ipc_generate = rule(
    implementation = _ipc_generate_impl,
    doc = "Runs ipcgen on each of srcs into the declared outs (<src> + each of _SUFFIXES).",
    attrs = {
        "srcs": attr.label_list(allow_files = [".ipc"], mandatory = True),
        "deps": attr.label_list(providers = [IpcInfo]),
        "outs": attr.output_list(),
        "_tool": attr.label(default = "//tools/ipcgen:main.py", allow_single_file = True),
        "_generator": attr.label(default = "//tools/ipcgen:generator", allow_files = True),
    },
)

def _generator_label(dep):
    """The _ipc_generate target behind an ipc_library label (`:x`, `//p:x` or `//p`)."""
    if ":" not in dep:
        dep = dep + ":" + dep.split("/")[-1]
    return dep + "_generate"

def ipc_library(name, srcs, deps = [], visibility = None, testonly = False):
    """The cc_library `name` of the C code generated from srcs (and `name`_generate)."""
    _ipc_generate(
        name = name + "_generate",
        srcs = srcs,
        deps = [_generator_label(d) for d in deps],
        outs = [s + suffix for s in srcs for suffix in _SUFFIXES],
        testonly = testonly,
        visibility = visibility,
    )
    native.cc_library(
        name = name,
        srcs = [s + suffix for s in srcs for suffix in _SUFFIXES if suffix.endswith(".c")],
        hdrs = [s + ".h" for s in srcs],
        copts = IPCGEN_COPTS,
        deps = deps + ["//tools/ipcgen/runtime"],
        testonly = testonly,
        visibility = visibility,
    )
