/*
 * Memory objects (memory.c): a physical range whose free bytes are on a free list kept inside
 * the free memory itself (address order, neighbours merged), the allocator over it, and the
 * deferred freeing (reap) that lets destroyed objects stay readable until the kernel is about
 * to return to userspace. Their MEMORY_* and DEVICE_MEMORY_* methods are memory_invoke.c.
 */
#ifndef HELIOS_KERNEL_MEMORY_H
#define HELIOS_KERNEL_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/compiler.h"

struct invocation;

/*
 * A memory object. Boot memory descriptors are kernel statics; a memory object retyped from
 * another has its descriptor allocated from its parent.
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
/* Gives [addr, addr+size) back at once (merging neighbours): the free list is then exactly as
 * it was before the memory_alloc that returned addr, if nothing else changed it since. */
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

/* ---- memory_invoke.c (host-tested) --------------------------------------------------- */

/* MEMORY_* and DEVICE_MEMORY_* methods (enum helios_error). */
int memory_invoke(struct invocation *inv);
int device_memory_invoke(struct invocation *inv);

#endif
