/*
 * The service registry's server (docs/registry.md): registry.ipc's handlers over a policy,
 * the service table and the waiting calls. A program runs it on an endpoint of its own, in its
 * main thread (main.c) or, in tests, in a thread.
 */
#ifndef MERCURY_REGISTRY_REGISTRY_H
#define MERCURY_REGISTRY_REGISTRY_H

#include <helios/abi.h>

#include "mercury/registry/policy.h"
#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/table.h"
#include "mercury/registry/waiters.h"

/* The rights of every endpoint copy the registry hands out: call and pass capabilities,
 * never receive. */
#define REGISTRY_CLIENT_RIGHTS (HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT)

struct registry {
	helios_caddr_t ep;       /* the registry's own endpoint (READ): it receives here */
	helios_caddr_t received; /* where a published endpoint arrives */
	helios_caddr_t outgoing; /* the badged copy last handed out */
	struct registry_policy policy;
	struct registry_table table;
	struct registry_waiters waiters;
};

/*
 * A registry receiving on ep, its slots allocated from the runtime's allocator. Its policy is
 * empty, so it refuses everything until its starter adds rules (registry_policy_add or
 * registry_policy_parse on r->policy) and mints each client a capability to ep with the badge
 * its rules name. Returns a helios_error.
 */
int registry_init(struct registry *r, helios_caddr_t ep);
/* Serves until a receive fails (its error); no message makes it stop. */
int registry_serve(struct registry *r);

#endif
