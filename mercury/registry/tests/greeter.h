/*
 * The greeter service of the registry's QEMU test: a thread that publishes itself through its
 * own registry capability and serves greeter.ipc on its copy of an endpoint its supervisor
 * (the test) made and keeps.
 */
#ifndef MERCURY_REGISTRY_TESTS_GREETER_H
#define MERCURY_REGISTRY_TESTS_GREETER_H

#include <stdint.h>

#include <helios/rt/thread.h>

#include "mercury/registry/tests/greeter.ipc.h"

struct greeter {
	/* The supervisor's. */
	helios_caddr_t ep;          /* the original: every other copy derives from it */
	struct rt_thread thread;
	helios_caddr_t published;   /* signalled once the publish has an answer */
	/* The service's. */
	helios_caddr_t own;         /* its copy of ep, which it receives on */
	helios_caddr_t offer;       /* what it publishes: a copy of own that can only call */
	helios_caddr_t registry;    /* its registry capability */
	const char *name;           /* the instance name it publishes */
	uint32_t instance;          /* answers whoami */
	helios_caddr_t never;       /* stall waits on it */
	/* What happened. */
	volatile int publish_error;
	volatile uint64_t generation;
};

/* Starts a greeter publishing `name` through `registry`; returns once the registry answered
 * (g->publish_error, g->generation). */
void greeter_start(struct greeter *g, helios_caddr_t registry, const char *name,
		   uint32_t instance);

#endif
