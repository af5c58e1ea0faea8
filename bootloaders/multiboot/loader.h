/* What the files of the Multiboot loader share. */
#ifndef BOOTLOADERS_MULTIBOOT_LOADER_H
#define BOOTLOADERS_MULTIBOOT_LOADER_H

#include <stdint.h>

#include "boot/elf.h"
#include "boot/memmap.h"

#define LOADER_NAME "ares-multiboot 0.1.0"

#define PAGE_SIZE 4096u
#define LOW_4G 0x100000000ull

/* console.c: COM1 output. */
void console_init(void);
/* Prints "loader: <message>\n". */
void loader_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "loader error: <message>\n" and halts the machine (never resets it). */
_Noreturn void loader_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void loader_halt(void);

/* cpu.c: fails unless the CPU can run a 64-bit kernel with NX. */
void cpu_check(void);

/* alloc.c: page allocator over the memory map. */
void alloc_init(struct memmap *m);
/*
 * Takes `size` bytes (rounded up to pages) of free RAM in [1 MiB, 4 GiB), marks it `type` in
 * the memory map and zeroes it. Returns its physical address, or 0 when nothing fits.
 */
uint64_t alloc_pages(uint64_t size, uint32_t type);

/* pagetables.c: the kernel's page tables; returns the physical address of the root. */
uint64_t build_page_tables(const struct memmap *m, const struct elf_image *kernel,
			   uint64_t kernel_phys);

/* rsdp.c: physical address of the ACPI RSDP the BIOS left in low memory, or 0. */
uint64_t find_rsdp(void);

/* longmode.S: enables long mode with `pml4` and jumps to `entry` with rdi = `arg`. */
_Noreturn void enter_long_mode(uint32_t pml4, uint64_t entry, uint64_t arg);

#endif
