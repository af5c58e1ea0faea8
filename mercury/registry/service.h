/*
 * What clients and supervisors of registered services use (docs/registry.md, "When a server
 * dies"). A client's calls on an endpoint the registry handed out fail, when its server has
 * died and its supervisor has revoked the endpoint, with HELIOS_ERR_DELETED (the call was
 * taken or queued when it went) or HELIOS_ERR_INVALID_CSLOT (the copy was revoked before the
 * call); the client then reconnects and goes on.
 */
#ifndef MERCURY_REGISTRY_SERVICE_H
#define MERCURY_REGISTRY_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

/* Whether err, from a call on an endpoint the registry handed out, says its server is gone. */
static inline bool mercury_service_gone(int err)
{
	return err == HELIOS_ERR_DELETED || err == HELIOS_ERR_INVALID_CSLOT;
}

/*
 * The client's half: deletes what is left of the old copy in `service` and waits (registry
 * `await`) until an instance newer than *generation is published, then receives its endpoint
 * into `service` and sets *generation. Returns the await's status (a helios_error or an enum
 * mercury_registry_error).
 */
int mercury_reconnect(helios_caddr_t registry, uint32_t iface, const char *instance,
		      helios_caddr_t service, uint64_t *generation);

/*
 * The supervisor's half, once it has destroyed a dead server's task (which fails the call the
 * server had taken with HELIOS_ERR_DELETED): revokes every copy of the endpoint it made for
 * that server (the server's, the registry's, every client's) and deletes it, which destroys
 * the endpoint, so queued callers get HELIOS_ERR_DELETED and later ones
 * HELIOS_ERR_INVALID_CSLOT. `endpoint` must be the original, the one every copy derives from.
 */
int mercury_service_revoke(helios_caddr_t endpoint);

#endif
