/* PCIDs for ASIDs, and when their TLB entries must be flushed (pcid.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/pcid.h"

HELIOS_STATIC_ASSERT(HELIOS_ASID_POOLS * HELIOS_ASID_POOL_SIZE <= PCID_COUNT,
		     "every ASID is a PCID");

bool pcid_on;
uint64_t pcid_stale[PCID_COUNT / 64];

void pcid_init(bool enabled)
{
	pcid_on = enabled;
	memset(pcid_stale, 0xff, sizeof(pcid_stale));
}

void pcid_mark_stale(uint32_t asid)
{
	if (asid < PCID_COUNT)
		pcid_stale[asid / 64] |= 1ull << (asid % 64);
}
