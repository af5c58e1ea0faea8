/*
 * Reading a boot-info block: the kernel's side of the boot protocol (the loaders' side is
 * bootinfo_builder.h). Nothing in a block is trusted before bootinfo_check has passed.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <stdint.h>

#include <helios/boot.h>

/* Largest block a consumer accepts. */
#define BOOTINFO_MAX_SIZE (1u << 20)

/*
 * The consumer's side, used by the kernel: checks magic, version, size and that every
 * offset, count and string lies inside the block (`available` is how many bytes may be
 * read). Returns NULL when valid, else a message saying what is wrong.
 */
const char *bootinfo_check(const struct helios_boot_info *bi, uint64_t available);

/* Accessors for a checked block. */
const struct helios_mem_region *bootinfo_regions(const struct helios_boot_info *bi);
const struct helios_boot_module *bootinfo_modules(const struct helios_boot_info *bi);
const char *bootinfo_string(const struct helios_boot_info *bi, uint32_t offset);

/*
 * Whether [base, base + size) lies in memory the direct map covers (docs/boot.md: every
 * region but RESERVED and BAD ones, with no gap between them), so the kernel may read it.
 */
int bootinfo_readable(const struct helios_boot_info *bi, uint64_t base, uint64_t size);

#endif
