/*
 * Loading a user address space on x86_64: helios/kernel/vm/mmu.h's mmu_load_root, inline
 * because every switch between address spaces passes here, the IPC fastpath's included.
 * Without PCIDs the CR3 value is the root's address (a full flush of non-global entries);
 * with them, pcid_cr3 tags it with the ASID.
 */
#ifndef HELIOS_ARCH_X86_64_MMU_LOAD_H
#define HELIOS_ARCH_X86_64_MMU_LOAD_H

#include <stdint.h>

#include "helios/arch/x86_64/pcid.h"

static inline void mmu_load_root(uint64_t root_phys, uint32_t asid)
{
	uint64_t cr3 = pcid_enabled() ? pcid_cr3(root_phys, asid) : root_phys;
	__asm__ volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
}

#endif
