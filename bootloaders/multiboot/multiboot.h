/*
 * The parts of the Multiboot 1 specification (version 0.6.96) this loader uses: the header
 * it carries and the information structure the boot loader (QEMU's -kernel, GRUB) hands it.
 * All addresses are 32-bit physical addresses.
 */
#ifndef BOOTLOADERS_MULTIBOOT_MULTIBOOT_H
#define BOOTLOADERS_MULTIBOOT_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002 /* in eax at entry */

/* Header flags: what the loader asks of the boot loader. */
#define MULTIBOOT_PAGE_ALIGN (1 << 0) /* modules on page boundaries */
#define MULTIBOOT_MEMORY_INFO (1 << 1) /* mem_* and mmap_* fields */
#define MULTIBOOT_HEADER_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

#ifndef __ASSEMBLER__

#include <stdint.h>

/* multiboot_info.flags: which fields are valid. */
#define MULTIBOOT_INFO_MEMORY (1u << 0)
#define MULTIBOOT_INFO_CMDLINE (1u << 2)
#define MULTIBOOT_INFO_MODS (1u << 3)
#define MULTIBOOT_INFO_MMAP (1u << 6)
#define MULTIBOOT_INFO_LOADER_NAME (1u << 9)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 1 MiB and above it (MEMORY) */
	uint32_t boot_device;
	uint32_t cmdline; /* NUL-terminated (CMDLINE) */
	uint32_t mods_count, mods_addr; /* array of struct multiboot_module (MODS) */
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr; /* struct multiboot_mmap_entry list (MMAP) */
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name; /* NUL-terminated (LOADER_NAME) */
	uint32_t apm_table;
	/* VBE and framebuffer fields follow; unused. */
};

struct multiboot_module {
	uint32_t mod_start, mod_end; /* [start, end) */
	uint32_t string; /* NUL-terminated, the module's command line */
	uint32_t reserved;
};

/*
 * Memory map entries. `size` does not count itself: the next entry starts size + 4 bytes
 * further on. Packed: base_addr sits at offset 4.
 */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

/* Memory map entry types. */
#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_RESERVED 2
#define MULTIBOOT_MEMORY_ACPI_RECLAIMABLE 3
#define MULTIBOOT_MEMORY_NVS 4
#define MULTIBOOT_MEMORY_BADRAM 5

#endif /* __ASSEMBLER__ */

#endif
