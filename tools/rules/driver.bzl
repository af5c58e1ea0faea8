"""Drivers: Helios user programs that carry a manifest (docs/mercury.md "Driver manifests").

    mercury_driver(
        name = "testdev",
        srcs = ["testdev.c"],
        deps = ["//mercury/lib:mercury"],
        manifest = [
            "driver testdev",
            "match pci 1b36:0005",
            "device bar 0",
            "provides ares.testdev",
        ],
    )

builds the programs testdev_x86_64 and testdev_aarch64 exactly as helios_programs does
(program.bzl), each with the manifest in its ELF section .ares.manifest, NUL-terminated. The
manifest is checked first (//tools/manifest:embed.py, the C parser's grammar and messages): a
bad one fails the build with `//pkg:testdev: line N: message`. testdev_manifest is the text
file (testdev.manifest.txt), for tests and tools that want to read it.
"""

load(":program.bzl", "helios_programs")

def _driver_manifest_impl(ctx):
    args = ctx.actions.args()
    args.add(ctx.file._embed)
    args.add("--label", ctx.attr.driver)
    args.add("--text", ctx.outputs.text)
    args.add("--asm", ctx.outputs.asm)
    args.add("--")
    args.add_all(ctx.attr.lines)
    ctx.actions.run(
        executable = "python3",
        arguments = [args],
        inputs = [ctx.file._embed, ctx.file._manifest_py],
        outputs = [ctx.outputs.text, ctx.outputs.asm],
        mnemonic = "DriverManifest",
        progress_message = "Checking the manifest of %s" % ctx.attr.driver,
    )
    return [DefaultInfo(files = depset([ctx.outputs.text]))]

_driver_manifest = rule(
    implementation = _driver_manifest_impl,
    doc = "Checks a manifest; writes it as text and as an assembly file for its section.",
    attrs = {
        "driver": attr.string(mandatory = True, doc = "the driver's label, for error messages"),
        "lines": attr.string_list(mandatory = True),
        "text": attr.output(mandatory = True),
        "asm": attr.output(mandatory = True),
        "_embed": attr.label(default = "//tools/manifest:embed.py", allow_single_file = True),
        "_manifest_py": attr.label(
            default = "//tools/manifest:manifest.py",
            allow_single_file = True,
        ),
    },
)

def mercury_driver(name, manifest, srcs = [], deps = [], visibility = None, **kwargs):
    """The driver `name` for each architecture (`name`_<arch>), with `manifest` (a list of
    lines) in its .ares.manifest section; other arguments as helios_programs takes them."""
    _driver_manifest(
        name = name + "_manifest",
        driver = "//%s:%s" % (native.package_name(), name),
        lines = manifest,
        text = name + ".manifest.txt",
        asm = name + ".manifest.S",
        visibility = visibility,
    )
    helios_programs(
        name = name,
        srcs = srcs + [name + ".manifest.S"],
        deps = deps,
        visibility = visibility,
        **kwargs
    )
