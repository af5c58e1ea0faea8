/*
 * The registry's service table: one entry per published instance, each with a capability slot
 * of its own for the registry's copy of the service's endpoint. Pure bookkeeping: the server
 * (server.c) moves, mints and revokes the capabilities, and drops entries whose endpoint was
 * revoked behind its back.
 */
#ifndef MERCURY_REGISTRY_TABLE_H
#define MERCURY_REGISTRY_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "mercury/registry/name.h"

#ifdef __cplusplus
extern "C" {
#endif

#define REGISTRY_SERVICES_MAX 32

struct registry_entry {
	bool used;
	struct registry_name name;
	uint64_t generation;  /* numbers this instance: greater for every later publish */
	uint64_t publisher;   /* the registry badge of who published it */
	helios_caddr_t slot;  /* the registry's copy of the endpoint: this entry's for good */
};

struct registry_table {
	struct registry_entry entries[REGISTRY_SERVICES_MAX];
	uint64_t last_generation;
};

/* An empty table whose entries use the slots from first_slot on, one each. */
void registry_table_init(struct registry_table *t, helios_caddr_t first_slot);
struct registry_entry *registry_table_find(struct registry_table *t,
					   const struct registry_name *name);
/* A new entry for name (which must not be in the table) numbered with the next generation;
 * NULL when the table is full. */
struct registry_entry *registry_table_add(struct registry_table *t,
					  const struct registry_name *name, uint64_t publisher);
void registry_table_remove(struct registry_entry *e);

#ifdef __cplusplus
}
#endif

#endif
