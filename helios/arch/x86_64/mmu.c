/*
 * The x86_64 side of helios/kernel/vm/mmu.h: CR3 loads, invlpg, and PCIDs as ASIDs (pcid.h).
 * A vspace with an ASID runs under that PCID when the CPU has PCIDs, so its entries can
 * outlive a switch: a removed mapping is flushed at once from the loaded vspace (invlpg for a
 * page, a reload of CR3 for more: both act on the current PCID only), and any other vspace's
 * PCID is marked stale and flushed when it is next loaded. Without PCIDs every CR3 load
 * flushes all non-global entries. The kernel's own mappings are global.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/mmu.h"
#include "helios/arch/x86_64/pcid.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/vm/mmu.h"
#include "helios/kernel/vm/pagetable.h"

static uint64_t *boot_root; /* the loader's PML4: kernel half of every vspace */

void mmu_boot_init(void)
{
	pcid_init(cpu_enable_pcid());
	boot_root = (uint64_t *)phys_to_virt(read_cr3() & CR3_ADDRESS);
}

void mmu_init_root(uint64_t *root)
{
	memcpy(&root[PT_USER_ENTRIES], &boot_root[PT_USER_ENTRIES],
	       (PT_ENTRIES - PT_USER_ENTRIES) * sizeof(uint64_t));
}

void mmu_load_none(void)
{
	mmu_load_root(virt_to_phys((uintptr_t)boot_root), 0);
}

void mmu_write_entry(uint64_t *entry, uint64_t value)
{
	*entry = value;
}

/* CR3 reads back without the no-flush bit: with PCIDs this flushes the current PCID only. */
static void flush_loaded(void)
{
	write_cr3(read_cr3());
}

void mmu_flush_page(uint32_t asid, uint64_t vaddr, bool loaded)
{
	if (loaded)
		invlpg(vaddr);
	else
		pcid_mark_stale(asid);
}

void mmu_flush_asid(uint32_t asid, bool loaded)
{
	if (loaded)
		flush_loaded();
	else
		pcid_mark_stale(asid);
}

void mmu_asid_assigned(uint32_t asid)
{
	pcid_mark_stale(asid);
}

void mmu_sync_icache(uintptr_t page)
{
	(void)page; /* x86 keeps instruction fetches coherent with stores */
}
