/*
 * Reading a boot-info block: the kernel's side of the boot protocol (the loaders' side is
 * bootinfo_builder.h). Nothing in a block is trusted before bootinfo_check has passed.
 */
#ifndef BOOTLOADERS_COMMON_BOOTINFO_H
#define BOOTLOADERS_COMMON_BOOTINFO_H

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

#endif
