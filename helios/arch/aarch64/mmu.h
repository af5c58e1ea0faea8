/* The aarch64 MMU set-up that cpu.c calls (the rest of mmu.c is helios/kernel/vm/mmu.h). */
#ifndef HELIOS_ARCH_AARCH64_MMU_H
#define HELIOS_ARCH_AARCH64_MMU_H

#include <stdbool.h>

#include <helios/boot.h>

/* 16-bit ASIDs where the CPU has them; TTBR0 on an empty table (no user mappings, and the
 * loader's identity map gone). */
void mmu_init(const struct helios_boot_info *bi);
/* Whether ASIDs tag TLB entries (16-bit ASIDs); else every switch flushes the TLB. */
bool mmu_asids(void);

#endif
