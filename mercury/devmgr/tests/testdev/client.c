/*
 * The test driver's client (README.md): finds test.devmgr.testdev instance "0" in the registry
 * (published by the device manager for the driver it started), reads the device's test names
 * through it, makes the driver crash, sees its call fail, reconnects to the restarted driver
 * and reads again. Exits 0 when all went as described.
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>

#include "bench_arch.h"
#include "mercury/devmgr/tests/testdev/testdev.ipc.h"
#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/policy.h"
#include "mercury/registry/service.h"
#include "venus/ipc/pci.ipc.h"

#define TESTDEV TEST_DEVMGR_TESTDEV_ID

static const char *error_name(int err)
{
	const char *name = test_devmgr_testdev_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

/* Test `test`'s name as the driver reads it from the device; the call's status. */
static int describe(helios_caddr_t service, uint8_t test)
{
	char name[32 + 1];
	uint8_t width = 0;
	int err = test_devmgr_testdev_describe(service, test, name, &width);
	if (err)
		rt_printf("client: test %u: %s\n", test, error_name(err));
	else
		rt_printf("client: test %u: \"%s\", width %u\n", test, name, width);
	return err;
}

#define PCI_TESTDEV_IDS 0x1b360005u

/* venus.pci, the device manager's list, has the test device with its BAR 0 (a page of
 * memory), and refuses an index past the last and a BAR past 5. */
static bool pci_lists_the_test_device(helios_caddr_t registry)
{
	helios_caddr_t pci = rt_slot_alloc();
	uint64_t generation;
	int err = mercury_registry_lookup(registry, registry_interface_id("venus.pci", 9), "0",
					  &pci, &generation);
	if (err) {
		rt_printf("client: venus.pci: %s\n", rt_strerror(err));
		return false;
	}
	uint32_t index = 0, address, ids, class_code, interrupt, found = UINT32_MAX;
	while (venus_pci_device(pci, index, &address, &ids, &class_code, &interrupt) == 0) {
		if (ids == PCI_TESTDEV_IDS)
			found = index;
		index++;
	}
	uint64_t base = 0, size = 0;
	uint8_t kind = 0;
	bool prefetchable = true;
	int bar0 = found == UINT32_MAX
			   ? VENUS_PCI_ERROR_NO_SUCH_DEVICE
			   : venus_pci_bar(pci, found, 0, &base, &size, &kind, &prefetchable);
	bool ok = bar0 == 0 && size == 4096 && kind == 2 && !prefetchable &&
		  venus_pci_bar(pci, found, 6, &base, &size, &kind, &prefetchable) ==
			  VENUS_PCI_ERROR_NO_SUCH_DEVICE &&
		  venus_pci_device(pci, index, &address, &ids, &class_code, &interrupt) ==
			  VENUS_PCI_ERROR_NO_SUCH_DEVICE;
	rt_printf("client: venus.pci lists %u functions, 1b36:0005 %s\n", index,
		  ok ? "with BAR 0, a page of memory" : "MISSING OR WRONG");
	return ok;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	helios_caddr_t registry = mercury_cap("registry"), service = rt_slot_alloc();
	uint64_t generation = 0;
	if (registry == HELIOS_CADDR_UNDEF || service == HELIOS_CADDR_UNDEF) {
		rt_printf("client: no registry capability\n");
		return 1;
	}
	int err = mercury_registry_await(registry, TESTDEV, "0", 0, &service, &generation);
	if (err) {
		rt_printf("client: await: %s\n", rt_strerror(err));
		return 1;
	}
	rt_printf("client: found test.devmgr.testdev 0, generation %llu\n",
		  (unsigned long long)generation);
	if (!pci_lists_the_test_device(registry))
		return 1;
	if (describe(service, 0) || describe(service, 1) ||
	    describe(service, 200) != TEST_DEVMGR_TESTDEV_ERROR_NO_SUCH_TEST)
		return 1;
	/* The restart as a client sees it: from its call that makes the driver fault to the first
	 * answer of the restarted driver (fault delivery, the task destroyed, its endpoint
	 * revoked, the backoff, the driver started and published, the reconnect). */
	uint64_t before = bench_stamp();
	err = test_devmgr_testdev_crash(service);
	rt_printf("client: crash: %s\n", error_name(err));
	if (!mercury_service_gone(err))
		return 1;
	err = mercury_reconnect(registry, TESTDEV, "0", service, &generation);
	if (err) {
		rt_printf("client: reconnect: %s\n", rt_strerror(err));
		return 1;
	}
	rt_printf("client: reconnected, generation %llu\n", (unsigned long long)generation);
	if (describe(service, 0))
		return 1;
	uint64_t ticks = bench_stamp() - before;
	rt_printf("client: driver restart, fault to serving again: %llu ticks of %s\n",
		  (unsigned long long)ticks, BENCH_COUNTER);
	rt_printf("client: done\n");
	return 0;
}
