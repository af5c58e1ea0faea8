/*
 * PCIDs: TLB tags that let a CR3 load keep other address spaces' entries. An ASID is used as
 * the PCID of its vspace (ASIDs 1..4095 are exactly the PCIDs other than 0); a vspace without
 * an ASID, and the boot tables, use PCID 0, which is flushed whenever it is loaded.
 *
 * Entries tagged with a PCID outlive CR3 switches, so each ASID carries a "stale" mark: set
 * when its TLB entries may no longer match its vspace (a mapping went away while the vspace
 * was not loaded, or the ASID was given to another vspace), cleared by the next load, which
 * then flushes that PCID. Without PCIDs (CPUID has none) every load flushes everything.
 *
 * Portable logic only (the CPU is set up by cpu_enable_pcid): host-tested in tests/.
 */
#ifndef HELIOS_ARCH_X86_64_PCID_H
#define HELIOS_ARCH_X86_64_PCID_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/x86_64/cpu.h"

/* Whether CR4.PCIDE is on; marks every ASID stale (nothing is known of their entries). */
void pcid_init(bool enabled);
extern bool pcid_on; /* pcid_init's; read it through pcid_enabled */
static inline bool pcid_enabled(void)
{
	return pcid_on;
}
/* The TLB entries of asid's PCID may be out of date: its next load flushes them. */
void pcid_mark_stale(uint32_t asid);
#define PCID_COUNT (CR3_PCID + 1) /* 4096 */
/* Bit asid: its entries may be out of date, flush at its next load. */
extern uint64_t pcid_stale[PCID_COUNT / 64];

/*
 * The CR3 value that loads the root table at root_phys for a vspace with this ASID (0: none),
 * flushing its PCID only if it is 0 or stale (then no longer stale). Without PCIDs: root_phys.
 * Inline: every switch between address spaces computes one.
 */
static inline uint64_t pcid_cr3(uint64_t root_phys, uint32_t asid)
{
	uint64_t cr3 = root_phys & CR3_ADDRESS;
	if (!pcid_on || asid == 0 || asid >= PCID_COUNT)
		return cr3; /* PCID 0 (or no PCIDs): a flush */
	uint64_t bit = 1ull << (asid % 64);
	bool stale = (pcid_stale[asid / 64] & bit) != 0;
	if (stale) {
		pcid_stale[asid / 64] &= ~bit;
		return cr3 | asid;
	}
	return cr3 | asid | CR3_NOFLUSH;
}

#endif
