/*
 * The loader's page allocator: the memory map is the only record of what is free. Each
 * allocation finds free RAM in the map and carves it with its new type, so the kernel later
 * sees exactly what the loader used, and the next allocation cannot reuse it.
 */
#include <stdint.h>
#include <string.h>

#include "bootloaders/multiboot/loader.h"

/* Below 1 MiB live the BIOS data areas; above 4 GiB the 32-bit loader cannot write. */
#define ALLOC_MIN 0x100000ull
#define ALLOC_MAX LOW_4G

static struct memmap *map;

void alloc_init(struct memmap *m)
{
	map = m;
}

uint64_t alloc_pages(uint64_t size, uint32_t type)
{
	uint64_t base;
	size = (size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	if (size == 0 || memmap_find_free(map, size, PAGE_SIZE, ALLOC_MIN, ALLOC_MAX, &base) < 0)
		return 0;
	if (memmap_carve(map, base, size, type) < 0)
		loader_fail("memory map full (more than %d regions)", MEMMAP_MAX_REGIONS);
	memset((void *)(uintptr_t)base, 0, (size_t)size);
	return base;
}
