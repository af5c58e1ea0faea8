/*
 * The Helios boot protocol: the one structure every loader hands the kernel.
 *
 * Shared by the loaders (32-bit Multiboot, EFI on x86_64 and aarch64) and the kernel, so every
 * field has a fixed width and no field is a pointer: addresses are physical and 64-bit, and
 * everything variable-sized (memory map, modules, strings) follows the header in the same block
 * and is found by its offset from the start of the block. A consumer checks magic, version and
 * size, then every offset and count against size, before it trusts anything. docs/boot.md is the
 * prose version of this file.
 */
#ifndef HELIOS_BOOT_H
#define HELIOS_BOOT_H

#include <stdint.h>

#ifdef __cplusplus
#define HELIOS_STATIC_ASSERT static_assert /* host tests are C++ */
#else
#define HELIOS_STATIC_ASSERT _Static_assert
#endif

/* "HeliosBI" read as a little-endian 64-bit word. */
#define HELIOS_BOOT_MAGIC 0x4942736f696c6548ull
#define HELIOS_BOOT_VERSION 1

/* Virtual layout both loaders set up before jumping to the kernel. */
#define HELIOS_HHDM_BASE 0xffff800000000000ull   /* all RAM, phys + HHDM_BASE */
#define HELIOS_KERNEL_BASE 0xffffffff80000000ull /* the kernel's ELF is linked here or above */

enum helios_arch {
	HELIOS_ARCH_X86_64 = 1,
	HELIOS_ARCH_AARCH64 = 2,
};

/* Kinds of physical memory. Regions are sorted, page-aligned and never overlap. */
enum helios_mem_type {
	HELIOS_MEM_USABLE = 1,           /* free RAM */
	HELIOS_MEM_RESERVED = 2,         /* firmware, MMIO holes, anything not to be touched */
	HELIOS_MEM_ACPI_RECLAIMABLE = 3, /* ACPI tables: usable once they are read */
	HELIOS_MEM_ACPI_NVS = 4,         /* ACPI non-volatile storage: never usable */
	HELIOS_MEM_BAD = 5,              /* defective RAM */
	HELIOS_MEM_LOADER = 6,           /* boot info, loader page tables: usable once consumed */
	HELIOS_MEM_KERNEL = 7,           /* the loaded kernel image */
	HELIOS_MEM_MODULE = 8,           /* boot modules */
	HELIOS_MEM_FIRMWARE = 9,         /* EFI runtime services code and data */
	HELIOS_MEM_TYPE_MAX = HELIOS_MEM_FIRMWARE,
};

struct helios_mem_region {
	uint64_t base;
	uint64_t size;
	uint32_t type; /* enum helios_mem_type */
	uint32_t reserved;
};

struct helios_boot_module {
	uint64_t base; /* physical address of the module's bytes */
	uint64_t size; /* in bytes */
	uint32_t name; /* offset of a NUL-terminated name */
	uint32_t reserved;
};

enum helios_fb_format {
	HELIOS_FB_NONE = 0,
	HELIOS_FB_RGB = 1, /* direct colour, described by the shift and size fields */
};

struct helios_framebuffer {
	uint64_t base; /* physical address, 0 if there is no framebuffer */
	uint32_t width, height;
	uint32_t pitch; /* bytes per line */
	uint16_t bpp;   /* bits per pixel */
	uint16_t format; /* enum helios_fb_format */
	uint8_t red_shift, red_size, green_shift, green_size, blue_shift, blue_size;
	uint8_t reserved[2];
};

struct helios_boot_info {
	uint64_t magic;   /* HELIOS_BOOT_MAGIC */
	uint32_t version; /* HELIOS_BOOT_VERSION */
	uint32_t size;    /* bytes in the whole block: header, tables and strings */
	uint32_t arch;    /* enum helios_arch */
	uint32_t flags;   /* none defined yet; zero */

	uint64_t hhdm_base;   /* virtual address of physical address 0 */
	uint64_t kernel_phys; /* physical address the kernel image was loaded at */
	uint64_t kernel_virt; /* its lowest virtual address (page-aligned) */
	uint64_t kernel_size; /* bytes, page-aligned, from kernel_virt */

	uint32_t mem_offset; /* array of struct helios_mem_region */
	uint32_t mem_count;
	uint32_t module_offset; /* array of struct helios_boot_module */
	uint32_t module_count;
	uint32_t cmdline;     /* offset of the NUL-terminated kernel command line */
	uint32_t loader_name; /* offset of a NUL-terminated name and version of the loader */

	uint64_t dtb;       /* physical address of the flattened device tree, or 0 */
	uint64_t acpi_rsdp; /* physical address of the ACPI RSDP, or 0 */
	struct helios_framebuffer framebuffer;
};

HELIOS_STATIC_ASSERT(sizeof(struct helios_mem_region) == 24, "boot ABI");
HELIOS_STATIC_ASSERT(sizeof(struct helios_boot_module) == 24, "boot ABI");
HELIOS_STATIC_ASSERT(sizeof(struct helios_framebuffer) == 32, "boot ABI");
HELIOS_STATIC_ASSERT(sizeof(struct helios_boot_info) == 128, "boot ABI");

#endif
