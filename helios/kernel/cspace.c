/*
 * Capability spaces: a header and a flat array of slots. Empty slots are on a doubly linked
 * free list threaded through the slots themselves (data = next, aux = prev, as indices), so
 * taking the first free slot, taking a named one and giving one back are all O(1).
 *
 * A reserved slot (taken off the list, not yet filled) is marked CAP_FLAG_RESERVED and keeps
 * the links it had, so the latest reservations can be undone exactly, in reverse order (the
 * "dancing links" of Knuth): a decode step that fails after reserving leaves the free list as
 * it found it, and the next UNDEF picks the same slot it would have.
 */
#include "helios/kernel/cspace.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/compiler.h"

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

/* Makes the free-list neighbours of the slot `s` point at `forward` (the previous slot's next,
 * or the head) and `back` (the next slot's previous): past s to take it off the list, at s to
 * put it back. */
static void point_neighbours(struct cspace *cs, const struct cap *s, uint32_t forward,
			     uint32_t back)
{
	uint32_t next = (uint32_t)s->data;
	uint32_t prev = s->aux;
	if (prev == CSPACE_NO_SLOT)
		cs->free_head = forward;
	else
		cs->slots[prev].data = forward;
	if (next != CSPACE_NO_SLOT)
		cs->slots[next].aux = back;
}

/* Takes slot i off the free list, keeping its own links (see the top of this file). */
static void free_list_remove(struct cspace *cs, uint32_t i)
{
	struct cap *s = &cs->slots[i];
	point_neighbours(cs, s, (uint32_t)s->data, s->aux);
	s->flags = CAP_FLAG_RESERVED;
	cs->free_count--;
}

/* Puts the reserved slot i back between the neighbours it was taken from. */
static void free_list_restore(struct cspace *cs, uint32_t i)
{
	struct cap *s = &cs->slots[i];
	point_neighbours(cs, s, i, i);
	s->flags = 0;
	cs->free_count++;
}

/* True when slot i is empty and on the free list (not reserved by someone). */
static bool is_free(const struct cspace *cs, uint32_t i)
{
	const struct cap *s = &cs->slots[i];
	return s->type == HELIOS_CAP_NULL && !(s->flags & CAP_FLAG_RESERVED);
}

/* count consecutive free slots from first, or with UNDEF the first free one: all are checked
 * before any is taken, so a refusal changes nothing. Inlined into both callers, so that
 * cspace_reserve (IPC's capability transfer) pays nothing for runs. */
static always_inline int reserve_run(struct cspace *cs, helios_caddr_t first, uint32_t count,
				     struct cap **out)
{
	if (first == HELIOS_CADDR_UNDEF) {
		if (count != 1)
			return HELIOS_ERR_INVALID_PARAM;
		if (cs->free_head == CSPACE_NO_SLOT)
			return HELIOS_ERR_CSPACE_FULL;
		first = cs->free_head;
	} else {
		if (first == 0 || first >= cs->slot_count || count > cs->slot_count - first)
			return HELIOS_ERR_INVALID_CADDR;
		for (uint32_t i = 0; i < count; i++)
			if (!is_free(cs, first + i))
				return HELIOS_ERR_INVALID_CSLOT;
	}
	for (uint32_t i = 0; i < count; i++)
		free_list_remove(cs, first + i);
	*out = &cs->slots[first];
	return HELIOS_OK;
}

int cspace_reserve_run(struct cspace *cs, helios_caddr_t first, uint32_t count,
		       struct cap **out)
{
	return reserve_run(cs, first, count, out);
}

int cspace_reserve(struct cspace *cs, helios_caddr_t caddr, struct cap **out)
{
	return reserve_run(cs, caddr, 1, out);
}

/* Last taken, first put back: each slot's neighbours are then where they were when it was
 * taken. */
void cspace_undo_reserve(struct cap *first, uint32_t count)
{
	struct cspace *cs = first->owner;
	while (count-- > 0)
		free_list_restore(cs, cspace_caddr(cs, first + count));
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
	slot->flags = 0;
	slot->aux = CSPACE_NO_SLOT;
	slot->data = cs->free_head;
	if (cs->free_head != CSPACE_NO_SLOT)
		cs->slots[cs->free_head].aux = i;
	cs->free_head = i;
	cs->free_count++;
}
