"""Finds the system's clang 14 toolchain (Debian's clang, lld and llvm packages)."""

def _find(repository_ctx, names):
    for name in names:
        path = repository_ctx.which(name)
        if path:
            return str(path)
    fail("none of %s found: run tools/setup.sh" % ", ".join(names))

def _llvm_config_impl(repository_ctx):
    clang = _find(repository_ctx, ["clang-14", "clang"])
    result = repository_ctx.execute([clang, "-print-resource-dir"])
    if result.return_code != 0:
        fail("%s -print-resource-dir failed: %s" % (clang, result.stderr))
    resource_dir = result.stdout.strip()
    tools = {
        "CLANG": clang,
        "LLD": _find(repository_ctx, ["ld.lld-14", "ld.lld"]),
        "LLVM_AR": _find(repository_ctx, ["llvm-ar-14", "llvm-ar"]),
        "LLVM_NM": _find(repository_ctx, ["llvm-nm-14", "llvm-nm"]),
        "LLVM_OBJCOPY": _find(repository_ctx, ["llvm-objcopy-14", "llvm-objcopy"]),
        "LLVM_OBJDUMP": _find(repository_ctx, ["llvm-objdump-14", "llvm-objdump"]),
        "LLVM_STRIP": _find(repository_ctx, ["llvm-strip-14", "llvm-strip"]),
        "GNU_OBJCOPY": _find(repository_ctx, ["objcopy"]),
        "CLANG_RESOURCE_DIR": resource_dir,
    }
    repository_ctx.file("BUILD.bazel", "")
    repository_ctx.file("llvm.bzl", "".join(["%s = %r\n" % (k, v) for k, v in tools.items()]))

llvm_config = repository_rule(
    implementation = _llvm_config_impl,
    environ = ["PATH"],
    local = True,
)
