/*
 * Builds a struct helios_boot_info block in a buffer the loader provides.
 * Modules and strings are collected as they come, the memory map is given last (on EFI it
 * is only final after ExitBootServices), then bootinfo_finish lays out
 *   header | memory regions | modules | strings
 * and fills every offset. Nothing here allocates or can overflow the buffer: every add
 * reports failure instead.
 */
#ifndef BOOT_BOOTINFO_BUILDER_H
#define BOOT_BOOTINFO_BUILDER_H

#include <stdint.h>

#include "boot/memmap.h"
#include <helios/boot.h>

#define BOOTINFO_MAX_MODULES 64
#define BOOTINFO_MAX_STRINGS 8192 /* bytes of names and command line */
#define BOOTINFO_MAX_NAME 64      /* longest module name kept, NUL included */

struct bootinfo_builder {
	struct helios_boot_info header; /* scalar fields the loader fills directly */
	unsigned module_count;
	struct helios_boot_module modules[BOOTINFO_MAX_MODULES]; /* name = offset in strings */
	uint32_t strings_used;
	char strings[BOOTINFO_MAX_STRINGS];
};

/* Starts a builder; header magic, version and arch are set, everything else is zero. */
void bootinfo_init(struct bootinfo_builder *b, uint32_t arch);

/* Records the kernel command line (truncated to fit). Returns 0 or -1 if no room. */
int bootinfo_set_cmdline(struct bootinfo_builder *b, const char *cmdline);
int bootinfo_set_loader_name(struct bootinfo_builder *b, const char *name);

/* Records a module; the name is truncated to BOOTINFO_MAX_NAME - 1. Returns 0 or -1. */
int bootinfo_add_module(struct bootinfo_builder *b, uint64_t base, uint64_t size,
			const char *name);

/* Bytes bootinfo_finish needs for a map of `mem_count` regions. */
uint32_t bootinfo_size(const struct bootinfo_builder *b, unsigned mem_count);

/*
 * Lays out the final block in `out` (capacity bytes). Returns its size, or 0 if it does not
 * fit. `out` must be 8-byte aligned.
 */
uint32_t bootinfo_finish(const struct bootinfo_builder *b, const struct memmap *mem, void *out,
			 uint32_t capacity);

#endif
