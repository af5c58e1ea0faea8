/*
 * Device registers in the kernel's address space. The loader maps only memory (docs/boot.md),
 * so devices are mapped here: page by page from DEVMAP_BASE upwards, Device-nGnRnE, into the
 * live TTBR1 tables, which the direct map lets us write. Tables that do not exist yet come
 * from a small pool in .bss. The tables are built by the same code the loaders use.
 */
#include <stdint.h>
#include <string.h>

#include <helios/boot.h>

#include "boot/paging.h"
#include "helios/arch/aarch64/aarch64.h"

#define DEVMAP_BASE 0xffffffffc0000000ull
#define DEVMAP_END (DEVMAP_BASE + (64ull << 20))
#define PAGE_SIZE 4096ull
#define POOL_PAGES 4
#define TTBR_ADDRESS 0x0000fffffffff000ull

static uint8_t pool[POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned pool_used;
static uint64_t next_free = DEVMAP_BASE;

/* pt_ctx callback: a zeroed pool page, by its physical address (the kernel's own memory). */
static uint64_t pool_alloc(struct pt_ctx *ctx)
{
	const struct helios_boot_info *bi = ctx->opaque;
	if (pool_used == POOL_PAGES)
		return 0;
	uint8_t *page = pool[pool_used++];
	memset(page, 0, PAGE_SIZE);
	return bi->kernel_phys + ((uint64_t)(uintptr_t)page - bi->kernel_virt);
}

/* pt_ctx callback: tables are reached through the direct map. */
static void *table_ptr(struct pt_ctx *ctx, uint64_t phys)
{
	(void)ctx;
	return phys_to_virt(phys);
}

volatile void *devmap_map(const struct helios_boot_info *bi, uint64_t phys, uint64_t size)
{
	uint64_t offset = phys & (PAGE_SIZE - 1);
	uint64_t base = phys - offset;
	if (size > DEVMAP_END - DEVMAP_BASE)
		return 0;
	uint64_t length = (offset + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (length > DEVMAP_END - next_free)
		return 0;

	uint64_t ttbr1;
	__asm__ volatile("mrs %0, ttbr1_el1" : "=r"(ttbr1));
	struct pt_ctx ctx = {
		.format = &pt_format_aarch64,
		.root = ttbr1 & TTBR_ADDRESS,
		.alloc_table = pool_alloc,
		.phys_to_ptr = table_ptr,
		.opaque = (void *)bi,
	};
	if (pt_map(&ctx, next_free, base, length, PT_WRITE | PT_DEVICE) != 0)
		return 0;
	/* The walker must see the new entries; no stale entry can exist for unmapped addresses. */
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");

	volatile void *va = (volatile void *)(uintptr_t)(next_free + offset);
	next_free += length;
	return va;
}
