/*
 * x86_64 long-mode page table entries (Intel SDM vol. 3, 4.5). The U bit is never set:
 * these tables map only the kernel. Table entries are permissive (P, RW); rights are in leaves.
 */
#include <stdint.h>

#include "boot/paging.h"

#define X86_P (1ull << 0)
#define X86_RW (1ull << 1)
#define X86_PWT (1ull << 3)
#define X86_PCD (1ull << 4)
#define X86_PS (1ull << 7) /* in a level 1 or 2 entry: a 2 MiB or 1 GiB page */
#define X86_G (1ull << 8)
#define X86_NX (1ull << 63)
#define X86_ADDRESS 0x000ffffffffff000ull

static uint64_t x86_table_entry(uint64_t table_phys)
{
	return (table_phys & X86_ADDRESS) | X86_P | X86_RW;
}

static uint64_t x86_leaf_entry(uint64_t phys, int level, unsigned flags)
{
	uint64_t e = (phys & X86_ADDRESS) | X86_P;
	if (level > 0)
		e |= X86_PS;
	if (flags & PT_WRITE)
		e |= X86_RW;
	if (!(flags & PT_EXEC))
		e |= X86_NX;
	if (flags & PT_GLOBAL)
		e |= X86_G;
	if (flags & PT_DEVICE)
		e |= X86_PCD | X86_PWT;
	return e;
}

static int x86_present(uint64_t entry)
{
	return (entry & X86_P) != 0;
}

static int x86_is_table(uint64_t entry, int level)
{
	return level == 3 || (level > 0 && !(entry & X86_PS));
}

static uint64_t x86_table_address(uint64_t entry)
{
	return entry & X86_ADDRESS;
}

/*
 * 1 GiB pages need CPUID.80000001h:EDX.Page1GB, which QEMU's default CPU model lacks, so the
 * shared format stops at 2 MiB; a loader that checks CPUID may copy it with max_leaf_level 2.
 */
const struct pt_format pt_format_x86_64 = {
	.table_entry = x86_table_entry,
	.leaf_entry = x86_leaf_entry,
	.present = x86_present,
	.is_table = x86_is_table,
	.table_address = x86_table_address,
	.max_leaf_level = 1,
};
