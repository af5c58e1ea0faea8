/* Reconnecting to a service that restarted, and revoking a dead one's endpoint (service.h). */
#include "mercury/registry/service.h"

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>

#include "mercury/registry/registry.ipc.h"

int mercury_reconnect(helios_caddr_t registry, uint32_t iface, const char *instance,
		      helios_caddr_t service, uint64_t *generation)
{
	/* A copy not yet revoked would reach the dead instance's endpoint, with no one to receive. */
	helios_cspace_delete(rt_cspace, service);
	helios_caddr_t slot = service;
	return mercury_registry_await(registry, iface, instance, *generation, &slot, generation);
}

int mercury_service_revoke(helios_caddr_t endpoint)
{
	int err = helios_cspace_revoke(rt_cspace, endpoint);
	int deleted = helios_cspace_delete(rt_cspace, endpoint);
	return err ? err : deleted;
}
