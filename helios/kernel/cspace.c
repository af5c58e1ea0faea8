/*
 * Capability spaces: a header and a flat array of slots. Empty slots are on a doubly linked
 * free list threaded through the slots themselves (data = next, aux = prev, as indices), so
 * taking the first free slot, taking a named one and giving one back are all O(1).
 */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/object.h"

/* Bytes a cspace of `slots` slots takes; 0 when slots is 0 or above the maximum (checked
 * first, so the multiplication cannot overflow). */
uint64_t cspace_object_size(uint64_t slots)
{
	if (slots == 0 || slots > HELIOS_CSPACE_MAX_SLOTS)
		return 0;
	return sizeof(struct cspace) + slots * sizeof(struct cap);
}

/* Sets up zeroed memory as a cspace with every slot but 0 empty and free, lowest first. */
void cspace_init(struct cspace *cs, uint32_t slots)
{
	cs->slot_count = slots;
	cs->free_count = slots - 1;
	cs->free_head = slots > 1 ? 1 : CSPACE_NO_SLOT;
	cs->dying = 0;
	cs->next_dying = NULL;
	cs->source = NULL;
	cs->slots[0] = (struct cap){ .aux = CSPACE_NO_SLOT, .data = CSPACE_NO_SLOT, .owner = cs };
	for (uint32_t i = 1; i < slots; i++) {
		cs->slots[i] = (struct cap){
			.aux = i == 1 ? CSPACE_NO_SLOT : i - 1,
			.data = i + 1 < slots ? i + 1 : CSPACE_NO_SLOT,
			.owner = cs,
		};
	}
}

/* The slot at caddr, or NULL with *err = INVALID_CADDR (slot 0 is never valid). */
struct cap *cspace_slot(struct cspace *cs, helios_caddr_t caddr, int *err)
{
	if (caddr == 0 || caddr >= cs->slot_count) {
		*err = HELIOS_ERR_INVALID_CADDR;
		return NULL;
	}
	*err = HELIOS_OK;
	return &cs->slots[caddr];
}

/* The capability at caddr: INVALID_CADDR, or INVALID_CSLOT when the slot is empty. */
int cspace_lookup(struct cspace *cs, helios_caddr_t caddr, struct cap **out)
{
	int err;
	struct cap *c = cspace_slot(cs, caddr, &err);
	if (!c)
		return err;
	if (c->type == HELIOS_CAP_NULL)
		return HELIOS_ERR_INVALID_CSLOT;
	*out = c;
	return HELIOS_OK;
}

/* True when the empty slot `i` is on the free list (not reserved by someone). */
static bool on_free_list(const struct cspace *cs, uint32_t i)
{
	return cs->slots[i].aux != CSPACE_NO_SLOT || cs->free_head == i;
}

/* Takes slot i off the free list. Its links become NO_SLOT: "reserved". */
static void free_list_remove(struct cspace *cs, uint32_t i)
{
	struct cap *s = &cs->slots[i];
	uint32_t next = (uint32_t)s->data;
	uint32_t prev = s->aux;
	if (prev == CSPACE_NO_SLOT)
		cs->free_head = next;
	else
		cs->slots[prev].data = next;
	if (next != CSPACE_NO_SLOT)
		cs->slots[next].aux = prev;
	s->data = CSPACE_NO_SLOT;
	s->aux = CSPACE_NO_SLOT;
	cs->free_count--;
}

/* An empty slot for a new capability: caddr itself, or with UNDEF the first free one. */
int cspace_reserve(struct cspace *cs, helios_caddr_t caddr, struct cap **out)
{
	uint32_t i;
	if (caddr == HELIOS_CADDR_UNDEF) {
		if (cs->free_head == CSPACE_NO_SLOT)
			return HELIOS_ERR_CSPACE_FULL;
		i = cs->free_head;
	} else {
		int err;
		struct cap *c = cspace_slot(cs, caddr, &err);
		if (!c)
			return err;
		if (c->type != HELIOS_CAP_NULL || !on_free_list(cs, caddr))
			return HELIOS_ERR_INVALID_CSLOT;
		i = caddr;
	}
	free_list_remove(cs, i);
	*out = &cs->slots[i];
	return HELIOS_OK;
}

/* Gives back a slot cspace_reserve handed out and nobody filled. */
void cspace_unreserve(struct cap *slot)
{
	cspace_slot_freed(slot);
}

/* Index of a slot of this cspace. */
helios_caddr_t cspace_caddr(const struct cspace *cs, const struct cap *slot)
{
	return (helios_caddr_t)(slot - cs->slots);
}

/* A slot became empty: it goes to the head of the free list, so it is the next one UNDEF
 * picks (a freshly freed slot is warm in the cache). */
void cspace_slot_freed(struct cap *slot)
{
	struct cspace *cs = slot->owner;
	uint32_t i = cspace_caddr(cs, slot);
	slot->aux = CSPACE_NO_SLOT;
	slot->data = cs->free_head;
	if (cs->free_head != CSPACE_NO_SLOT)
		cs->slots[cs->free_head].aux = i;
	cs->free_head = i;
	cs->free_count++;
}
