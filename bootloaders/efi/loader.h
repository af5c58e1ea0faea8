/*
 * The portable parts of the EFI loader, shared by x86_64 and aarch64: console, allocations,
 * files, the firmware memory map, configuration tables and page tables. main.c strings them
 * together; arch.h is what differs between the two architectures.
 */
#ifndef BOOTLOADERS_EFI_LOADER_H
#define BOOTLOADERS_EFI_LOADER_H

#include <efi.h>
#include <efilib.h>
#include <stdint.h>

#include <helios/boot.h>

#include "boot/elf.h"
#include "boot/memmap.h"
#include "boot/paging.h"

#define PAGE_SIZE 4096ull

static inline uint64_t page_round_up(uint64_t n)
{
	return (n + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* console.c: text on the firmware console (ConOut, which OVMF and AAVMF copy to serial). */
void loader_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "loader error: <message>" and stops for good (never returns to the firmware). */
_Noreturn void loader_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void loader_halt(void);
/* A short description of an EFI status ("Not Found"), valid until the next call. */
const char *loader_status(EFI_STATUS status);

/*
 * alloc.c: memory from the firmware. Page allocations are EfiLoaderData and remembered with
 * the Helios type they get in the final memory map (KERNEL, MODULE or LOADER); pool
 * allocations are scratch space the kernel never sees. Both stop the loader on failure,
 * naming `what` could not be allocated.
 */
uint64_t alloc_pages(uint64_t bytes, uint32_t type, const char *what);
void *alloc_pool(uint64_t bytes, const char *what);
void free_pool(void *p);
/* Marks every page allocation in `m` with its type. Returns 0, or -1 if the map is full. */
int alloc_carve_all(struct memmap *m);

/* files.c: reading files from the volume the loader was loaded from. */
struct file_data {
	void *data;    /* pool memory, or the start of the page allocation */
	uint64_t size; /* bytes in the file */
};

EFI_FILE_HANDLE files_open_boot_volume(EFI_HANDLE image);
/*
 * Reads `path` ("/helios": slashes, ASCII) whole. With type 0 the bytes land in pool memory,
 * else in a page allocation of that Helios type. Returns 0, or -1 if the file does not
 * exist; any other failure stops the loader.
 */
int files_read(EFI_FILE_HANDLE root, const char *path, uint32_t type, struct file_data *out);

#define FILES_MAX_NAME 256
struct files_entry {
	char name[FILES_MAX_NAME]; /* the file's name, ASCII */
};
/*
 * Lists the regular files in directory `path`, sorted by name, into `out` (at most `max`).
 * Returns the number found (0 if the directory does not exist); more than `max` files, or a
 * name that is not printable ASCII, stops the loader.
 */
unsigned files_list(EFI_FILE_HANDLE root, const char *path, struct files_entry *out,
		    unsigned max);

/* memory_map.c: the firmware's memory map and its translation to the Helios one. */
struct efi_memory_map {
	EFI_MEMORY_DESCRIPTOR *buffer;
	UINTN capacity; /* bytes in buffer */
	UINTN size;     /* bytes GetMemoryMap filled */
	UINTN key;
	UINTN descriptor_size;
	UINT32 descriptor_version;
};

/*
 * Takes the current map, growing the buffer (pool memory) when it is too small. Returns the
 * status of the last GetMemoryMap call.
 */
EFI_STATUS efi_memory_map_get(struct efi_memory_map *map);
/*
 * Translates `map` into `out`: firmware types become Helios types, then every page
 * allocation of the loader is carved with its own type. Returns 0, or -1 if `out` is full.
 */
int efi_memory_map_convert(const struct efi_memory_map *map, struct memmap *out);

/* config_tables.c: what the firmware publishes for the OS. All return 0 when absent. */
uint64_t config_device_tree(void);
uint64_t config_acpi_rsdp(void);
void config_framebuffer(struct helios_framebuffer *fb);

/*
 * tables.c: the page tables handed to the kernel, built from pages reserved in advance so
 * nothing is allocated once the final memory map has been taken.
 */
struct tables {
	uint64_t pool;      /* physical address of the reserved pages */
	unsigned pages;     /* how many */
	unsigned used;      /* taken by the current build */
	struct pt_ctx identity; /* low addresses, 1:1 */
	struct pt_ctx kernel;   /* kernel image and direct map (the same root as identity on x86) */
};

/* Reserves enough pages for the tables of a memory map shaped like `m`. */
void tables_reserve(struct tables *t, const struct memmap *m, const struct elf_image *kernel);
/*
 * Builds every mapping from scratch in the reserved pages: identity map of memory, direct map
 * and kernel. Returns NULL, or what went wrong.
 */
const char *tables_build(struct tables *t, const struct memmap *m, const struct elf_image *kernel,
			 uint64_t kernel_phys);

#endif
