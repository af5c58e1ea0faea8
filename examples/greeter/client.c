/*
 * The greeter's client (README.md): waits for the service in the registry, greets, asks the
 * server to crash, sees its call fail because the server died, reconnects to the restarted
 * server and greets again. Also shows what its registry badge does not allow. Exits 0 when
 * everything went as described, 1 otherwise.
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>

#include "examples/greeter/greeter.ipc.h"
#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"

#define GREETER EXAMPLES_GREETER_ID
#define GREETING_ROOM (64 + 1) /* greet's string<64> and its NUL */

/* The name of a status from the registry, or from the greeter. Each interface numbers its
 * errors from 256, so which one answered decides the name. */
static const char *registry_error(int err)
{
	const char *name = mercury_registry_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

static const char *greeter_error(int err)
{
	const char *name = examples_greeter_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

static bool greet(helios_caddr_t service, const char *name)
{
	char greeting[GREETING_ROOM];
	uint64_t count = 0;
	int err = examples_greeter_greet(service, name, greeting, &count);
	if (err) {
		rt_printf("client: greet: %s\n", greeter_error(err));
		return false;
	}
	rt_printf("client: \"%s\" (greeting %llu)\n", greeting, (unsigned long long)count);
	return true;
}

/* What the policy refuses this client: publishing, and instances it was not given. */
static bool refused(helios_caddr_t registry, helios_caddr_t service)
{
	helios_caddr_t slot = rt_slot_alloc();
	uint64_t generation;
	char greeting[GREETING_ROOM];
	int lookup = mercury_registry_lookup(registry, GREETER, "other", &slot, &generation);
	int publish = mercury_registry_publish(registry, GREETER, "fake", service, &generation);
	int empty = examples_greeter_greet(service, "", greeting, &generation);
	rt_slot_free(slot);
	rt_printf("client: lookup of another instance: %s; publishing: %s; empty name: %s\n",
		  registry_error(lookup), registry_error(publish), greeter_error(empty));
	return lookup == MERCURY_REGISTRY_ERROR_NOT_ALLOWED &&
	       publish == MERCURY_REGISTRY_ERROR_NOT_ALLOWED &&
	       empty == EXAMPLES_GREETER_ERROR_EMPTY_NAME;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	helios_caddr_t registry = mercury_cap("registry");
	helios_caddr_t service = rt_slot_alloc();
	uint64_t generation = 0;
	if (registry == HELIOS_CADDR_UNDEF || service == HELIOS_CADDR_UNDEF) {
		rt_printf("client: no registry capability\n");
		return 1;
	}
	/* The server may not have published yet: await answers once it has. */
	int err = mercury_registry_await(registry, GREETER, "main", 0, &service, &generation);
	if (err) {
		rt_printf("client: await: %s\n", registry_error(err));
		return 1;
	}
	rt_printf("client: found examples.greeter main, generation %llu\n",
		  (unsigned long long)generation);
	if (!greet(service, "Ares") || !greet(service, "Helios") || !refused(registry, service))
		return 1;

	err = examples_greeter_crash(service);
	rt_printf("client: crash: %s\n", greeter_error(err));
	if (!mercury_service_gone(err))
		return 1;
	err = mercury_reconnect(registry, GREETER, "main", service, &generation);
	if (err) {
		rt_printf("client: reconnect: %s\n", registry_error(err));
		return 1;
	}
	rt_printf("client: reconnected, generation %llu\n", (unsigned long long)generation);
	if (!greet(service, "again"))
		return 1;
	rt_printf("client: done\n");
	return 0;
}
