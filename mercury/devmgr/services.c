/*
 * A driver's services from its manifest (instance.h). `provides`: the device manager makes
 * the driver's endpoint from its own memory and keeps it, gives the driver a copy ("endpoint")
 * and publishes a copy that cannot receive under each interface it provides; when the driver
 * dies it revokes them all, so clients' calls fail (docs/registry.md, "When a server dies"),
 * and publishes a new endpoint when it starts the driver again. `uses`: it looks each service
 * up with its own registry capability and hands the driver the copy under the interface's
 * name. The driver itself never holds a registry capability.
 */
#include <string.h>

#include <base/fmt.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/error.h>

#include "mercury/devmgr/instance.h"
#include "mercury/registry/policy.h"
#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"

#define ENDPOINT_NAME "endpoint"

static uint32_t interface_id(const struct mercury_manifest_service *s)
{
	return registry_interface_id(s->interface, strlen(s->interface));
}

static const char *error_name(int err)
{
	const char *name = mercury_registry_error_name(err);
	return name ? name : mercury_strerror(err);
}

static int use(const struct devmgr_world *w, struct devmgr_instance *in,
	       const struct mercury_manifest_service *s)
{
	helios_caddr_t slot = rt_slot_alloc();
	uint64_t generation;
	if (slot == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	const char *instance = s->instance[0] ? s->instance : "0";
	int err = w->registry == HELIOS_CADDR_UNDEF
			  ? MERCURY_ERR_NOT_FOUND
			  : mercury_registry_lookup(w->registry, interface_id(s), instance, &slot,
						    &generation);
	if (err) {
		rt_printf("devmgr: %s: not started: uses %s %s (manifest line %u): %s\n", in->label,
			  s->interface, instance, s->line, error_name(err));
		rt_slot_free(slot);
		return err;
	}
	if (in->grant_count == MERCURY_SPAWN_MAX_CAPS)
		return MERCURY_ERR_TOO_MANY;
	in->grants[in->grant_count++] =
		(struct mercury_cap_grant){ s->interface, slot, HELIOS_RIGHTS_ALL, 1 };
	return HELIOS_OK;
}

int devmgr_services_make(const struct devmgr_world *w, struct devmgr_instance *in)
{
	const struct mercury_manifest *m = &in->driver->manifest;
	in->endpoint = HELIOS_CADDR_UNDEF;
	for (unsigned i = 0; i < m->uses_count; i++) {
		int err = use(w, in, &m->uses[i]);
		if (err)
			return err;
	}
	if (m->provides_count == 0)
		return HELIOS_OK;
	/* An instance name the manifest leaves open is the device's number among the
	 * driver's: "0", "1", ... ("the 0th device implementing serial"). */
	for (unsigned i = 0; i < m->provides_count; i++)
		if (m->provides[i].instance[0])
			memcpy(in->instances[i], m->provides[i].instance,
			       sizeof(in->instances[i]));
		else
			fmt_snprintf(in->instances[i], sizeof(in->instances[i]), "%u", in->ordinal);
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &in->endpoint);
	if (err || in->grant_count == MERCURY_SPAWN_MAX_CAPS)
		return err ? err : MERCURY_ERR_TOO_MANY;
	in->grants[in->grant_count++] =
		(struct mercury_cap_grant){ ENDPOINT_NAME, in->endpoint, HELIOS_RIGHTS_ALL, 1 };
	return HELIOS_OK;
}

void devmgr_services_publish(const struct devmgr_world *w, struct devmgr_instance *in)
{
	const struct mercury_manifest *m = &in->driver->manifest;
	for (unsigned i = 0; i < m->provides_count && in->endpoint != HELIOS_CADDR_UNDEF; i++) {
		const struct mercury_manifest_service *s = &m->provides[i];
		helios_caddr_t offer = rt_slot_alloc();
		uint64_t generation = 0;
		int err = offer == HELIOS_CADDR_UNDEF ? HELIOS_ERR_CSPACE_FULL : HELIOS_OK;
		if (!err)
			err = helios_cspace_copy(rt_cspace, offer, rt_cspace, in->endpoint,
						 HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT, NULL);
		if (!err)
			err = w->registry == HELIOS_CADDR_UNDEF
				      ? MERCURY_ERR_NOT_FOUND
				      : mercury_registry_publish(w->registry, interface_id(s),
								 in->instances[i], offer,
								 &generation);
		/* The registry keeps its own copy of the offer. */
		if (offer != HELIOS_CADDR_UNDEF) {
			helios_cspace_delete(rt_cspace, offer);
			rt_slot_free(offer);
		}
		if (err)
			rt_printf("devmgr: %s: cannot publish %s %s: %s\n", in->label, s->interface,
				  in->instances[i], error_name(err));
		else
			rt_printf("devmgr: %s: published %s %s, generation %llu\n", in->label,
				  s->interface, in->instances[i], (unsigned long long)generation);
	}
}

int devmgr_services_renew(struct devmgr_instance *in)
{
	if (in->endpoint == HELIOS_CADDR_UNDEF)
		return HELIOS_OK;
	mercury_service_revoke(in->endpoint);
	helios_caddr_t fresh;
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &fresh);
	for (uint32_t i = 0; i < in->grant_count; i++)
		if (in->grants[i].cap == in->endpoint)
			in->grants[i].cap = err ? HELIOS_CADDR_UNDEF : fresh;
	rt_slot_free(in->endpoint);
	in->endpoint = err ? HELIOS_CADDR_UNDEF : fresh;
	return err;
}
