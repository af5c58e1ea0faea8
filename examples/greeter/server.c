/*
 * The greeter's server (README.md): makes its endpoint, publishes it in the registry as
 * instance "main" of examples.greeter, and serves. Started by sysinit with `registry=BADGE`,
 * which gives it the capability "registry"; the registry's policy lets that badge publish.
 */
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>

#include "examples/greeter/greeter.ipc.h"
#include "mercury/registry/registry.ipc.h"

#define GREETING_ROOM (64 + 1) /* greet's string<64> and its NUL */

static uint64_t greetings;

static int greet(void *ctx, const struct ipcgen_request *req, const char *name, char *greeting,
		 uint64_t *count)
{
	(void)ctx;
	(void)req;
	if (name[0] == '\0')
		return EXAMPLES_GREETER_ERROR_EMPTY_NAME;
	fmt_snprintf(greeting, GREETING_ROOM, "hello, %s", name);
	*count = ++greetings;
	return HELIOS_OK;
}

static int crash(void *ctx, const struct ipcgen_request *req)
{
	(void)ctx;
	(void)req;
	rt_printf("greeter: crashing on purpose\n");
	*(volatile int *)16 = 1; /* a page fault: sysinit hears of it */
	return HELIOS_OK;
}

static const struct examples_greeter_server greeter = { .greet = greet, .crash = crash };

/* Publishes a copy of `ep` that can call and pass capabilities, never receive. */
static int publish(helios_caddr_t registry, helios_caddr_t ep, uint64_t *generation)
{
	helios_caddr_t offer = rt_slot_alloc();
	if (offer == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_cspace_copy(rt_cspace, offer, rt_cspace, ep,
				     HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT, NULL);
	if (!err)
		err = mercury_registry_publish(registry, EXAMPLES_GREETER_ID, "main", offer,
					       generation);
	return err;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	helios_caddr_t registry = mercury_cap("registry"), ep;
	if (registry == HELIOS_CADDR_UNDEF) {
		rt_printf("greeter: no registry capability\n");
		return 1;
	}
	uint64_t generation = 0;
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &ep);
	if (!err)
		err = publish(registry, ep, &generation);
	if (err) {
		rt_printf("greeter: cannot publish: %s\n", rt_strerror(err));
		return 1;
	}
	rt_printf("greeter: serving, generation %llu\n", (unsigned long long)generation);
	err = examples_greeter_serve(ep, &greeter, NULL, NULL);
	rt_printf("greeter: stopped: %s\n", rt_strerror(err));
	return 1;
}
