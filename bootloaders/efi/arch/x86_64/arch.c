/*
 * The x86_64 side of the EFI loader: constants, a check of the CPU, and the jump (jump.S).
 * The identity map shares the kernel's root table: it lives in the lower half.
 */
#include <stdint.h>

#include <helios/boot.h>

#include "boot/elf.h"
#include "bootloaders/efi/arch.h"

void x86_64_enter_kernel(uint64_t cr3, uint64_t entry, uint64_t boot_info)
	__attribute__((noreturn));

#define CR4_LA57 (1ull << 12)
#define CPUID_EXT_FEATURES 0x80000001u
#define CPUID_EDX_NX (1u << 20)

const struct loader_arch loader_arch = {
	.name = "x86_64",
	.elf_machine = ELF_MACHINE_X86_64,
	.boot_arch = HELIOS_ARCH_X86_64,
	.pt_format = &pt_format_x86_64,
	.hhdm_min_top = 4ull << 30, /* the kernel reaches the LAPIC and other MMIO below 4 GiB */
	.identity_root_separate = 0,
};

static void cpuid(uint32_t leaf, uint32_t *eax, uint32_t *edx)
{
	uint32_t ebx, ecx;
	__asm__ volatile("cpuid"
			 : "=a"(*eax), "=b"(ebx), "=c"(ecx), "=d"(*edx)
			 : "a"(leaf), "c"(0));
}

const char *arch_check(void)
{
	uint64_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	if (cr4 & CR4_LA57)
		return "the firmware runs with 5-level paging (CR4.LA57): 4-level tables expected";
	uint32_t max, edx;
	cpuid(0x80000000u, &max, &edx);
	if (max < CPUID_EXT_FEATURES)
		return "the CPU has no NX bit (no CPUID leaf 0x80000001)";
	uint32_t eax;
	cpuid(CPUID_EXT_FEATURES, &eax, &edx);
	if (!(edx & CPUID_EDX_NX))
		return "the CPU has no NX bit (CPUID 0x80000001 EDX.NX)";
	return 0;
}

/* x86 caches are coherent with the page walker and instruction fetch: nothing to clean. */
_Noreturn void arch_enter_kernel(const struct arch_handoff *h)
{
	x86_64_enter_kernel(h->kernel_root, h->entry, h->boot_info);
}
