/*
 * The page tables the kernel starts on (docs/boot.md): an identity map of the low 4 GiB (the
 * loader is still running from it when paging comes on), all physical memory at
 * HELIOS_HHDM_BASE, and the kernel's segments at their link addresses. Tables come from the
 * page allocator as HELIOS_MEM_LOADER memory.
 */
#include <stdint.h>

#include "boot/paging.h"
#include "bootloaders/multiboot/loader.h"

static uint64_t alloc_table(struct pt_ctx *ctx)
{
	(void)ctx;
	return alloc_pages(PAGE_SIZE, HELIOS_MEM_LOADER);
}

/* Paging is off while the loader runs: a physical address is a pointer. */
static void *phys_to_ptr(struct pt_ctx *ctx, uint64_t phys)
{
	(void)ctx;
	return (void *)(uintptr_t)phys;
}

uint64_t build_page_tables(const struct memmap *m, const struct elf_image *kernel,
			   uint64_t kernel_phys)
{
	/* pt_map_hhdm walks the map while each table it allocates is carved out of it. */
	static struct memmap snapshot;
	snapshot = *m;

	struct pt_ctx ctx = {
		.format = &pt_format_x86_64, /* 2 MiB blocks at most: fine for any x86_64 CPU */
		.alloc_table = alloc_table,
		.phys_to_ptr = phys_to_ptr,
	};
	ctx.root = alloc_table(&ctx);
	if (ctx.root == 0 || pt_map(&ctx, 0, 0, LOW_4G, PT_WRITE | PT_EXEC) < 0)
		loader_fail("page tables: out of memory for the identity map");
	if (pt_map_hhdm(&ctx, &snapshot, LOW_4G) < 0)
		loader_fail("page tables: cannot map physical memory at %#llx",
			    (unsigned long long)HELIOS_HHDM_BASE);
	if (pt_map_kernel(&ctx, kernel, kernel_phys) < 0)
		loader_fail("page tables: cannot map the kernel");
	return ctx.root;
}
