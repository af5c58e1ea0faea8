/*
 * The physical memory map under construction (see memmap.h).
 *
 * The map is always kept in its final shape: sorted, non-overlapping, page-aligned, adjacent
 * regions of one type merged. Every change paints a type over a range: the new map is built
 * in a scratch array, region by region, and copied back only if it fits, so a failed change
 * leaves the map as it was. The scratch array is static (it is 6 KiB, too much for a loader's
 * stack): these functions are not reentrant, which suits single-threaded loaders.
 */
#include <stdint.h>
#include <string.h>

#include "boot/memmap.h"

#define PAGE_SIZE 4096ull
#define PAGE_MASK (PAGE_SIZE - 1)
#define TOP_PAGE_END (~PAGE_MASK) /* highest page-aligned end a region can have */

static struct memmap scratch;

void memmap_init(struct memmap *m)
{
	m->count = 0;
}

static uint64_t region_end(const struct helios_mem_region *r)
{
	return r->base + r->size;
}

/* The type that holds a place wanted by both `old` and `new` (memmap_add's rule). */
static uint32_t stronger(uint32_t old, uint32_t new)
{
	if (old == HELIOS_MEM_USABLE)
		return new;
	if (new == HELIOS_MEM_USABLE)
		return old;
	return new > old ? new : old;
}

/* Appends [base, end) of `type` to the scratch map, merging with the last region. */
static int append(uint64_t base, uint64_t end, uint32_t type)
{
	if (end <= base)
		return 0;
	if (scratch.count > 0) {
		struct helios_mem_region *last = &scratch.regions[scratch.count - 1];
		if (last->type == type && region_end(last) == base) {
			last->size = end - last->base;
			return 0;
		}
	}
	if (scratch.count == MEMMAP_MAX_REGIONS)
		return -1;
	struct helios_mem_region *r = &scratch.regions[scratch.count++];
	r->base = base;
	r->size = end - base;
	r->type = type;
	r->reserved = 0;
	return 0;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/*
 * Gives [base, end) the type `type`: everywhere if `override`, else only in gaps and where
 * `type` is stronger than what is there. Returns 0, or -1 (map unchanged) if it would not fit.
 */
static int paint(struct memmap *m, uint64_t base, uint64_t end, uint32_t type, int override)
{
	if (end <= base)
		return 0;
	scratch.count = 0;
	uint64_t covered = 0; /* everything below this was handled */
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		uint64_t r_end = region_end(r);
		uint32_t inside = override ? type : stronger(r->type, type);
		/* The gap before this region, where it lies in the range. */
		if (append(max64(covered, base), min64(r->base, end), type) ||
		    append(r->base, min64(r_end, base), r->type) ||
		    append(max64(r->base, base), min64(r_end, end), inside) ||
		    append(max64(r->base, end), r_end, r->type))
			return -1;
		covered = r_end;
	}
	if (append(max64(covered, base), end, type))
		return -1;
	memcpy(m->regions, scratch.regions, scratch.count * sizeof(scratch.regions[0]));
	m->count = scratch.count;
	return 0;
}

/* Types the map does not know are kept as RESERVED, the safe reading. */
static uint32_t known_type(uint32_t type)
{
	return type >= HELIOS_MEM_USABLE && type <= HELIOS_MEM_TYPE_MAX ? type
									: HELIOS_MEM_RESERVED;
}

/* The end of [base, base + size), saturated at the top of the address space. */
static uint64_t range_end(uint64_t base, uint64_t size)
{
	return size > UINT64_MAX - base ? UINT64_MAX : base + size;
}

/* Rounds a range outwards to pages (the last page of the address space is left out). */
static void grow_to_pages(uint64_t *base, uint64_t *end)
{
	*base &= ~PAGE_MASK;
	*end = *end > TOP_PAGE_END ? TOP_PAGE_END : (*end + PAGE_MASK) & ~PAGE_MASK;
}

int memmap_add(struct memmap *m, uint64_t base, uint64_t size, uint32_t type)
{
	uint64_t end = range_end(base, size);
	type = known_type(type);
	if (size == 0)
		return 0;
	if (type == HELIOS_MEM_USABLE) {
		if (base > TOP_PAGE_END)
			return 0;
		base = (base + PAGE_MASK) & ~PAGE_MASK;
		end &= ~PAGE_MASK;
	} else {
		grow_to_pages(&base, &end);
	}
	return paint(m, base, end, type, 0);
}

int memmap_carve(struct memmap *m, uint64_t base, uint64_t size, uint32_t type)
{
	uint64_t end = range_end(base, size);
	if (size == 0)
		return 0;
	grow_to_pages(&base, &end);
	return paint(m, base, end, known_type(type), 1);
}

uint32_t memmap_type_at(const struct memmap *m, uint64_t addr)
{
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		if (addr >= r->base && addr - r->base < r->size)
			return r->type;
	}
	return 0;
}

uint64_t memmap_top(const struct memmap *m, uint32_t type)
{
	uint64_t top = 0;
	for (unsigned i = 0; i < m->count; i++) {
		if (m->regions[i].type == type)
			top = max64(top, region_end(&m->regions[i]));
	}
	return top;
}

int memmap_find_free(const struct memmap *m, uint64_t size, uint64_t align, uint64_t min,
		     uint64_t max, uint64_t *out)
{
	if (size == 0 || (size & PAGE_MASK) || (align & (align - 1)))
		return -1;
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		if (r->type != HELIOS_MEM_USABLE)
			continue;
		uint64_t start = max64(r->base, min);
		if (start > UINT64_MAX - (align - 1))
			continue;
		start = (start + align - 1) & ~(align - 1);
		uint64_t end = min64(region_end(r), max);
		if (start < end && end - start >= size) {
			*out = start;
			return 0;
		}
	}
	return -1;
}

const char *memmap_type_name(uint32_t type)
{
	switch (type) {
	case HELIOS_MEM_USABLE:
		return "usable";
	case HELIOS_MEM_RESERVED:
		return "reserved";
	case HELIOS_MEM_ACPI_RECLAIMABLE:
		return "acpi reclaimable";
	case HELIOS_MEM_ACPI_NVS:
		return "acpi nvs";
	case HELIOS_MEM_BAD:
		return "bad";
	case HELIOS_MEM_LOADER:
		return "loader";
	case HELIOS_MEM_KERNEL:
		return "kernel";
	case HELIOS_MEM_MODULE:
		return "module";
	case HELIOS_MEM_FIRMWARE:
		return "firmware";
	}
	return "unknown";
}
