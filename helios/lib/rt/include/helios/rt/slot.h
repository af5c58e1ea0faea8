/*
 * A capability slot allocator over the program's free slots (init: the init info's
 * free_slots range, at most RT_SLOT_MAX of them). A bitmap with one bit per slot, changed
 * with atomic operations only, so threads may allocate at the same time (no lock, so no
 * priority inversion). A slot whose bit is clear but which holds a capability (one the kernel
 * placed there for a HELIOS_CADDR_UNDEF request) is skipped and stays marked until someone
 * frees it.
 *
 * Marks let a program undo everything allocated since a point in time (rt_release_since in
 * mem.h): the test suite uses them to clean up after each test.
 */
#ifndef HELIOS_RT_SLOT_H
#define HELIOS_RT_SLOT_H

#include <stdint.h>

#include <helios/abi.h>

#define RT_SLOT_MAX 16384u

/* Hands the allocator [first, first + count) (count is cut to RT_SLOT_MAX). crt0 calls it. */
void rt_slot_init(helios_caddr_t first, uint32_t count);
/* One empty slot, or HELIOS_CADDR_UNDEF when none is left. */
helios_caddr_t rt_slot_alloc(void);
/* count consecutive empty slots (the first of them), or HELIOS_CADDR_UNDEF. */
helios_caddr_t rt_slot_alloc_range(uint32_t count);
/* Gives slots back (they must be empty again: delete their capabilities first). */
void rt_slot_free(helios_caddr_t slot);
void rt_slot_free_range(helios_caddr_t first, uint32_t count);
/* Whether a slot is in the allocator's range and currently allocated. */
int rt_slot_allocated(helios_caddr_t slot);
/* The allocator's range. */
helios_caddr_t rt_slot_first(void);
uint32_t rt_slot_count(void);

/* A snapshot of the allocator. */
struct rt_slot_mark {
	uint64_t bits[RT_SLOT_MAX / 64];
};
void rt_slot_mark(struct rt_slot_mark *m);
/* Calls fn for every slot allocated now that was free at the mark, highest slot first. */
void rt_slot_each_since(const struct rt_slot_mark *m, void (*fn)(helios_caddr_t, void *),
			void *ctx);

#endif
