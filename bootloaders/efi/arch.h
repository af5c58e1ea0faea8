/*
 * What the EFI loader's portable code needs from an architecture (arch/<arch>/arch.c and
 * jump.S implement it): a few constants, a check that the CPU suits the boot contract, and
 * the final switch to the kernel's page tables.
 */
#ifndef BOOTLOADERS_EFI_ARCH_H
#define BOOTLOADERS_EFI_ARCH_H

#include <stdint.h>

#include "boot/paging.h"

struct loader_arch {
	const char *name;     /* "x86_64", "aarch64" */
	uint16_t elf_machine; /* ELF_MACHINE_* the kernel must have */
	uint32_t boot_arch;   /* HELIOS_ARCH_* */
	const struct pt_format *pt_format;
	uint64_t hhdm_min_top; /* passed to pt_map_hhdm */
	/* The identity map has its own root (aarch64 TTBR0) instead of sharing the kernel's. */
	int identity_root_separate;
};

extern const struct loader_arch loader_arch;

/* Checks the CPU can be put in the state docs/boot.md promises. NULL, or the problem. */
const char *arch_check(void);

/* A range of memory the loader wrote and the kernel (or the MMU) will read. */
struct arch_range {
	uint64_t base, size;
};

struct arch_handoff {
	uint64_t kernel_root;   /* physical address of the kernel's root table */
	uint64_t identity_root; /* of the identity map's (the same on x86_64) */
	uint64_t entry;         /* the kernel's entry point (virtual) */
	uint64_t boot_info;     /* the boot-info block's virtual address */
	const struct arch_range *written;
	unsigned written_count;
};

/*
 * After ExitBootServices: switches to the new page tables and jumps to the kernel. The loader
 * must be running from memory the identity map covers.
 */
_Noreturn void arch_enter_kernel(const struct arch_handoff *h);

#endif
