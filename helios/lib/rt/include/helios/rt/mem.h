/*
 * Objects and memory for userspace: allocate kernel objects from the program's memory
 * capabilities, map fresh pages (creating missing page tables as the kernel asks for them),
 * and undo everything allocated since a mark.
 */
#ifndef HELIOS_RT_MEM_H
#define HELIOS_RT_MEM_H

#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/slot.h>
#include <helios/rt/thread.h>

/*
 * count objects of `type` (size: bytes for MEMORY, slots for CSPACE, else ignored) in count
 * consecutive new slots, from the first memory capability with room. *first = the first
 * slot. Returns NOMEM when no memory capability has room, CSPACE_FULL when the slot
 * allocator has no slots left.
 */
int rt_alloc_objects(uint64_t type, uint64_t size, uint32_t count, helios_caddr_t *first);
/* The same from one given memory capability (HELIOS_CADDR_UNDEF: the program's, as above):
 * a spawner builds a task from the memory it gives the task. */
int rt_alloc_objects_from(helios_caddr_t memory, uint64_t type, uint64_t size, uint32_t count,
			  helios_caddr_t *first);
int rt_alloc(uint64_t type, uint64_t size, helios_caddr_t *slot);
/* Deletes the capability (in rt_cspace) and frees its slot. */
int rt_free(helios_caddr_t slot);
void rt_free_range(helios_caddr_t first, uint32_t count);

/*
 * Maps page into vspace at vaddr with HELIOS_MAP_* rights, creating each missing table with
 * rt_alloc. The tables' capabilities stay allocated (part of that address space).
 */
int rt_map(helios_caddr_t vspace, helios_caddr_t page, uint64_t vaddr, uint64_t rights);
/*
 * rt_map with the missing tables taken from `tables->memory` (HELIOS_CADDR_UNDEF: the
 * program's memory); each new table, once mapped, is handed to tables->mapped (if not NULL),
 * which may move it elsewhere (then it frees the slot with rt_slot_free); an error from it
 * fails the map (it then leaves the table where it was) and the table is deleted.
 * tables NULL: rt_map.
 */
struct rt_table_source {
	helios_caddr_t memory;
	int (*mapped)(void *ctx, helios_caddr_t table);
	void *ctx;
};
int rt_map_with(helios_caddr_t vspace, helios_caddr_t page, uint64_t vaddr, uint64_t rights,
		const struct rt_table_source *tables);
/* count fresh zeroed pages mapped at vaddr in rt_vspace; *first = the first page's slot (the
 * pages are in consecutive slots). On failure nothing stays allocated. */
int rt_map_pages(uint64_t vaddr, uint32_t count, uint64_t rights, helios_caddr_t *first);
/* Deletes the pages (which unmaps them) and frees their slots. */
void rt_unmap_pages(helios_caddr_t first, uint32_t count);

/* Free bytes summed over the program's memory capabilities. */
uint64_t rt_memory_free(void);

/* The device memory capability of init's (rt_info->device_memory) covering the physical
 * address phys, and phys's offset in it: HELIOS_CADDR_UNDEF when none does. */
helios_caddr_t rt_device_memory_find(uint64_t phys, uint64_t *offset);

/*
 * Undoing work: rt_mark records the slot allocator and the thread regions; rt_release_since
 * first suspends every task whose capability was allocated since the mark, then deletes every
 * capability allocated since (newest first), frees those slots and gives back the thread
 * regions taken since. Threads created since the mark must not be the caller.
 */
struct rt_mark {
	struct rt_slot_mark slots;
	uint64_t regions[RT_THREAD_REGIONS / 64];
};
void rt_mark(struct rt_mark *m);
void rt_release_since(const struct rt_mark *m);

#endif
