"""A repository made of a folder that tools/setup.sh unpacked into the Ares cache.

The cache lives outside the source tree: $ARES_CACHE, else $XDG_CACHE_HOME/ares, else
$HOME/.cache/ares (the same rule as tools/setup.sh).
"""

def ares_cache_dir(repository_ctx):
    env = repository_ctx.os.environ
    if env.get("ARES_CACHE"):
        return env["ARES_CACHE"]
    if env.get("XDG_CACHE_HOME"):
        return env["XDG_CACHE_HOME"] + "/ares"
    return env.get("HOME", "") + "/.cache/ares"

def _cache_repository_impl(repository_ctx):
    source = repository_ctx.path(ares_cache_dir(repository_ctx) + "/" + repository_ctx.attr.subdir)
    if not source.exists:
        fail("%s is missing: run tools/setup.sh (the README's commands run it for you)" % source)
    for entry in source.readdir():
        if not entry.basename.startswith("."):
            repository_ctx.symlink(entry, entry.basename)
    repository_ctx.template("BUILD.bazel", repository_ctx.attr.build_file,
                            repository_ctx.attr.substitutions)
    repository_ctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % repository_ctx.name)

cache_repository = repository_rule(
    implementation = _cache_repository_impl,
    attrs = {
        "build_file": attr.label(mandatory = True, allow_single_file = True),
        "subdir": attr.string(mandatory = True),
        "substitutions": attr.string_dict(),
    },
    environ = ["ARES_CACHE", "XDG_CACHE_HOME", "HOME"],
    local = True,
)
