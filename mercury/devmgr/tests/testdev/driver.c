/*
 * The device manager's test driver (README.md): drives QEMU's pci-testdev through BAR 0 (a
 * page of MMIO registers), which the device manager maps for it from its manifest's
 * `device bar 0`, and serves test.devmgr.testdev on the endpoint the device manager made and
 * published for it (`provides`). It gets nothing else: no registry, no other device.
 */
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/module.h>
#include <mercury/startup_block.h>
#include <mercury/program.h>

#include "mercury/devmgr/tests/testdev/testdev.ipc.h"

/* pci-testdev's header of the selected test, at the start of the BAR. */
#define TESTDEV_TEST 0  /* u8, write: selects the test */
#define TESTDEV_WIDTH 1 /* u8: the access width of the test (1, 2, 4), 0 when there is none */
#define TESTDEV_NAME 16 /* the test's name, NUL-terminated */
#define TESTDEV_NAME_MAX 32

static volatile uint8_t *bar;

static int describe(void *ctx, const struct ipcgen_request *req, uint8_t test, char *name,
		    uint8_t *width)
{
	(void)ctx;
	(void)req;
	bar[TESTDEV_TEST] = test;
	/* What the device reports is not trusted: the name is cut at 32 bytes, and only
	 * printable bytes are kept. */
	unsigned n = 0;
	for (; n < TESTDEV_NAME_MAX; n++) {
		uint8_t c = bar[TESTDEV_NAME + n];
		if (c < 0x20 || c > 0x7e)
			break;
		name[n] = (char)c;
	}
	name[n] = '\0';
	*width = bar[TESTDEV_WIDTH];
	return n ? HELIOS_OK : TEST_DEVMGR_TESTDEV_ERROR_NO_SUCH_TEST;
}

static int crash(void *ctx, const struct ipcgen_request *req)
{
	(void)ctx;
	(void)req;
	rt_printf("testdev: crashing on purpose\n");
	*(volatile int *)16 = 1;
	return HELIOS_OK;
}

static const struct test_devmgr_testdev_server testdev = { .describe = describe,
							    .crash = crash };

int main(int argc, char **argv)
{
	(void)argc;
	mercury_print_given(argv[0]);
	helios_caddr_t ep = mercury_cap("endpoint");
	struct helios_cap_range bar0 = mercury_cap_range("bar0");
	struct mercury_mapping m;
	if (ep == HELIOS_CADDR_UNDEF || bar0.count == 0) {
		rt_printf("%s: missing its endpoint or BAR 0\n", argv[0]);
		return 1;
	}
	int err = mercury_map_copies(bar0.first, bar0.count, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &m);
	if (err || m.size < TESTDEV_NAME + TESTDEV_NAME_MAX) {
		rt_printf("%s: cannot map BAR 0: %s\n", argv[0], rt_strerror(err));
		return 1;
	}
	bar = m.data;
	rt_printf("%s: serving\n", argv[0]);
	err = test_devmgr_testdev_serve(ep, &testdev, NULL, NULL);
	rt_printf("%s: stopped: %s\n", argv[0], rt_strerror(err));
	return 1;
}
