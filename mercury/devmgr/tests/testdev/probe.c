/*
 * A driver of no device that uses the test driver's service (README.md): its manifest says
 * `match none` and `uses test.devmgr.testdev`, so the device manager starts it once, with the
 * service looked up for it under that name and nothing else. It says what it was given, asks
 * the test driver for test 0's name once, and ends (status 0: not restarted).
 */
#include <stdint.h>

#include <helios/rt/print.h>
#include <mercury/program.h>

#include "mercury/devmgr/tests/testdev/testdev.ipc.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned type = HELIOS_CAP_NULL;
	helios_caddr_t testdev = mercury_cap_typed("test.devmgr.testdev", &type);
	rt_printf("probe: given test.devmgr.testdev: %s\n",
		  testdev == HELIOS_CADDR_UNDEF ? "no"
		  : type == HELIOS_CAP_ENDPOINT ? "an endpoint"
						: "something else");
	if (testdev == HELIOS_CADDR_UNDEF || type != HELIOS_CAP_ENDPOINT)
		return 1;
	char name[32 + 1];
	uint8_t width;
	/* The test driver may already be crashing for the client: any answer will do. */
	int err = test_devmgr_testdev_describe(testdev, 0, name, &width);
	if (err)
		rt_printf("probe: describe: %s\n", rt_strerror(err));
	else
		rt_printf("probe: test 0 is \"%s\"\n", name);
	return 0;
}
