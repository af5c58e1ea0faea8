/*
 * Builds 4-level, 4 KiB-granule page tables (x86_64 long mode and aarch64 with a 48-bit
 * address space share that shape: 9 index bits per level). The format of an entry comes from
 * a struct pt_format per architecture; memory for tables comes from the caller (a loader, or
 * the aarch64 kernel mapping device memory).
 * Level numbering: 0 maps 4 KiB pages, 1 maps 2 MiB blocks, 2 maps 1 GiB blocks, 3 is the root.
 */
#ifndef BOOT_PAGING_H
#define BOOT_PAGING_H

#include <stdint.h>

#include "boot/elf.h"
#include "boot/memmap.h"

#define PT_WRITE 1u  /* writable */
#define PT_EXEC 2u   /* executable */
#define PT_DEVICE 4u /* device memory (uncached, no speculation) */
#define PT_GLOBAL 8u /* kept across address-space switches (x86 G bit; aarch64 ignores) */

struct pt_format {
	/* An entry pointing at a next-level table. */
	uint64_t (*table_entry)(uint64_t table_phys);
	/* A leaf entry at `level` (0, 1 or 2) mapping `phys` with PT_* flags. */
	uint64_t (*leaf_entry)(uint64_t phys, int level, unsigned flags);
	/* Whether an entry is present (valid). */
	int (*present)(uint64_t entry);
	/* Whether a present entry at `level` > 0 points to a table (not a block). */
	int (*is_table)(uint64_t entry, int level);
	/* Physical address held in a table entry. */
	uint64_t (*table_address)(uint64_t entry);
	int max_leaf_level; /* largest block the loader may use: 1 (2 MiB) or 2 (1 GiB) */
};

extern const struct pt_format pt_format_x86_64;
extern const struct pt_format pt_format_aarch64;

struct pt_ctx {
	const struct pt_format *format;
	uint64_t root; /* physical address of the top-level table */
	/* Returns the physical address of a zeroed, 4 KiB-aligned page, or 0 when out of memory. */
	uint64_t (*alloc_table)(struct pt_ctx *ctx);
	/* Turns a physical address into a pointer the loader can write through. */
	void *(*phys_to_ptr)(struct pt_ctx *ctx, uint64_t phys);
	void *opaque; /* for the callbacks */
};

/*
 * Maps [virt, virt + size) to [phys, phys + size) with PT_* flags, using the largest blocks
 * alignment allows (up to format->max_leaf_level). All three must be 4 KiB-aligned.
 * Returns 0, or -1 if a table could not be allocated or the range is already mapped (in part
 * or whole; the tables are then unchanged). Running out of tables may leave part mapped.
 */
int pt_map(struct pt_ctx *ctx, uint64_t virt, uint64_t phys, uint64_t size, unsigned flags);

/* Looks `virt` up: returns 0 and the physical address, or -1 if unmapped (for tests). */
int pt_translate(struct pt_ctx *ctx, uint64_t virt, uint64_t *phys, unsigned *level);

/*
 * The mappings every loader sets up for the kernel (docs/boot.md):
 * pt_map_kernel maps each ELF segment at its virtual address with its own rights (W only for
 * writable segments, X only for executable ones), the image loaded contiguously at kernel_phys.
 * pt_map_hhdm maps physical memory at HELIOS_HHDM_BASE, writable, never executable: all of
 * [0, min_hhdm_top) (x86_64 passes 4 GiB so the kernel reaches the LAPIC and other MMIO below
 * it), and above that each region of the map that is not RESERVED or BAD (on aarch64, which
 * passes 0, only memory is mapped: device memory must not be mapped as normal memory).
 */
int pt_map_kernel(struct pt_ctx *ctx, const struct elf_image *img, uint64_t kernel_phys);
int pt_map_hhdm(struct pt_ctx *ctx, const struct memmap *m, uint64_t min_hhdm_top);

#endif
