/*
 * Calls waiting for a service (registry `await`): each keeps its caller's reply capability in
 * a slot of its own until an instance newer than the one the caller knew is published. Each
 * caller (badge) may have at most REGISTRY_WAITERS_PER_CALLER waiting, so no one can take
 * every place. Pure bookkeeping, like table.h.
 */
#ifndef MERCURY_REGISTRY_WAITERS_H
#define MERCURY_REGISTRY_WAITERS_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "mercury/registry/name.h"

#ifdef __cplusplus
extern "C" {
#endif

#define REGISTRY_WAITERS_MAX 16
#define REGISTRY_WAITERS_PER_CALLER 4

struct registry_waiter {
	bool used;
	struct registry_name name;
	uint64_t after;        /* answered by an instance of a greater generation */
	uint64_t badge;        /* the caller's registry badge */
	helios_caddr_t reply;  /* its saved reply capability: this waiter's slot for good */
};

struct registry_waiters {
	struct registry_waiter w[REGISTRY_WAITERS_MAX];
};

/* No waiters; they use the slots from first_slot on, one each. */
void registry_waiters_init(struct registry_waiters *ws, helios_caddr_t first_slot);
/* A new waiter; NULL when every place, or the caller's share, is taken. */
struct registry_waiter *registry_waiters_add(struct registry_waiters *ws,
					     const struct registry_name *name, uint64_t after,
					     uint64_t badge);
/* A waiter for name that the instance of `generation` answers, NULL when none is. */
struct registry_waiter *registry_waiters_answered_by(struct registry_waiters *ws,
						     const struct registry_name *name,
						     uint64_t generation);
void registry_waiters_remove(struct registry_waiter *w);

#ifdef __cplusplus
}
#endif

#endif
