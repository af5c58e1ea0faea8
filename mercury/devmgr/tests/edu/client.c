/*
 * The interrupt test driver's client (README.md): finds test.devmgr.edu instance "0" in the
 * registry, checks the device's identification through it, then has the device raise
 * interrupts with several values, each answered only once the driver received it: the status
 * the device reported must be the value raised. Exits 0 when all went as described.
 */
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>

#include "mercury/devmgr/tests/edu/edu.ipc.h"
#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"

#define EDU TEST_DEVMGR_EDU_ID
#define EDU_ID_MASK 0xffff
#define EDU_ID_LOW 0x00ed

static const char *error_name(int err)
{
	const char *name = test_devmgr_edu_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

/* One interrupt raised with `value` and received by the driver; 0 when its status was the
 * value. */
static int interrupt(helios_caddr_t service, uint32_t value)
{
	uint32_t status = 0;
	int err = test_devmgr_edu_interrupt(service, value, &status);
	if (err) {
		rt_printf("client: interrupt 0x%x: %s\n", value, error_name(err));
		return 1;
	}
	rt_printf("client: interrupt 0x%x: status 0x%x\n", value, status);
	return status != value;
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
	int err = mercury_registry_await(registry, EDU, "0", 0, &service, &generation);
	if (err) {
		rt_printf("client: await: %s\n", rt_strerror(err));
		return 1;
	}
	uint32_t id = 0;
	err = test_devmgr_edu_identify(service, &id);
	if (err || (id & EDU_ID_MASK) != EDU_ID_LOW) {
		rt_printf("client: identify: %s, id 0x%08x\n", error_name(err), id);
		return 1;
	}
	rt_printf("client: edu id 0x%08x\n", id);
	/* Each interrupt is acknowledged before the next is raised: each one must arrive. */
	static const uint32_t values[] = { 0x1, 0x80, 0x100, 0x12345678, 0xffffffff, 0x1 };
	for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (interrupt(service, values[i]))
			return 1;
	err = test_devmgr_edu_interrupt(service, 0, &id);
	rt_printf("client: interrupt 0x0: %s\n", error_name(err));
	if (err != TEST_DEVMGR_EDU_ERROR_BAD_VALUE)
		return 1;
	rt_printf("client: done\n");
	return 0;
}
