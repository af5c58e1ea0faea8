"""The two QEMU systems every serial driver is tested in (venus/serial/tests/README.md).

    serial_systems(
        name = "uart16550",              # the driver's name, as its lines print it
        arch = "x86_64",
        given = "ports0 irq4 irq4_wait endpoint",  # exactly what its manifest names
        driver = "//venus/uart16550:uart16550_{arch}",
        killed_driver = ":uart16550_killed_{arch}",  # the build that dies with a read waiting
    )

makes `<arch>_<name>_test`: sysinit hands the console over, the device manager starts the
driver, the client reads the line the test types once it says it is reading, checks a
non-waiting read and a bad one, and writes a line through the driver; and
`<arch>_<name>_killed_test`: the killed build dies with a read waiting, the client's read
fails, it reconnects to the restarted driver and reads on.
"""

load("//tools/rules:system.bzl", "sysinit_system")

def _files(name, driver):
    return {
        "//mercury/registry:registry_{arch}": "bin/registry",
        "//mercury/devmgr:devmgr_{arch}": "bin/devmgr",
        "//venus/serial/tests:serial_client_{arch}": "bin/serial-client",
        driver: "lib/drivers/" + name,
        "//venus/serial/tests:sysinit.conf": "etc/sysinit.conf",
    }

_FORBID = [
    "sysinit: error",
    "devmgr: error",
    "not started",
    "left out",
    "dropped",
]

def serial_systems(name, arch, given, driver, killed_driver, forbid = []):
    sysinit_system(
        name = name,
        arches = [arch],
        exit_with = "client",
        # Lines of different programs only where one causes the other; the client's exit
        # status (0) says the rest. The client's "found venus.chardev 0 ...: reading", after
        # which the test types its line, may come before the driver's lines.
        expect = [
            "sysinit: console handed over",
            "devmgr: 1 drivers, 1 to start",
            "%s: given %s" % (name, given),
            "%s: serving" % name,
            "serial-client: line: hello from the test",
            "serial-client: a read without wait, nothing left: NOTHING_YET",
            "serial-client: a read of 0 bytes: INVALID_PARAM",
            "serial-client: written through the driver",
            "serial-client: done",
            "sysinit: client: exited with status 0",
        ],
        files = _files(name, driver),
        forbid = _FORBID + forbid + [
            "%s: error" % name,
            "restarting",
            "other lines skipped",
        ],
        serial_input = "//venus/serial/tests:input.txt",
        serial_input_after = "serial-client: found venus.chardev 0",
    )
    sysinit_system(
        name = name + "_killed",
        arches = [arch],
        exit_with = "client",
        # The client's failed read and the device manager's restart race; the restarted
        # driver's lines come before the line it answers.
        expect = [
            "sysinit: console handed over",
            "%s: serving" % name,
            "%s: error: abort: killed on purpose with a read waiting" % name,
            "serial-client: read with the driver gone: DELETED",
            "serial-client: reconnected, generation ",
            "serial-client: line: hello from the test",
            "serial-client: a read without wait, nothing left: NOTHING_YET",
            "serial-client: written through the driver",
            "serial-client: done",
            "sysinit: client: exited with status 0",
        ],
        files = _files(name, killed_driver),
        forbid = _FORBID + forbid + ["restart 2 of"],  # one restart only
        serial_input = "//venus/serial/tests:killed_input.txt",
        serial_input_after = "serial-client: found venus.chardev 0",
    )
