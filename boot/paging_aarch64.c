/*
 * AArch64 stage 1 translation table descriptors, 4 KiB granule, 48-bit addresses (Arm ARM
 * D8.3). Our levels 3..0 are the architecture's levels 0..3. Attributes follow the boot
 * contract: MAIR index 0 = normal write-back memory, index 1 = Device-nGnRnE; inner
 * shareable, access flag set, never executable at EL0, executable at EL1 only with PT_EXEC,
 * read-only unless PT_WRITE. EL0 has no access (AP[1] clear); mappings are global (nG clear).
 */
#include <stdint.h>

#include "boot/paging.h"

#define A64_VALID (1ull << 0)
#define A64_TABLE (3ull << 0) /* table (levels 3..1) or page (level 0) */
#define A64_BLOCK (1ull << 0) /* block (levels 1 and 2) */
#define A64_ATTR_NORMAL (0ull << 2) /* AttrIndx 0 */
#define A64_ATTR_DEVICE (1ull << 2) /* AttrIndx 1 */
#define A64_RO (1ull << 7)          /* AP[2] */
#define A64_SH_INNER (3ull << 8)
#define A64_AF (1ull << 10)
#define A64_PXN (1ull << 53)
#define A64_UXN (1ull << 54)
#define A64_ADDRESS 0x0000fffffffff000ull

static uint64_t a64_table_entry(uint64_t table_phys)
{
	return (table_phys & A64_ADDRESS) | A64_TABLE;
}

static uint64_t a64_leaf_entry(uint64_t phys, int level, unsigned flags)
{
	uint64_t e = (phys & A64_ADDRESS) | (level == 0 ? A64_TABLE : A64_BLOCK);
	e |= A64_AF | A64_SH_INNER | A64_UXN;
	e |= (flags & PT_DEVICE) ? A64_ATTR_DEVICE : A64_ATTR_NORMAL;
	if (!(flags & PT_EXEC))
		e |= A64_PXN;
	if (!(flags & PT_WRITE))
		e |= A64_RO;
	return e;
}

static int a64_present(uint64_t entry)
{
	return (entry & A64_VALID) != 0;
}

static int a64_is_table(uint64_t entry, int level)
{
	return level > 0 && (entry & 3) == A64_TABLE;
}

static uint64_t a64_table_address(uint64_t entry)
{
	return entry & A64_ADDRESS;
}

const struct pt_format pt_format_aarch64 = {
	.table_entry = a64_table_entry,
	.leaf_entry = a64_leaf_entry,
	.present = a64_present,
	.is_table = a64_is_table,
	.table_address = a64_table_address,
	.max_leaf_level = 2,
};
