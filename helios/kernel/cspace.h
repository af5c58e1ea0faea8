/*
 * Capability spaces: a header and a flat array of slots (cspace.c), and their CSPACE_*
 * methods (cspace_invoke.c). Empty slots are on a free list threaded through the slots
 * themselves; a slot taken off it for a capability about to be made is "reserved" until it is
 * filled (cap_create, cap_copy, cap_move) or given back.
 */
#ifndef HELIOS_KERNEL_CSPACE_H
#define HELIOS_KERNEL_CSPACE_H

#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"

struct invocation;

/* A capability space: this header, then slot_count slots. Slot 0 is never used. */
struct cspace {
	uint32_t slot_count;
	uint32_t free_count;
	uint32_t free_head;         /* first empty slot, CSPACE_NO_SLOT when full */
	uint32_t dying;             /* its last capability was deleted: being emptied */
	struct cspace *next_dying;  /* the queue of cspaces being emptied */
	struct memory *source;      /* dying: where its bytes go back */
	uint64_t reserved[4];
	struct cap slots[];
};
_Static_assert(sizeof(struct cspace) == 64, "cspace header is 64 bytes");
#define CSPACE_NO_SLOT 0xffffffffu

/* ---- cspace.c (host-tested) ---------------------------------------------------------- */

/* Bytes a cspace of `slots` slots takes; 0 when slots is 0 or above the maximum. */
uint64_t cspace_object_size(uint64_t slots);
void cspace_init(struct cspace *cs, uint32_t slots);
/* The slot at caddr, or NULL with *err = INVALID_CADDR. */
struct cap *cspace_slot(struct cspace *cs, helios_caddr_t caddr, int *err);
/* The capability at caddr: INVALID_CADDR, or INVALID_CSLOT when the slot is empty. */
int cspace_lookup(struct cspace *cs, helios_caddr_t caddr, struct cap **out);
/* An empty slot for a new capability: caddr itself (must be empty: else INVALID_CSLOT), or
 * with HELIOS_CADDR_UNDEF the first free one (CSPACE_FULL when none). Takes it off the free
 * list; the caller must fill it (cap_create/copy/move) or give it back (cspace_unreserve or,
 * to leave the free list exactly as it was, cspace_undo_reserve). */
int cspace_reserve(struct cspace *cs, helios_caddr_t caddr, struct cap **out);
/*
 * cspace_reserve for `count` consecutive slots from `first` (HELIOS_CADDR_UNDEF: count must be
 * 1), all or none: INVALID_CADDR when the range leaves the cspace, INVALID_CSLOT when a slot in
 * it is not free, CSPACE_FULL. *out is the first slot.
 */
int cspace_reserve_run(struct cspace *cs, helios_caddr_t first, uint32_t count,
		       struct cap **out);
/* Gives back a reserved slot nobody filled, first in line for the next UNDEF. */
void cspace_unreserve(struct cap *slot);
/*
 * Gives back the `count` slots from `first` that the latest cspace_reserve_run (or
 * cspace_reserve, count 1) reserved, each to the place on the free list it was taken from:
 * for a decode step that reserved slots and then failed. Nothing may have changed the free
 * list in between.
 */
void cspace_undo_reserve(struct cap *first, uint32_t count);
/* Index of a slot of this cspace. */
helios_caddr_t cspace_caddr(const struct cspace *cs, const struct cap *slot);
/* Called by cap.c when a slot of a cspace becomes empty: puts it back on the free list. */
void cspace_slot_freed(struct cap *slot);

/* ---- cspace_invoke.c (host-tested) --------------------------------------------------- */

/* CSPACE_* methods (enum helios_error). */
int cspace_invoke(struct invocation *inv);

#endif
