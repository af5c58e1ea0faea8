/*
 * aarch64 user page table entries (helios/kernel/vm/pagetable.h): stage 1, 4 KiB granule,
 * 48-bit addresses (Arm ARM D8.3), with the boot contract's MAIR (index 0 normal write-back,
 * index 1 Device-nGnRnE). User pages are non-global (tagged with the vspace's ASID), reachable
 * from EL0 (AP[1]), never executable at EL1 (PXN), and executable at EL0 only with EXEC.
 * Tables carry PXNTable so nothing below them can ever run at EL1.
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/vm/pagetable.h"

#define A64_VALID (1ull << 0)
#define A64_TABLE_OR_PAGE (3ull << 0)
#define A64_ATTR_NORMAL (0ull << 2)
#define A64_ATTR_DEVICE (1ull << 2)
#define A64_ATTR_INDEX (7ull << 2) /* AttrIndx: which MAIR entry */
#define A64_AP_EL0 (1ull << 6)  /* AP[1]: EL0 may access */
#define A64_AP_RO (1ull << 7)   /* AP[2]: read-only */
#define A64_SH_INNER (3ull << 8)
#define A64_AF (1ull << 10)
#define A64_NG (1ull << 11)
#define A64_PXN (1ull << 53)
#define A64_UXN (1ull << 54)
#define A64_PXN_TABLE (1ull << 59)
#define A64_ADDRESS 0x0000fffffffff000ull

uint64_t pte_table(uint64_t table_phys)
{
	return (table_phys & A64_ADDRESS) | A64_TABLE_OR_PAGE | A64_PXN_TABLE;
}

uint64_t pte_page(uint64_t phys, unsigned map_rights, bool device)
{
	uint64_t e = (phys & A64_ADDRESS) | A64_TABLE_OR_PAGE | A64_AF | A64_NG | A64_AP_EL0 |
		     A64_PXN;
	e |= device ? A64_ATTR_DEVICE : (A64_ATTR_NORMAL | A64_SH_INNER);
	if (!(map_rights & HELIOS_MAP_WRITE))
		e |= A64_AP_RO;
	if (device || !(map_rights & HELIOS_MAP_EXEC))
		e |= A64_UXN;
	return e;
}

bool pte_present(uint64_t entry)
{
	return (entry & A64_VALID) != 0;
}

bool pte_user(uint64_t entry)
{
	return (entry & A64_AP_EL0) != 0;
}

bool pte_device(uint64_t entry)
{
	return (entry & A64_ATTR_INDEX) == A64_ATTR_DEVICE;
}

uint64_t pte_address(uint64_t entry)
{
	return entry & A64_ADDRESS;
}
