/*
 * The page tables the loader hands the kernel (docs/boot.md): an identity map of memory,
 * under which the loader keeps running until it jumps, the direct map and the kernel image.
 * The final memory map can only be taken when nothing will be allocated any more, yet the
 * tables depend on it; so their pages are reserved earlier, from a bound computed on the
 * map as it was then, and the tables are built from that pool (again, should
 * ExitBootServices need a second attempt).
 */
#include <stdint.h>
#include <string.h>

#include "bootloaders/efi/arch.h"
#include "bootloaders/efi/loader.h"

/* Regions the map may gain between the estimate and the final map (our last allocations). */
#define SLACK_REGIONS 8

static int mapped(uint32_t type)
{
	return type != HELIOS_MEM_RESERVED && type != HELIOS_MEM_BAD;
}

/*
 * A bound on the tables below the root that mapping every memory region of `m` (and all of
 * [0, low_top)) needs: a 4 KiB-page table at each end of each region, a 2 MiB-block table per
 * GiB touched (never more than there are GiB below the top) and one per 512 GiB below it.
 */
static uint64_t map_bound(const struct memmap *m, uint64_t low_top)
{
	uint64_t regions = SLACK_REGIONS + (low_top ? 1 : 0);
	uint64_t gib_tables = 2 * SLACK_REGIONS + (low_top ? (low_top >> 30) + 2 : 0);
	uint64_t top = low_top;
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		if (!mapped(r->type))
			continue;
		regions++;
		gib_tables += (r->size >> 30) + 2;
		if (r->base + r->size > top)
			top = r->base + r->size;
	}
	if (gib_tables > (top >> 30) + 1)
		gib_tables = (top >> 30) + 1;
	return 2 * regions + gib_tables + (top >> 39) + 1;
}

/* The same for the kernel's segments, which lie within the last GiB. */
static uint64_t kernel_bound(const struct elf_image *kernel)
{
	uint64_t tables = 2;
	for (unsigned i = 0; i < kernel->segment_count; i++)
		tables += (kernel->segments[i].memsz >> 21) + 2;
	return tables;
}

void tables_reserve(struct tables *t, const struct memmap *m, const struct elf_image *kernel)
{
	uint64_t pages = 2 /* roots */ + map_bound(m, 0) +
			 map_bound(m, loader_arch.hhdm_min_top) + kernel_bound(kernel);
	t->pool = alloc_pages(pages * PAGE_SIZE, HELIOS_MEM_LOADER, "page tables");
	t->pages = (unsigned)pages;
	t->used = 0;
}

/* pt_ctx callback: the next zeroed page of the pool, 0 when it is exhausted. */
static uint64_t pool_alloc(struct pt_ctx *ctx)
{
	struct tables *t = ctx->opaque;
	if (t->used == t->pages)
		return 0;
	uint64_t page = t->pool + (uint64_t)t->used++ * PAGE_SIZE;
	memset((void *)(uintptr_t)page, 0, PAGE_SIZE);
	return page;
}

/* pt_ctx callback: the firmware maps memory 1:1, so physical addresses are pointers. */
static void *identity_ptr(struct pt_ctx *ctx, uint64_t phys)
{
	(void)ctx;
	return (void *)(uintptr_t)phys;
}

static void ctx_init(struct pt_ctx *ctx, struct tables *t, uint64_t root)
{
	ctx->format = loader_arch.pt_format;
	ctx->root = root;
	ctx->alloc_table = pool_alloc;
	ctx->phys_to_ptr = identity_ptr;
	ctx->opaque = t;
}

/* Maps every memory region at its own address, adjacent regions as one range. */
static int map_identity(struct pt_ctx *ctx, const struct memmap *m)
{
	uint64_t run_base = 0, run_end = 0;
	for (unsigned i = 0; i < m->count; i++) {
		const struct helios_mem_region *r = &m->regions[i];
		if (!mapped(r->type))
			continue;
		if (r->base != run_end) {
			if (run_end > run_base &&
			    pt_map(ctx, run_base, run_base, run_end - run_base, PT_WRITE | PT_EXEC))
				return -1;
			run_base = r->base;
		}
		run_end = r->base + r->size;
	}
	if (run_end > run_base)
		return pt_map(ctx, run_base, run_base, run_end - run_base, PT_WRITE | PT_EXEC);
	return 0;
}

/* Why a mapping failed: the pool ran out, or the mappings collide. */
static const char *failure(const struct tables *t, const char *what)
{
	if (t->used == t->pages)
		return "page tables: out of reserved table pages";
	return what;
}

const char *tables_build(struct tables *t, const struct memmap *m, const struct elf_image *kernel,
			 uint64_t kernel_phys)
{
	t->used = 0;
	ctx_init(&t->kernel, t, 0);
	t->kernel.root = pool_alloc(&t->kernel);
	ctx_init(&t->identity, t, t->kernel.root);
	if (loader_arch.identity_root_separate)
		t->identity.root = pool_alloc(&t->identity);
	if (t->identity.root == 0 || t->kernel.root == 0)
		return failure(t, "page tables: no root table");
	if (map_identity(&t->identity, m) != 0)
		return failure(t, "page tables: cannot identity-map memory");
	if (pt_map_hhdm(&t->kernel, m, loader_arch.hhdm_min_top) != 0)
		return failure(t, "page tables: cannot map physical memory at HELIOS_HHDM_BASE");
	if (pt_map_kernel(&t->kernel, kernel, kernel_phys) != 0)
		return failure(t, "page tables: cannot map the kernel");
	return NULL;
}
