/*
 * The aarch64 side of the EFI loader: constants, a check of the CPU, and cache maintenance
 * before jump.S turns the MMU off and back on with the kernel's tables.
 */
#include <stdint.h>

#include <helios/boot.h>

#include "boot/elf.h"
#include "bootloaders/efi/arch.h"

void aarch64_enter_kernel(uint64_t ttbr0, uint64_t ttbr1, uint64_t entry, uint64_t boot_info)
	__attribute__((noreturn));

const struct loader_arch loader_arch = {
	.name = "aarch64",
	.elf_machine = ELF_MACHINE_AARCH64,
	.boot_arch = HELIOS_ARCH_AARCH64,
	.pt_format = &pt_format_aarch64,
	.hhdm_min_top = 0, /* only memory in the direct map: never devices as normal memory */
	.identity_root_separate = 1, /* TTBR0 */
};

const char *arch_check(void)
{
	uint64_t el, mmfr0;
	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	__asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	el = (el >> 2) & 3;
	if (el != 1 && el != 2)
		return "the firmware started the loader at EL3 or EL0: EL1 or EL2 expected";
	if (((mmfr0 >> 28) & 0xf) == 0xf)
		return "the CPU has no 4 KiB translation granule (ID_AA64MMFR0_EL1.TGran4)";
	return 0;
}

/* Smallest data cache line, from CTR_EL0.DminLine (log2 of words). */
static uint64_t dcache_line(void)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	return 4ull << ((ctr >> 16) & 0xf);
}

/* Cleans and invalidates a range to the point of coherency. */
static void clean_range(uint64_t base, uint64_t size)
{
	uint64_t line = dcache_line();
	for (uint64_t a = base & ~(line - 1); a < base + size; a += line)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
}

/*
 * Everything the kernel or the table walker will read is pushed to memory first, so it is
 * found whether or not a cache holds it while the MMU is off; the instruction cache may hold
 * stale lines for the memory the kernel's code was copied to.
 */
_Noreturn void arch_enter_kernel(const struct arch_handoff *h)
{
	for (unsigned i = 0; i < h->written_count; i++)
		clean_range(h->written[i].base, h->written[i].size);
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" : : : "memory");
	aarch64_enter_kernel(h->identity_root, h->kernel_root, h->entry, h->boot_info);
}
