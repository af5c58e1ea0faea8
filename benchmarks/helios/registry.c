/*
 * The service registry (docs/registry.md): a client's lookup of a published service, from
 * just before the call to just after it returns with the badged endpoint copy the registry
 * minted for it (policy check, mint, capability transfer, and the deletion of the previous
 * hand-out's copy the registry does first). The registry runs in an address space of its
 * own; the client deletes its copy after each stamp, unmeasured.
 */
#include <string.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>

#include "bench.h"
#include "mercury/registry/registry.h"

#define BENCH_SERVICE "bench.service"
#define BENCH_BADGE 1

/* Program data: the registry's mirrored address space sees it. */
static struct registry registry;
static struct {
	uint32_t iface;
	helios_caddr_t registry; /* the client's badged capability */
	helios_caddr_t received; /* where its copy lands */
} run;

static int serve(void *arg)
{
	return registry_serve(arg);
}

static int client(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	int err = HELIOS_OK;
	for (uint32_t i = 0; !err && i < n; i++) {
		helios_caddr_t slot = run.received;
		uint64_t generation;
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		err = mercury_registry_lookup(run.registry, run.iface, "main", &slot, &generation);
		t = bench_stamp();
		bench_a.end[i] = t;
		if (!err)
			err = helios_cspace_delete(rt_cspace, slot);
	}
	return err;
}

/* A registry whose one client may publish and look up anything, and a service published. */
static int set_up(struct rt_thread *srv)
{
	static const char rule[] = "1 lookup,publish * *";
	helios_caddr_t ep, service;
	uint64_t generation;
	run.iface = registry_interface_id(BENCH_SERVICE, strlen(BENCH_SERVICE));
	run.received = rt_slot_alloc();
	run.registry = rt_slot_alloc();
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &ep);
	if (!err)
		err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &service);
	if (!err)
		err = registry_init(&registry, ep);
	if (!err && registry_policy_add(&registry.policy, rule, sizeof(rule) - 1))
		err = HELIOS_ERR_INVALID_PARAM;
	if (!err)
		err = helios_cspace_mint(rt_cspace, run.registry, rt_cspace, ep,
					 REGISTRY_CLIENT_RIGHTS, BENCH_BADGE, NULL);
	if (!err)
		err = bench_thread(srv, serve, &registry, BENCH_PRIORITY, true, HELIOS_CADDR_UNDEF);
	if (!err)
		err = mercury_registry_publish(run.registry, run.iface, "main", service, &generation);
	return err;
}

void bench_registry(void)
{
	static struct rt_thread srv, cli; /* program data: mirrored vspaces see it */
	bench_begin();
	int err = set_up(&srv);
	if (!err)
		err = bench_thread(&cli, client, NULL, BENCH_PRIORITY, false, HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_join(&cli);
	if (err)
		bench_error("registry_lookup", "lookup", err);
	else
		bench_report("registry_lookup", &bench_a);
	bench_cleanup(); /* the registry thread, still receiving, goes with the rest */
}
