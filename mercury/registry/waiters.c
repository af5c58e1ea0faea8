/* Calls waiting for a service (waiters.h). */
#include "mercury/registry/waiters.h"

#include <string.h>

void registry_waiters_init(struct registry_waiters *ws, helios_caddr_t first_slot)
{
	memset(ws, 0, sizeof(*ws));
	for (unsigned i = 0; i < REGISTRY_WAITERS_MAX; i++)
		ws->w[i].reply = first_slot + i;
}

struct registry_waiter *registry_waiters_add(struct registry_waiters *ws,
					     const struct registry_name *name, uint64_t after,
					     uint64_t badge)
{
	struct registry_waiter *spare = NULL;
	unsigned mine = 0;
	for (unsigned i = 0; i < REGISTRY_WAITERS_MAX; i++) {
		if (!ws->w[i].used)
			spare = spare ? spare : &ws->w[i];
		else if (ws->w[i].badge == badge)
			mine++;
	}
	if (!spare || mine >= REGISTRY_WAITERS_PER_CALLER)
		return NULL;
	spare->used = true;
	spare->name = *name;
	spare->after = after;
	spare->badge = badge;
	return spare;
}

struct registry_waiter *registry_waiters_answered_by(struct registry_waiters *ws,
						     const struct registry_name *name,
						     uint64_t generation)
{
	for (unsigned i = 0; i < REGISTRY_WAITERS_MAX; i++) {
		struct registry_waiter *w = &ws->w[i];
		if (w->used && w->after < generation && registry_name_equal(&w->name, name))
			return w;
	}
	return NULL;
}

void registry_waiters_remove(struct registry_waiter *w)
{
	w->used = false;
}
