/*
 * Capabilities: the slot every kernel object is named through, and what cap.c does with slots.
 * docs/kernel.md explains the design; in short:
 *
 * - A capability is a 96-byte slot (struct cap). Slots live in capability spaces (struct
 *   cspace, cspace.h: a header and a flat array) or inside kernel objects (a task's cspace,
 *   vspace, IPC buffer, fault endpoint and reply slots; an IRQ's notification).
 * - Every capability to the same object is on one circular list, the object ring. Deleting a
 *   capability that is alone on its ring destroys the object ("last capability"): no object
 *   keeps a reference count of its own. Reply capabilities are the exception: they are on no
 *   ring and do not keep their task alive.
 * - Capabilities also form a derivation tree: a copy or mint is a child of its source, retyped
 *   objects are children of their memory capability. Revoke deletes every descendant. Deleting
 *   a capability that has children hands them to its parent.
 * - Objects are allocated from memory objects (memory.h); the slot records which memory object
 *   (source) the object came from, so destroying it gives the bytes back there.
 * - Destruction is never recursive beyond one level: a dying cspace is queued and its slots are
 *   deleted by a loop, and the memory of destroyed objects is freed only when the kernel is about
 *   to return to userspace (reap, memory.h), so no slot or object a loop is looking at
 *   disappears under it.
 */
#ifndef HELIOS_KERNEL_CAP_H
#define HELIOS_KERNEL_CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/compiler.h"

struct memory;
struct cspace;

/* Capability slot. An empty slot has type HELIOS_CAP_NULL. */
struct cap {
	uint8_t type;    /* enum helios_cap_type */
	uint8_t rights;  /* HELIOS_RIGHT_* */
	uint16_t flags;  /* CAP_FLAG_*; empty: CAP_FLAG_RESERVED or 0 */
	uint32_t aux;    /* empty: previous free slot; PAGE: map rights of its mapping */
	/*
	 * empty: next free slot. ENDPOINT, NOTIFICATION: badge. PAGE, PT, PD, PDPT: the mapping
	 * (CAP_MAPPING), 0 when unmapped. VSPACE: unused (its ASID is in the object). IO_PORT:
	 * first | last << 16. IRQ_HANDLER: the IRQ. DEVICE_MEMORY: size in bytes.
	 */
	uint64_t data;
	/*
	 * The object: a kernel virtual address. Memory pages, tables and device memory are
	 * addressed through the direct map (directmap.h), device memory included even though it
	 * is never dereferenced. NULL for ASID_CONTROL, IO_CONTROL, IRQ_CONTROL, IO_PORT.
	 */
	uintptr_t object;
	struct memory *source;       /* where the object's bytes came from (NULL: nowhere) */
	struct cspace *owner;        /* the cspace holding this slot (NULL: a kernel slot) */
	struct cap *ring_next, *ring_prev; /* every capability to the same object */
	struct cap *parent, *first_child, *next_sibling, *prev_sibling; /* derivation */
	/*
	 * PAGE, PT, PD, PDPT while mapped: the epoch of the vspace the mapping is in (its ASID
	 * assignment, vm/vspace.h), which tells that vspace from a later one given the same ASID.
	 */
	uint64_t map_epoch;
};
_Static_assert(sizeof(struct cap) == 96, "a capability slot is 96 bytes");

#define CAP_FLAG_BADGED 1u   /* ENDPOINT/NOTIFICATION: data holds a badge set by mint */
#define CAP_FLAG_DEVICE 2u   /* PAGE: device memory (map uncached; never an IPC buffer) */
#define CAP_FLAG_RESERVED 4u /* empty cspace slot taken off the free list (cspace.h) */

/* The badge an ENDPOINT or NOTIFICATION capability carries (0: none): its data, which is
 * created 0 and set (never to 0) only by the mint that also sets CAP_FLAG_BADGED. */
static inline uint64_t cap_badge(const struct cap *c)
{
	return c->data;
}

/* PAGE/table mapping record: ASID in bits 48-63, virtual address in bits 0-47. */
#define CAP_MAPPING(asid, vaddr) ((uint64_t)(asid) << 48 | ((vaddr)&0xffffffffffffull))
#define CAP_MAPPING_ASID(m) ((uint32_t)((m) >> 48))
#define CAP_MAPPING_VADDR(m) ((m)&0xffffffffffffull)

/*
 * Filling slots. `dst` must be empty: every caller got it from cspace_reserve (or owns a
 * kernel slot it emptied), so a full one is a kernel bug and panics.
 */
/* Fills the empty slot `dst` with a new capability (ring of one, child of `parent`). */
void cap_create(struct cap *dst, uint8_t type, uint8_t rights, uintptr_t object, uint64_t data,
		struct memory *source, struct cap *parent);
/* Fills the empty slot `dst` with a copy of `src` (same object, on its ring, child of src),
 * rights masked by `rights`. */
void cap_copy(struct cap *dst, struct cap *src, uint8_t rights);
/* Moves `src` into the empty slot `dst`: same ring and tree position; src becomes empty. */
void cap_move(struct cap *dst, struct cap *src);
/* Deletes one capability (see the top of this file). Never fails. */
void cap_delete(struct cap *c);
/* Fills a task's empty reply slot (a kernel slot, all zero when empty: slot_clear) with a
 * reply capability: what cap_create would do, without rewriting the zero fields. */
static always_inline void cap_create_reply(struct cap *dst, uint8_t rights, uintptr_t caller)
{
	dst->type = HELIOS_CAP_REPLY;
	dst->rights = rights;
	dst->object = caller;
	dst->ring_next = dst->ring_prev = dst;
}
/* Empties a task's reply slot whose reply capability was answered. The capability came from
 * cap_create_reply and nothing can copy it, derive from it or move one in (CSPACE_SAVE_REPLY
 * only moves it out), so clearing what cap_create_reply wrote is its whole deletion. */
static always_inline void reply_slot_clear(struct cap *c)
{
	c->type = HELIOS_CAP_NULL;
	c->rights = 0;
	c->object = 0;
	/* The ring links stay: nothing reads them in an empty kernel slot, and the next
	 * cap_create_reply writes them. */
}
/* Empties an answered reply capability (its caller is no longer bound to it): one in a task's
 * reply slot (the only ones without an owning cspace) is simply cleared; one saved into a
 * cspace goes through cap_delete. */
static always_inline void cap_clear_reply(struct cap *c)
{
	if (!c->owner) {
		reply_slot_clear(c);
	} else {
		c->object = 0;
		cap_delete(c);
	}
}
/* Deletes every capability derived from `c`; `c` stays. */
void cap_revoke(struct cap *c);
/* True when `c` is the only capability to its object. */
bool cap_is_last(const struct cap *c);
/* Brackets a group of deletions: cspaces that die inside are emptied at the outermost end. */
void deletion_begin(void);
void deletion_end(void);
/* object_finalize of a CSPACE: marks it dying and queues it; the outermost deletion_end
 * deletes its capabilities, then frees it with memory_free_deferred(source, ...). */
void deletion_queue_cspace(struct cspace *cs, struct memory *source);

#endif
