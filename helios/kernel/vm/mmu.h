/*
 * What the portable address-space code (vspace.c, asid.c) asks of the architecture's MMU:
 * loading a vspace, writing entries, and keeping the TLB honest. helios/arch/<arch>/mmu.c
 * implements it. "loaded" always means: that vspace is the current one on this CPU.
 */
#ifndef HELIOS_KERNEL_VM_MMU_H
#define HELIOS_KERNEL_VM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/mmu_load.h>

/* A new VSPACE object's root table (zeroed): fill in what every vspace shares (x86_64: the
 * kernel half; aarch64: nothing, the kernel lives in TTBR1). */
void mmu_init_root(uint64_t *root);

/*
 * <arch/mmu_load.h> defines, inline because every switch between address spaces passes there
 * (activate.h),
 *   static inline void mmu_load_root(uint64_t root_phys, uint32_t asid);
 * which makes the root table at physical address root_phys the user address space under asid.
 */
/* Makes no user address space current (ASID 0). */
void mmu_load_none(void);

/* Writes a user table entry so that the table walker sees it before user code runs again. */
void mmu_write_entry(uint64_t *entry, uint64_t value);

/* A page mapping at vaddr under asid was removed. */
void mmu_flush_page(uint32_t asid, uint64_t vaddr, bool loaded);
/* Any number of mappings under asid were removed (a table, or a whole user half). */
void mmu_flush_asid(uint32_t asid, bool loaded);
/* asid was just given to a vspace: whatever the TLB holds for it belongs to its last owner. */
void mmu_asid_assigned(uint32_t asid);

/* A page is being mapped executable: make the instruction side see what was written to it
 * through the kernel's mapping (x86_64: nothing to do). */
void mmu_sync_icache(uintptr_t page);

#endif
