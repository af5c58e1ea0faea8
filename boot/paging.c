/*
 * Builds 4-level page tables in either architecture's format (see paging.h). The walk is
 * the same for x86_64 and aarch64 with a 4 KiB granule; only the entries differ, and those
 * come from ctx->format.
 */
#include <stdint.h>

#include <helios/boot.h>

#include "boot/paging.h"

#define PAGE_SIZE 4096ull
#define PAGE_MASK (PAGE_SIZE - 1)
#define TOP_LEVEL 3

/* Bytes one entry at `level` maps: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static uint64_t level_size(int level)
{
	return PAGE_SIZE << (9 * level);
}

static unsigned level_index(uint64_t virt, int level)
{
	return (unsigned)(virt >> (12 + 9 * level)) & 511;
}

static uint64_t *table_at(struct pt_ctx *ctx, uint64_t phys)
{
	return ctx->phys_to_ptr(ctx, phys);
}

/*
 * Maps one page or block at `level`. Returns -1 if out of memory or something is there.
 * With `check_only`, changes nothing and only says whether the slot is free.
 */
static int map_one(struct pt_ctx *ctx, uint64_t virt, uint64_t phys, int level, unsigned flags,
		   int check_only)
{
	const struct pt_format *f = ctx->format;
	uint64_t *table = table_at(ctx, ctx->root);
	for (int l = TOP_LEVEL; l > level; l--) {
		uint64_t *entry = &table[level_index(virt, l)];
		if (!f->present(*entry)) {
			if (check_only)
				return 0; /* nothing below this entry yet */
			uint64_t next = ctx->alloc_table(ctx);
			if (next == 0)
				return -1;
			*entry = f->table_entry(next);
		} else if (!f->is_table(*entry, l)) {
			return -1; /* inside a block mapped earlier */
		}
		table = table_at(ctx, f->table_address(*entry));
	}
	uint64_t *entry = &table[level_index(virt, level)];
	if (f->present(*entry))
		return -1; /* a page, a block, or a table of earlier mappings */
	if (!check_only)
		*entry = f->leaf_entry(phys, level, flags);
	return 0;
}

/* Maps (or with check_only, checks) the range block by block, largest blocks first. */
static int map_range(struct pt_ctx *ctx, uint64_t virt, uint64_t phys, uint64_t size,
		     unsigned flags, int check_only)
{
	/* The size is counted down rather than compared to an end, so a range may end at 2^64. */
	while (size > 0) {
		int level = ctx->format->max_leaf_level;
		while (level > 0) {
			uint64_t block = level_size(level);
			if (((virt | phys) & (block - 1)) == 0 && size >= block)
				break;
			level--;
		}
		if (map_one(ctx, virt, phys, level, flags, check_only) != 0)
			return -1;
		virt += level_size(level);
		phys += level_size(level);
		size -= level_size(level);
	}
	return 0;
}

/* Checks the whole range first, so refusing an overlap leaves the tables as they were. */
int pt_map(struct pt_ctx *ctx, uint64_t virt, uint64_t phys, uint64_t size, unsigned flags)
{
	if (((virt | phys | size) & PAGE_MASK) != 0)
		return -1;
	if (map_range(ctx, virt, phys, size, flags, 1) != 0)
		return -1;
	return map_range(ctx, virt, phys, size, flags, 0);
}

int pt_translate(struct pt_ctx *ctx, uint64_t virt, uint64_t *phys, unsigned *level)
{
	const struct pt_format *f = ctx->format;
	uint64_t *table = table_at(ctx, ctx->root);
	for (int l = TOP_LEVEL;; l--) {
		uint64_t entry = table[level_index(virt, l)];
		if (!f->present(entry))
			return -1;
		if (l == 0 || !f->is_table(entry, l)) {
			if (l == TOP_LEVEL)
				return -1; /* no blocks at the root */
			uint64_t block = level_size(l);
			*phys = (f->table_address(entry) & ~(block - 1)) | (virt & (block - 1));
			if (level)
				*level = (unsigned)l;
			return 0;
		}
		table = table_at(ctx, f->table_address(entry));
	}
}

int pt_map_kernel(struct pt_ctx *ctx, const struct elf_image *img, uint64_t kernel_phys)
{
	if (kernel_phys & PAGE_MASK)
		return -1;
	for (unsigned i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t start = s->vaddr & ~PAGE_MASK;
		uint64_t end = (s->vaddr + s->memsz + PAGE_MASK) & ~PAGE_MASK;
		unsigned flags = PT_GLOBAL;
		if (s->flags & ELF_SEGMENT_W)
			flags |= PT_WRITE;
		if (s->flags & ELF_SEGMENT_X)
			flags |= PT_EXEC;
		if (pt_map(ctx, start, kernel_phys + (start - img->vbase), end - start, flags) != 0)
			return -1;
	}
	return 0;
}

/* Physical addresses the direct map can hold: it ends where the kernel's area begins. */
#define HHDM_LIMIT (HELIOS_KERNEL_BASE - HELIOS_HHDM_BASE)

static int map_direct(struct pt_ctx *ctx, uint64_t base, uint64_t end)
{
	if (end <= base)
		return 0;
	if (end > HHDM_LIMIT)
		return -1;
	return pt_map(ctx, HELIOS_HHDM_BASE + base, base, end - base, PT_WRITE | PT_GLOBAL);
}

static int hhdm_wanted(uint32_t type)
{
	return type != HELIOS_MEM_RESERVED && type != HELIOS_MEM_BAD;
}

int pt_map_hhdm(struct pt_ctx *ctx, const struct memmap *m, uint64_t min_hhdm_top)
{
	uint64_t low_end = (min_hhdm_top + PAGE_MASK) & ~PAGE_MASK;
	if (min_hhdm_top > HHDM_LIMIT || map_direct(ctx, 0, low_end) != 0)
		return -1;
	/* Regions are sorted and disjoint: runs of adjacent wanted regions become one range. */
	uint64_t run_base = 0, run_end = 0;
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		if (!hhdm_wanted(r->type))
			continue;
		uint64_t base = r->base > low_end ? r->base : low_end;
		uint64_t end = r->base + r->size;
		if (end <= base)
			continue;
		if (base != run_end) {
			if (map_direct(ctx, run_base, run_end) != 0)
				return -1;
			run_base = base;
		}
		run_end = end;
	}
	return map_direct(ctx, run_base, run_end);
}
