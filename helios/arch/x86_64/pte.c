/*
 * x86_64 user page table entries (helios/kernel/vm/pagetable.h). The bits come from the
 * x86_64 format the loaders build with (boot/paging_x86_64.c); user entries add the U bit.
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "boot/paging.h"
#include "helios/kernel/vm/pagetable.h"

#define PTE_USER (1ull << 2) /* the U/S bit: reachable from user mode */
#define PTE_PCD (1ull << 4)  /* cache disable: set on device pages only (paging_x86_64.c) */

uint64_t pte_table(uint64_t table_phys)
{
	return pt_format_x86_64.table_entry(table_phys) | PTE_USER;
}

uint64_t pte_page(uint64_t phys, unsigned map_rights, bool device)
{
	unsigned flags = 0;
	if (map_rights & HELIOS_MAP_WRITE)
		flags |= PT_WRITE;
	if (map_rights & HELIOS_MAP_EXEC)
		flags |= PT_EXEC;
	if (device)
		flags |= PT_DEVICE;
	return pt_format_x86_64.leaf_entry(phys, 0, flags) | PTE_USER;
}

bool pte_present(uint64_t entry)
{
	return pt_format_x86_64.present(entry);
}

bool pte_user(uint64_t entry)
{
	return (entry & PTE_USER) != 0;
}

bool pte_device(uint64_t entry)
{
	return (entry & PTE_PCD) != 0;
}

uint64_t pte_address(uint64_t entry)
{
	return pt_format_x86_64.table_address(entry);
}
