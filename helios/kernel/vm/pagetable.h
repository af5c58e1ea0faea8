/*
 * User page tables: 4 levels of 512 eight-byte entries over 4 KiB pages, the shape x86_64 long
 * mode and aarch64 (4 KiB granule, 48-bit addresses) share. The walk is portable (pagetable.c);
 * what an entry holds is each architecture's (helios/arch/<arch>/pte.c).
 *
 * Levels as in boot/paging.h: 3 = the root (x86_64 PML4, aarch64 level 0 table),
 * 2 = PDPT (aarch64 level 1), 1 = PD (level 2), 0 = PT (level 3). An entry at level l maps a
 * table of level l - 1, or at level 0 a 4 KiB page. User tables never hold large pages. Entries
 * that point at tables grant everything; the rights are in the page entries.
 */
#ifndef HELIOS_KERNEL_VM_PAGETABLE_H
#define HELIOS_KERNEL_VM_PAGETABLE_H

#include <stdbool.h>
#include <stdint.h>

#define PT_ENTRIES 512
#define PT_ROOT_LEVEL 3
#define PT_USER_ENTRIES 256 /* root entries 0-255 cover user addresses (below 2^47) */

/* Bytes one entry at `level` covers: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static inline uint64_t pt_level_size(int level)
{
	return 4096ull << (9 * level);
}

/* Index of vaddr's entry in a table at `level`. */
static inline unsigned pt_index(uint64_t vaddr, int level)
{
	return (unsigned)(vaddr >> (12 + 9 * level)) & (PT_ENTRIES - 1);
}

/* ---- Entries: helios/arch/<arch>/pte.c ---- */

/* An entry pointing at a table. */
uint64_t pte_table(uint64_t table_phys);
/* A 4 KiB user page entry for HELIOS_MAP_* rights: writable only with WRITE, executable only
 * with EXEC, uncached device memory for device pages. */
uint64_t pte_page(uint64_t phys, unsigned map_rights, bool device);
bool pte_present(uint64_t entry);
/* A present page entry the user may read. */
bool pte_user(uint64_t entry);
/* A page entry of device memory (pte_page's `device`). */
bool pte_device(uint64_t entry);
/* The physical address an entry points at. */
uint64_t pte_address(uint64_t entry);

/* ---- Walks: pagetable.c ---- */

/*
 * The entry at `level` for vaddr, walking down from the root. NULL when a table on the way is
 * missing: *missing_level (if not NULL) is then the level of the absent entry (3: no PDPT,
 * 2: no PD, 1: no PT).
 */
uint64_t *pt_lookup(uint64_t *root, uint64_t vaddr, int level, int *missing_level);

/*
 * Copies len bytes at user address uaddr into dst, reading the pages through the direct map.
 * False (dst partly written) when the range is not below HELIOS_USER_TOP or a page in it is
 * not mapped for the user.
 */
bool pt_copy_from_user(uint64_t *root, void *dst, uint64_t uaddr, uint64_t len);

#endif
