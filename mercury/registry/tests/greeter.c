/* The greeter service (greeter.h). */
#include "mercury/registry/tests/greeter.h"

#include "helios/tests/ktest.h"
#include "mercury/registry/registry.ipc.h"

static int whoami(void *ctx, const struct ipcgen_request *req, uint64_t *badge,
		  uint32_t *instance)
{
	const struct greeter *g = ctx;
	*badge = req->badge;
	*instance = g->instance;
	return HELIOS_OK;
}

static int stall(void *ctx, const struct ipcgen_request *req)
{
	const struct greeter *g = ctx;
	(void)req;
	helios_wait(g->never, NULL);
	return HELIOS_ERR_DELETED; /* not reached: the test kills the server first */
}

static int retire(void *ctx, const struct ipcgen_request *req)
{
	const struct greeter *g = ctx;
	(void)req;
	return mercury_registry_withdraw(g->registry, TEST_REGISTRY_GREETER_ID, g->name);
}

static const struct test_registry_greeter_server greeter_server = {
	.whoami = whoami,
	.stall = stall,
	.retire = retire,
};

static int greeter_main(void *arg)
{
	struct greeter *g = arg;
	uint64_t generation = 0;
	g->publish_error = mercury_registry_publish(g->registry, TEST_REGISTRY_GREETER_ID, g->name,
						    g->offer, &generation);
	g->generation = generation;
	helios_signal(g->published);
	if (g->publish_error)
		return g->publish_error;
	return test_registry_greeter_serve(g->own, &greeter_server, g, NULL);
}

void greeter_start(struct greeter *g, helios_caddr_t registry, const char *name,
		   uint32_t instance)
{
	g->ep = kt_endpoint();
	g->own = kt_copy(g->ep, HELIOS_RIGHTS_ALL);
	g->offer = kt_copy(g->own, HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT);
	g->registry = registry;
	g->name = name;
	g->instance = instance;
	g->never = kt_notification();
	g->published = kt_notification();
	g->publish_error = -1;
	g->generation = 0;
	kt_spawn(&g->thread, greeter_main, g, KT_PRIORITY);
	KT_OK(helios_wait(g->published, NULL));
}
