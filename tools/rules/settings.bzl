"""Build settings: flags a command line (--//path:name=value) or a transition can set."""

def _bool_flag_impl(ctx):
    return []

bool_flag = rule(
    implementation = _bool_flag_impl,
    build_setting = config.bool(flag = True),
    doc = "A boolean build setting, matched with config_setting(flag_values = ...).",
)
