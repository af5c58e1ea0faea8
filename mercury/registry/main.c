/*
 * The registry as a program: its policy from command-line words `allow=BADGE:VERBS:INTERFACE:
 * INSTANCE` (policy.h), then it serves on the endpoint named "endpoint" in its startup block.
 * sysinit (a `run` line with the option `registry`) makes that endpoint, keeps it across the
 * registry's restarts and mints its users' badged copies (docs/registry.md, "Starting the
 * registry"). Started with no such capability (booted alone) it makes an endpoint of its own,
 * which nobody else holds.
 */
#include <string.h>

#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <mercury/caps.h>
#include <mercury/program.h>

#include "mercury/registry/registry.h"

static struct registry registry;

static int load_policy(struct registry_policy *p, int argc, char **argv)
{
	static const char prefix[] = "allow=";
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], prefix, sizeof(prefix) - 1) != 0)
			continue;
		const char *rule = argv[i] + sizeof(prefix) - 1;
		enum registry_policy_error err = registry_policy_add(p, rule, strlen(rule));
		if (err) {
			rt_printf("registry: %s: %s\n", argv[i], registry_policy_strerror(err));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned type = HELIOS_CAP_NULL;
	helios_caddr_t ep = mercury_cap_typed(MERCURY_CAP_ENDPOINT, &type);
	int err = HELIOS_OK;
	if (ep == HELIOS_CADDR_UNDEF)
		err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &ep);
	else if (type != HELIOS_CAP_ENDPOINT)
		err = HELIOS_ERR_INVALID_TYPE;
	if (!err)
		err = registry_init(&registry, ep);
	if (err) {
		rt_printf("registry: cannot start: %s\n", rt_strerror(err));
		return 1;
	}
	if (load_policy(&registry.policy, argc, argv))
		return 1;
	rt_printf("registry: %u rules, serving\n", registry.policy.count);
	err = registry_serve(&registry);
	rt_printf("registry: stopped: %s\n", rt_strerror(err));
	return 1;
}
