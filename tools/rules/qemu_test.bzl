"""qemu_test: boots an image under QEMU and judges its serial output and exit status.

The test passes only if QEMU exits with the status the image's kernel was asked to exit with
AND every `expect` line appears in the serial log, in order; it fails on any `forbid` marker
(a kernel panic or fault by default), and on the inner timeout, unless expect_halt says the
machine must halt (a loader error): then QEMU must still be running when the timeout stops it. The serial log is kept in
TEST_UNDECLARED_OUTPUTS_DIR (bazel-testlogs/<test>/test.outputs/serial.log). A `stop_on` marker
stops QEMU two seconds after it appears (and fails the test): a kernel that reported a fault
and halted need not wait for the timeout. With `expect_host_time` the number after that marker
(the guest's clock, seconds since 1970) must be within `host_time_within` seconds of the host's
clock when the line appeared. `serial_input` is a file typed into the serial console, at
boot, or once the `serial_input_after` marker is in the log (UEFI firmware reads the console
while it runs, and would take input given at boot).
"""

def _shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"

def _qemu_test_impl(ctx):
    image_files = ctx.attr.image[DefaultInfo].files.to_list()
    manifests = [f for f in image_files if f.basename.endswith(".image")]
    if len(manifests) != 1:
        fail("%s is not a helios_image" % ctx.attr.image.label)
    args = [
        ctx.executable._test_runner.short_path,
        "--image",
        manifests[0].short_path,
        "--exit-code",
        str(ctx.attr.exit_code),
        "--timeout",
        str(ctx.attr.qemu_timeout),
    ]
    if ctx.attr.expect_halt:
        args.append("--expect-halt")
    if ctx.attr.append:
        args.extend(["--append", ctx.attr.append])
    if ctx.attr.boots != 1:
        args.extend(["--boots", str(ctx.attr.boots)])
    for line in ctx.attr.expect:
        args.extend(["--expect", line])
    for marker in ctx.attr.forbid:
        args.extend(["--forbid", marker])
    for marker in ctx.attr.stop_on:
        args.extend(["--stop-on", marker])
    for arg in ctx.attr.qemu_args:
        args.extend(["--qemu-arg", arg])
    runfiles_files = []
    if ctx.file.serial_input:
        args.extend(["--serial-input", ctx.file.serial_input.short_path])
        runfiles_files.append(ctx.file.serial_input)
    if ctx.attr.serial_input_after:
        if not ctx.file.serial_input:
            fail("serial_input_after needs serial_input")
        args.extend(["--serial-input-after", ctx.attr.serial_input_after])
    if ctx.attr.expect_host_time:
        args.extend(["--host-time", ctx.attr.expect_host_time])
        args.extend(["--host-time-within", str(ctx.attr.host_time_within)])
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, "#!/usr/bin/env bash\nexec " + " ".join([_shell_quote(a) for a in args]) + "\n", is_executable = True)
    runfiles = ctx.runfiles(files = [script] + runfiles_files).merge(ctx.attr.image[DefaultInfo].default_runfiles)
    runfiles = runfiles.merge(ctx.attr._test_runner[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

_qemu_test = rule(
    implementation = _qemu_test_impl,
    test = True,
    attrs = {
        "image": attr.label(mandatory = True),
        "exit_code": attr.int(default = 0, doc = "status the kernel exits with (before QEMU's encoding)"),
        "expect_halt": attr.bool(doc = "the machine must still be running (halted) at qemu_timeout; for errors that halt"),
        "expect": attr.string_list(doc = "lines (substrings) that must appear in the log, in order"),
        "forbid": attr.string_list(default = ["KERNEL PANIC", "KERNEL FAULT"]),
        "stop_on": attr.string_list(doc = "markers after which QEMU is stopped (2 s later): a kernel that reported a fault and halted need not wait for qemu_timeout"),
        "append": attr.string(doc = "appended to the image's kernel command line"),
        "boots": attr.int(default = 1, doc = "times the machine is started, each expected to exit as exit_code says; the image's disks are copied once, so a boot sees what the one before wrote (a reboot)"),
        "qemu_args": attr.string_list(doc = "extra QEMU arguments"),
        "qemu_timeout": attr.int(default = 50, doc = "seconds before QEMU is killed"),
        "expect_host_time": attr.string(doc = "a marker followed, on its first line in the log, by the guest's time in seconds since 1970, which must be within host_time_within of the host's clock when the line appeared"),
        "host_time_within": attr.int(default = 2, doc = "seconds expect_host_time's value may be off"),
        "serial_input": attr.label(allow_single_file = True, doc = "a file the serial console reads as its input (each boot's)"),
        "serial_input_after": attr.string(doc = "serial_input goes in only once this marker is in the log (firmware reading the console would take it before)"),
        "_test_runner": attr.label(
            default = "//tools/qemu:qemu_test",
            executable = True,
            cfg = "exec",
        ),
    },
)

def qemu_test(name, size = "small", **kwargs):
    """A QEMU boot test; `small` (Bazel's 60 s limit) fits the default inner timeout of 50 s."""
    # Tagged so that host-only passes (tools/ares test's sanitizer run) can leave them out.
    tags = kwargs.pop("tags", []) + ["qemu"]
    _qemu_test(name = name, size = size, tags = tags, **kwargs)
