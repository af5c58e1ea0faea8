"""The initramfs: a deterministic USTAR archive of programs and files (docs/initramfs.md).

    initramfs(
        name = "initramfs",
        files = {
            "//sysinit:sysinit_x86_64": "bin/sysinit",  # a helios_program: its one file
            "sysinit.conf": "etc/sysinit.conf",         # a source file of this package
            "//tests:programs": "bin/tests/",           # a trailing '/': every file of the
        },                                              # target, by its own name
        dirs = ["tmp"],
    )

makes initramfs.tar: every file at its path, `dirs` as empty directories, and every directory
a path implies, sorted so that a directory comes before what it holds; mtime 0, uid and gid
0, mode 0755 for directories and for files executable on the build machine (programs
Bazel links), 0644 for the rest. The archive is written by //tools/initramfs:make_initramfs.py,
run with the system's python3 (Bazel 4's py_binary stub wants a `python` command Debian does
not have). It reads back with //mercury/tar.

Helios programs (helios_program in program.bzl) are built for their user platform by their
own transition, so `files` takes them as they are, whatever platform the archive is built for.
"""

def _archive_paths(target, path):
    """[(archive path, File)] for one entry of `files`."""
    files = target[DefaultInfo].files.to_list()
    if path.endswith("/"):
        if not files:
            fail("%s has no files to put in %s" % (target.label, path))
        return [(path + f.basename, f) for f in files]
    if len(files) != 1:
        fail("%s must be exactly one file to go at %s, it is %d (end the path with '/' " %
             (target.label, path, len(files)) + "to put each file in that directory)")
    return [(path, files[0])]

def _initramfs_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".tar")
    args = ctx.actions.args()
    args.add(ctx.file._archiver)
    args.add("--output", out)
    inputs = [ctx.file._archiver]
    for target, path in ctx.attr.files.items():
        for archive_path, f in _archive_paths(target, path):
            args.add("--file")
            args.add(archive_path)
            args.add(f)
            inputs.append(f)
    for d in ctx.attr.dirs:
        args.add("--dir", d)
    ctx.actions.run(
        executable = "python3",
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = "Initramfs",
        progress_message = "Writing initramfs %s" % out.short_path,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

initramfs = rule(
    implementation = _initramfs_impl,
    doc = "A deterministic USTAR archive <name>.tar of files at the paths given (module doc).",
    attrs = {
        "files": attr.label_keyed_string_dict(
            allow_files = True,
            doc = "target (one file) -> its path in the archive; a path ending in '/' takes " +
                  "every file of the target, each under its own name",
        ),
        "dirs": attr.string_list(doc = "empty directories to make (those of `files` come anyway)"),
        "_archiver": attr.label(
            default = "//tools/initramfs:make_initramfs.py",
            allow_single_file = True,
        ),
    },
)
