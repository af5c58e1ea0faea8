/*
 * Loading a user address space on aarch64: helios/kernel/vm/mmu.h's mmu_load_root, inline
 * because every switch between address spaces passes here, the IPC fastpath's included.
 * TTBR0_EL1 takes the root and, with 16-bit ASIDs, the ASID in bits 63:48, so other address
 * spaces' TLB entries survive; with 8-bit ones everything runs under ASID 0 and a switch
 * flushes the TLB (mmu.c).
 */
#ifndef HELIOS_ARCH_AARCH64_MMU_LOAD_H
#define HELIOS_ARCH_AARCH64_MMU_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#define TTBR_ASID_SHIFT 48

/* The CPU has 16-bit ASIDs and they are on (mmu_init's). */
extern bool mmu_asid16;

static inline void mmu_load_root(uint64_t root_phys, uint32_t asid)
{
	if (mmu_asid16) {
		uint64_t ttbr = root_phys | (uint64_t)asid << TTBR_ASID_SHIFT;
		__asm__ volatile("msr ttbr0_el1, %0\n\tisb" : : "r"(ttbr) : "memory");
		return;
	}
	__asm__ volatile("msr ttbr0_el1, %0\n\tisb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb"
			 :
			 : "r"(root_phys)
			 : "memory");
}

#endif
