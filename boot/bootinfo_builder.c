/*
 * Builds the boot-info block a loader hands the kernel (see bootinfo_builder.h).
 * Strings are kept in the builder's own string area, at offsets that bootinfo_finish shifts
 * by the area's final position. Offset 0 of the area always holds an empty string, so a
 * command line or loader name never set is still a valid (empty) string.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boot/bootinfo_builder.h"

void bootinfo_init(struct bootinfo_builder *b, uint32_t arch)
{
	memset(b, 0, sizeof(*b));
	b->header.magic = HELIOS_BOOT_MAGIC;
	b->header.version = HELIOS_BOOT_VERSION;
	b->header.arch = arch;
	b->strings[0] = '\0';
	b->strings_used = 1;
}

/* strlen, stopping at max (strnlen is POSIX, not C: the host's <string.h> may hide it). */
static uint32_t bounded_length(const char *s, uint32_t max)
{
	uint32_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

/*
 * Copies at most `max` bytes of s (plus a NUL) into the string area; a longer string is cut
 * to fit what is left when `cut_to_fit`. Returns its offset in the area, or -1 if no room.
 */
static int64_t add_string(struct bootinfo_builder *b, const char *s, uint32_t max, int cut_to_fit)
{
	uint32_t room = BOOTINFO_MAX_STRINGS - b->strings_used;
	if (room == 0)
		return -1;
	uint32_t len = bounded_length(s, max);
	if (len > room - 1) {
		if (!cut_to_fit)
			return -1;
		len = room - 1;
	}
	uint32_t offset = b->strings_used;
	memcpy(b->strings + offset, s, len);
	b->strings[offset + len] = '\0';
	b->strings_used += len + 1;
	return offset;
}

/* Stores `s` in the string table and its offset in *field. */
static int set_string(struct bootinfo_builder *b, const char *s, uint32_t *field)
{
	int64_t offset = add_string(b, s, BOOTINFO_MAX_STRINGS, 1);
	if (offset < 0)
		return -1;
	*field = (uint32_t)offset;
	return 0;
}

int bootinfo_set_cmdline(struct bootinfo_builder *b, const char *cmdline)
{
	return set_string(b, cmdline, &b->header.cmdline);
}

int bootinfo_set_loader_name(struct bootinfo_builder *b, const char *name)
{
	return set_string(b, name, &b->header.loader_name);
}

int bootinfo_add_module(struct bootinfo_builder *b, uint64_t base, uint64_t size,
			const char *name)
{
	if (b->module_count == BOOTINFO_MAX_MODULES)
		return -1;
	int64_t offset = add_string(b, name, BOOTINFO_MAX_NAME - 1, 0);
	if (offset < 0)
		return -1;
	struct helios_boot_module *m = &b->modules[b->module_count++];
	m->base = base;
	m->size = size;
	m->name = (uint32_t)offset;
	m->reserved = 0;
	return 0;
}

/* Where each part of the block goes; sizes are 64-bit so no count can wrap them. */
struct layout {
	uint64_t mem_offset, module_offset, strings_offset, size;
};

static struct layout layout_of(const struct bootinfo_builder *b, unsigned mem_count)
{
	struct layout l;
	l.mem_offset = sizeof(struct helios_boot_info);
	l.module_offset = l.mem_offset + (uint64_t)mem_count * sizeof(struct helios_mem_region);
	l.strings_offset =
		l.module_offset + (uint64_t)b->module_count * sizeof(struct helios_boot_module);
	l.size = (l.strings_offset + b->strings_used + 7) & ~(uint64_t)7;
	return l;
}

/* Saturates at UINT32_MAX for absurd region counts (no block can be that large). */
uint32_t bootinfo_size(const struct bootinfo_builder *b, unsigned mem_count)
{
	uint64_t size = layout_of(b, mem_count).size;
	return size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
}

uint32_t bootinfo_finish(const struct bootinfo_builder *b, const struct memmap *mem, void *out,
			 uint32_t capacity)
{
	unsigned mem_count = mem ? mem->count : 0;
	struct layout l = layout_of(b, mem_count);
	if (l.size > capacity)
		return 0;

	unsigned char *block = out;
	memset(block, 0, (size_t)l.size);

	struct helios_boot_info h = b->header;
	h.magic = HELIOS_BOOT_MAGIC;
	h.version = HELIOS_BOOT_VERSION;
	h.size = (uint32_t)l.size;
	h.mem_offset = (uint32_t)l.mem_offset;
	h.mem_count = mem_count;
	h.module_offset = (uint32_t)l.module_offset;
	h.module_count = b->module_count;
	h.cmdline = (uint32_t)l.strings_offset + b->header.cmdline;
	h.loader_name = (uint32_t)l.strings_offset + b->header.loader_name;
	memcpy(block, &h, sizeof(h));

	if (mem_count)
		memcpy(block + l.mem_offset, mem->regions,
		       mem_count * sizeof(struct helios_mem_region));
	for (unsigned i = 0; i < b->module_count; i++) {
		struct helios_boot_module m = b->modules[i];
		m.name += (uint32_t)l.strings_offset;
		memcpy(block + l.module_offset + i * sizeof(m), &m, sizeof(m));
	}
	memcpy(block + l.strings_offset, b->strings, b->strings_used);
	return (uint32_t)l.size;
}
