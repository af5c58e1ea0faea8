/*
 * Capabilities and the kernel objects they name: the data structures every part of the kernel
 * shares. docs/kernel.md explains the design; in short:
 *
 * - A capability is a 96-byte slot (struct cap). Slots live in capability spaces (struct
 *   cspace: a header and a flat array) or inside kernel objects (a task's cspace, vspace, IPC
 *   buffer, fault endpoint and reply slots; an IRQ's notification).
 * - Every capability to the same object is on one circular list, the object ring. Deleting a
 *   capability that is alone on its ring destroys the object ("last capability"): no object
 *   keeps a reference count of its own. Reply capabilities are the exception: they are on no
 *   ring and do not keep their task alive.
 * - Capabilities also form a derivation tree: a copy or mint is a child of its source, retyped
 *   objects are children of their memory capability. Revoke deletes every descendant. Deleting
 *   a capability that has children hands them to its parent.
 * - Objects are allocated from memory objects (struct memory) with a free list; the slot
 *   records which memory object (source) the object came from, so destroying it gives the
 *   bytes back there.
 * - Destruction is never recursive beyond one level: a dying cspace is queued and its slots are
 *   deleted by a loop, and the memory of destroyed objects is freed only when the kernel is about
 *   to return to userspace (reap), so no slot or object a loop is looking at disappears under it.
 */
#ifndef HELIOS_KERNEL_OBJECT_H
#define HELIOS_KERNEL_OBJECT_H

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
	uint16_t flags;  /* CAP_FLAG_* */
	uint32_t aux;    /* empty: previous free slot; PAGE: map rights of its mapping */
	/*
	 * empty: next free slot. ENDPOINT, NOTIFICATION: badge. PAGE, PT, PD, PDPT: the mapping
	 * (CAP_MAPPING), 0 when unmapped. VSPACE: unused (its ASID is in the object). IO_PORT:
	 * first | last << 16. IRQ_HANDLER: the IRQ. DEVICE_MEMORY: size in bytes.
	 */
	uint64_t data;
	/*
	 * The object: a kernel virtual address. Memory pages, tables and device memory are
	 * addressed through the direct map (phys_to_virt), device memory included even though it
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

/*
 * A memory object: a physical range whose free bytes are on a free list kept inside the free
 * memory itself (address order, neighbours merged). Boot memory descriptors are kernel
 * statics; a memory object retyped from another has its descriptor allocated from its parent.
 */
struct memory {
	uintptr_t base;             /* kernel virtual address of the first byte */
	uint64_t size;
	uintptr_t free_list;        /* first free block, 0 when none */
	uint64_t free_bytes;
	uint64_t live;              /* allocations not yet freed (objects, child ranges) */
	struct memory *parent;      /* NULL for boot memory */
	uint32_t caps_gone;         /* every capability deleted: die when live reaches 0 */
	uint32_t reserved;
	struct memory *next_dead;   /* reap's list of memory objects to give back */
};
_Static_assert(sizeof(struct memory) == 64, "memory descriptor is 64 bytes");

/* Every allocation is a multiple of this and aligned to at least this. */
#define MEMORY_GRAIN 64u

/* ---- memory.c: the allocator (host-tested) ------------------------------------------- */

/* Makes `m` describe [base, base+size) (kernel virtual, MEMORY_GRAIN-aligned), all free. */
void memory_init(struct memory *m, uintptr_t base, uint64_t size, struct memory *parent);
/* First fit: size rounded up to MEMORY_GRAIN, align a power of two >= MEMORY_GRAIN.
 * Returns the address or 0 (nothing large enough). Counts a live allocation. */
uintptr_t memory_alloc(struct memory *m, uint64_t size, uint64_t align);
/* Gives [addr, addr+size) back at once (merging neighbours). */
void memory_free_now(struct memory *m, uintptr_t addr, uint64_t size);
/* The largest free block, for MEMORY_INFO. */
uint64_t memory_largest_free(const struct memory *m);
/*
 * Gives an object's bytes back when the kernel next returns to userspace (see reap), and then
 * lets `m` die if its capabilities are gone and this was its last allocation. The object's
 * first 32 bytes are used as the queue link, so objects are at least MEMORY_GRAIN bytes.
 */
void memory_free_deferred(struct memory *m, uintptr_t addr, uint64_t size);
/* The last capability to `m` was deleted: it goes back to its parent (range and descriptor)
 * at reap once nothing allocated from it is left. Boot memory (no parent) stays. */
void memory_caps_gone(struct memory *m);
/* Something is queued to be freed (memory.c sets it, reap_queued clears it). */
extern bool reap_pending;
void reap_queued(void);
/* Frees everything memory_free_deferred queued. At every kernel exit: inline, since the test
 * is all it costs when nothing died. */
static inline void reap(void)
{
	if (unlikely(reap_pending))
		reap_queued();
}

/* ---- cap.c: slots, rings, derivation, deletion (host-tested) ------------------------- */

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
 * list; the caller must fill it (cap_create/copy/move) or give it back with cspace_unreserve. */
int cspace_reserve(struct cspace *cs, helios_caddr_t caddr, struct cap **out);
void cspace_unreserve(struct cap *slot);
/* Index of a slot of this cspace. */
helios_caddr_t cspace_caddr(const struct cspace *cs, const struct cap *slot);
/* Called by cap.c when a slot of a cspace becomes empty: puts it back on the free list. */
void cspace_slot_freed(struct cap *slot);

/* ---- object.c: the type table ------------------------------------------------------- */

/*
 * Size and alignment of a new object of `type` (size_param: bytes for MEMORY, slots for
 * CSPACE). INVALID_TYPE when memory cannot be retyped into `type`, INVALID_PARAM for a bad
 * size_param.
 */
int object_layout(unsigned type, uint64_t size_param, uint64_t *size, uint64_t *align);
/* Initialises zeroed memory as a new object. */
void object_init(unsigned type, uintptr_t object, uint64_t size_param);
/* Called for every capability being deleted, before it leaves its ring (a page unmaps its
 * own mapping, a reply capability detaches from its caller). */
void object_cap_deleted(struct cap *c);
/* Called when the last capability to an object has been deleted: destroy it and free its
 * memory with memory_free_deferred(c->source, ...). */
void object_finalize(struct cap *c);

/* Hooks object.c calls for each type, implemented by its subsystem. */
struct task;
struct endpoint;
struct notification;
uint64_t task_object_size(void);
uint64_t endpoint_object_size(void);         /* a zero-filled endpoint is valid */
uint64_t notification_object_size(void);     /* a zero-filled notification is valid */
void task_init_object(struct task *t);
void task_finalize(struct task *t);
void endpoint_finalize(struct endpoint *e);
void notification_finalize(struct notification *n);
void reply_cap_deleted(struct cap *c);
/* cap_move calls this after moving a REPLY capability: its caller learns the new slot. */
void reply_cap_moved(struct cap *dst);
void irq_handler_finalize(struct cap *c);
/* Architecture object types (tables, pages, ASID pools, I/O ports): see arch.h. */

/* Direct map: kernel virtual <-> physical. Host tests define HOST_TEST and map 1:1. */
#ifdef HOST_TEST
static inline uintptr_t phys_to_virt(uint64_t p) { return (uintptr_t)p; }
static inline uint64_t virt_to_phys(uintptr_t v) { return (uint64_t)v; }
#else
static inline uintptr_t phys_to_virt(uint64_t p) { return (uintptr_t)(p + HELIOS_HHDM_BASE); }
static inline uint64_t virt_to_phys(uintptr_t v) { return (uint64_t)v - HELIOS_HHDM_BASE; }
#endif

#endif
