/*
 * The aarch64 side of helios/kernel/vm/mmu.h. User address spaces live in TTBR0 (the kernel
 * in TTBR1, set up by the loader, global), with the vspace's ASID in TTBR0[63:48] so that a
 * switch keeps other vspaces' TLB entries. Helios hands out ASIDs up to 4095, so they need
 * the CPU's 16-bit ASIDs (ID_AA64MMFR0_EL1.ASIDBits); with 8-bit ones everything runs under
 * ASID 0 and every switch flushes the TLB. TLB maintenance is broadcast (the *IS forms), as
 * Linux does, so it stays right should a second CPU ever share the tables.
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/mmu.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/vm/mmu.h"

#define MMFR0_ASIDBITS(v) (((v) >> 4) & 0xf)
#define ASIDBITS_16 2
#define TCR_AS (1ull << 36) /* 16-bit ASIDs */

/* The root of "no address space": an empty level 0 table. */
static uint64_t empty_root[512] __attribute__((aligned(4096)));
static uint64_t empty_root_phys;
bool mmu_asid16;

/* The kernel image is contiguous in physical memory (docs/boot.md). */
static uint64_t kernel_image_phys(const struct helios_boot_info *bi, const void *p)
{
	return bi->kernel_phys + ((uint64_t)(uintptr_t)p - bi->kernel_virt);
}

void mmu_init(const struct helios_boot_info *bi)
{
	empty_root_phys = kernel_image_phys(bi, empty_root);
	mmu_asid16 = MMFR0_ASIDBITS(read_sysreg(id_aa64mmfr0_el1)) == ASIDBITS_16;
	if (mmu_asid16) {
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_AS);
		isb();
	}
	write_sysreg(ttbr0_el1, empty_root_phys);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
}

bool mmu_asids(void)
{
	return mmu_asid16;
}

void mmu_init_root(uint64_t *root)
{
	(void)root; /* the kernel is in TTBR1: a user root holds user entries only */
}

void mmu_load_none(void)
{
	mmu_load_root(empty_root_phys, 0);
}

/* The store must reach the table walker (which reads memory) before EL0 runs again. */
void mmu_write_entry(uint64_t *entry, uint64_t value)
{
	*(volatile uint64_t *)entry = value;
	__asm__ volatile("dsb ishst" : : : "memory");
}

void mmu_flush_page(uint32_t asid, uint64_t vaddr, bool loaded)
{
	(void)loaded; /* ASID-tagged: flushed the same way whether loaded or not */
	uint64_t page = (vaddr >> 12) & ((1ull << 44) - 1);
	if (mmu_asid16)
		__asm__ volatile("tlbi vae1is, %0" : : "r"((uint64_t)asid << TTBR_ASID_SHIFT | page)
				 : "memory");
	else
		__asm__ volatile("tlbi vaae1is, %0" : : "r"(page) : "memory");
	__asm__ volatile("dsb ish\n\tisb" : : : "memory");
}

void mmu_flush_asid(uint32_t asid, bool loaded)
{
	(void)loaded;
	if (mmu_asid16)
		__asm__ volatile("tlbi aside1is, %0" : : "r"((uint64_t)asid << TTBR_ASID_SHIFT)
				 : "memory");
	else
		__asm__ volatile("tlbi vmalle1is" : : : "memory");
	__asm__ volatile("dsb ish\n\tisb" : : : "memory");
}

void mmu_asid_assigned(uint32_t asid)
{
	mmu_flush_asid(asid, false);
}

/* Smallest data cache line, from CTR_EL0.DminLine (log2 of words). */
static uint64_t dcache_line(void)
{
	return 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/*
 * Code written through the kernel's (direct map) alias must reach the point of unification
 * before the instruction side may fetch it: clean the data cache by line, then invalidate the
 * instruction cache (all of it: it may be virtually indexed).
 */
void mmu_sync_icache(uintptr_t page)
{
	uint64_t line = dcache_line();
	for (uintptr_t a = page; a < page + HELIOS_PAGE_SIZE; a += line)
		__asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" : : : "memory");
}
