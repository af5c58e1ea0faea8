/* The service table (table.h). */
#include "mercury/registry/table.h"

#include <string.h>

void registry_table_init(struct registry_table *t, helios_caddr_t first_slot)
{
	memset(t, 0, sizeof(*t));
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++)
		t->entries[i].slot = first_slot + i;
}

struct registry_entry *registry_table_find(struct registry_table *t,
					   const struct registry_name *name)
{
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++)
		if (t->entries[i].used && registry_name_equal(&t->entries[i].name, name))
			return &t->entries[i];
	return NULL;
}

struct registry_entry *registry_table_add(struct registry_table *t,
					  const struct registry_name *name, uint64_t publisher)
{
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++) {
		struct registry_entry *e = &t->entries[i];
		if (e->used)
			continue;
		e->used = true;
		e->name = *name;
		e->generation = ++t->last_generation;
		e->publisher = publisher;
		return e;
	}
	return NULL;
}

void registry_table_remove(struct registry_entry *e)
{
	e->used = false;
}
