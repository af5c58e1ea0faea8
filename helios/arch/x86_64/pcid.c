/* PCIDs for ASIDs, and when their TLB entries must be flushed (pcid.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/pcid.h"

#define PCID_COUNT (CR3_PCID + 1) /* 4096 */

HELIOS_STATIC_ASSERT(HELIOS_ASID_POOLS * HELIOS_ASID_POOL_SIZE <= PCID_COUNT,
		     "every ASID is a PCID");

bool pcid_on;
static uint64_t stale[PCID_COUNT / 64]; /* bit asid: flush at its next load */

void pcid_init(bool enabled)
{
	pcid_on = enabled;
	memset(stale, 0xff, sizeof(stale));
}

void pcid_mark_stale(uint32_t asid)
{
	if (asid < PCID_COUNT)
		stale[asid / 64] |= 1ull << (asid % 64);
}

/* Clears asid's stale mark; true if it was set. */
static bool take_stale(uint32_t asid)
{
	uint64_t bit = 1ull << (asid % 64);
	bool was = (stale[asid / 64] & bit) != 0;
	stale[asid / 64] &= ~bit;
	return was;
}

uint64_t pcid_cr3(uint64_t root_phys, uint32_t asid)
{
	uint64_t cr3 = root_phys & CR3_ADDRESS;
	if (!pcid_on || asid == 0 || asid >= PCID_COUNT)
		return cr3; /* PCID 0 (or no PCIDs): a flush */
	if (take_stale(asid))
		return cr3 | asid;
	return cr3 | asid | CR3_NOFLUSH;
}
