/* The x86_64 MMU set-up that arch.c calls (the rest of mmu.c is helios/kernel/vm/mmu.h). */
#ifndef HELIOS_ARCH_X86_64_MMU_H
#define HELIOS_ARCH_X86_64_MMU_H

/* Turns PCIDs on where the CPU has them and remembers the boot page tables, whose kernel
 * half is copied into every new vspace. */
void mmu_boot_init(void);

#endif
