/*
 * A physical memory map under construction: loaders feed it the firmware's view, then carve
 * out what they placed (kernel, modules, their own allocations). The result is what the boot
 * protocol promises: sorted, non-overlapping, page-aligned regions, adjacent regions of the
 * same type merged.
 */
#ifndef BOOT_MEMMAP_H
#define BOOT_MEMMAP_H

#include <stdint.h>

#include <helios/boot.h>

#define MEMMAP_MAX_REGIONS 256

struct memmap {
	unsigned count;
	struct helios_mem_region regions[MEMMAP_MAX_REGIONS];
};

void memmap_init(struct memmap *m);

/*
 * Adds a region reported by firmware. Where it overlaps regions already present, the more
 * restrictive type wins: anything wins over HELIOS_MEM_USABLE, and among the others the
 * higher enum value wins. USABLE regions are shrunk inwards to page boundaries, others are
 * grown outwards. A type outside enum helios_mem_type is stored as RESERVED. Returns 0, or -1
 * if the map is full (the map is then unchanged). Not reentrant (shares a static scratch map).
 */
int memmap_add(struct memmap *m, uint64_t base, uint64_t size, uint32_t type);

/*
 * Marks [base, base + size) as `type`, overriding whatever was there (used for the kernel,
 * modules and loader allocations, which the loader knows better than firmware). The range is
 * grown outwards to page boundaries. Returns 0, or -1 if the map would overflow (unchanged).
 */
int memmap_carve(struct memmap *m, uint64_t base, uint64_t size, uint32_t type);

/* The type of the page holding `addr`, or 0 if no region covers it. */
uint32_t memmap_type_at(const struct memmap *m, uint64_t addr);

/* Highest end address of any region of `type` (0 if none). */
uint64_t memmap_top(const struct memmap *m, uint32_t type);

/*
 * Finds `size` bytes (a multiple of 4096) of USABLE memory aligned to `align` (a power of two
 * >= 4096), lying entirely within [min, max). Lowest address first. Returns 0 and sets *out,
 * or -1. Does not change the map: the caller carves what it takes.
 */
int memmap_find_free(const struct memmap *m, uint64_t size, uint64_t align, uint64_t min,
		     uint64_t max, uint64_t *out);

/* A short lowercase name for a type ("usable", "reserved", ...), "unknown" otherwise. */
const char *memmap_type_name(uint32_t type);

#endif
