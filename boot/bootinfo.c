/*
 * Checking and reading a boot-info block (see bootinfo.h). The checker assumes nothing: it
 * reads the header only once it knows the header is there, and every table and string only
 * once it knows they lie inside the block.
 */
#include <stddef.h>
#include <stdint.h>

#include "boot/bootinfo.h"

/* Whether a table of `count` entries of `entry` bytes at `offset` lies inside the block. */
static int table_fits(uint32_t offset, uint32_t count, uint32_t entry, uint32_t size)
{
	if (offset < sizeof(struct helios_boot_info) || offset > size || offset % 8 != 0)
		return 0;
	return (uint64_t)count * entry <= size - offset;
}

/* Whether a NUL-terminated string starts at `offset` and ends inside the block. */
static int string_fits(const struct helios_boot_info *bi, uint32_t offset)
{
	if (offset < sizeof(struct helios_boot_info) || offset >= bi->size)
		return 0;
	const char *s = (const char *)bi;
	for (uint32_t i = offset; i < bi->size; i++) {
		if (s[i] == '\0')
			return 1;
	}
	return 0;
}

/* The memory map must keep memmap.h's promise: sorted, disjoint, page-aligned, known types. */
static const char *check_regions(const struct helios_boot_info *bi)
{
	const struct helios_mem_region *r = bootinfo_regions(bi);
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		if (r[i].type < HELIOS_MEM_USABLE || r[i].type > HELIOS_MEM_TYPE_MAX)
			return "memory region of unknown type";
		if (r[i].size == 0 || ((r[i].base | r[i].size) & 4095) != 0)
			return "memory region empty or not page-aligned";
		if (r[i].size > UINT64_MAX - r[i].base)
			return "memory region wraps around";
		if (i > 0 && r[i].base < r[i - 1].base + r[i - 1].size)
			return "memory regions unsorted or overlapping";
	}
	return NULL;
}

const char *bootinfo_check(const struct helios_boot_info *bi, uint64_t available)
{
	if (!bi)
		return "no boot info";
	if ((uintptr_t)bi % 8 != 0)
		return "boot info not 8-byte aligned";
	if (available < sizeof(*bi))
		return "boot info truncated";
	if (bi->magic != HELIOS_BOOT_MAGIC)
		return "bad boot info magic";
	if (bi->version != HELIOS_BOOT_VERSION)
		return "unsupported boot info version";
	if (bi->size < sizeof(*bi))
		return "boot info size smaller than its header";
	if (bi->size > BOOTINFO_MAX_SIZE || bi->size > available)
		return "boot info size too large";
	if (bi->arch != HELIOS_ARCH_X86_64 && bi->arch != HELIOS_ARCH_AARCH64)
		return "boot info for an unknown architecture";
	if (!table_fits(bi->mem_offset, bi->mem_count, sizeof(struct helios_mem_region), bi->size))
		return "memory map outside the boot info";
	if (!table_fits(bi->module_offset, bi->module_count, sizeof(struct helios_boot_module),
			bi->size))
		return "module table outside the boot info";
	if (!string_fits(bi, bi->cmdline))
		return "command line outside the boot info or unterminated";
	if (!string_fits(bi, bi->loader_name))
		return "loader name outside the boot info or unterminated";
	const struct helios_boot_module *m = bootinfo_modules(bi);
	for (uint32_t i = 0; i < bi->module_count; i++) {
		if (!string_fits(bi, m[i].name))
			return "module name outside the boot info or unterminated";
		if (m[i].size > UINT64_MAX - m[i].base)
			return "module wraps around";
	}
	return check_regions(bi);
}

const struct helios_mem_region *bootinfo_regions(const struct helios_boot_info *bi)
{
	return (const struct helios_mem_region *)((const char *)bi + bi->mem_offset);
}

const struct helios_boot_module *bootinfo_modules(const struct helios_boot_info *bi)
{
	return (const struct helios_boot_module *)((const char *)bi + bi->module_offset);
}

const char *bootinfo_string(const struct helios_boot_info *bi, uint32_t offset)
{
	return (const char *)bi + offset;
}

int bootinfo_readable(const struct helios_boot_info *bi, uint64_t base, uint64_t size)
{
	if (size > UINT64_MAX - base)
		return 0;
	const struct helios_mem_region *r = bootinfo_regions(bi);
	uint64_t end = base + size;
	/* Regions are sorted: walk those that cover [base, end), with no gap between them. */
	for (uint32_t i = 0; i < bi->mem_count && base < end; i++) {
		uint64_t r_end = r[i].base + r[i].size;
		if (r_end <= base)
			continue;
		if (r[i].base > base || r[i].type == HELIOS_MEM_RESERVED ||
		    r[i].type == HELIOS_MEM_BAD)
			return 0;
		base = r_end;
	}
	return base >= end;
}
