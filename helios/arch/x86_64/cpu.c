/*
 * Control registers and the SYSCALL machinery, set once at boot: the FPU and SSE usable in user
 * mode (the kernel itself is built with -mgeneral-regs-only and never touches them), global
 * kernel pages, SMEP when the CPU has it, and `syscall` entering syscall_entry (entry.S).
 * PCIDs are turned on separately, by vspace.c, which decides how CR3 is loaded.
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/gdt.h"

/* entry.S */
extern char syscall_entry[];

/*
 * What SYSCALL clears in RFLAGS: interrupts stay off until the stub has saved the registers,
 * the kernel runs with DF clear and no single-stepping, AC clear and NT clear (IRETQ with NT
 * set faults), and IOPL 0.
 */
#define SYSCALL_RFLAGS_MASK                                                                     \
	(RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_IOPL | RFLAGS_NT | RFLAGS_AC)

#define CPUID_1_ECX_PCID (1u << 17)
#define CPUID_7_EBX_SMEP (1u << 7)

/* SMEP, when CPUID leaf 7 says the CPU has it. */
static uint64_t optional_cr4_bits(void)
{
	uint32_t r[4];
	cpuid(0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, r);
	return (r[1] & CPUID_7_EBX_SMEP) ? CR4_SMEP : 0;
}

void cpu_init(void)
{
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE | CR0_WP | CR0_AM);
	write_cr4((read_cr4() & ~CR4_FSGSBASE) | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_PGE |
		  optional_cr4_bits());

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE | EFER_NXE);
	/* SYSRET's base in bits 48-63 (with RPL 3), SYSCALL's in bits 32-47: see gdt.h. */
	wrmsr(MSR_STAR, (uint64_t)(GDT_USER_CODE32 | 3) << 48 | (uint64_t)GDT_KERNEL_CODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, 0);
	wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_GS_BASE, 0);
}

/*
 * CR4.PCIDE may only be set while CR3's low 12 bits are clear (PCID 0), so CR3 is first
 * reloaded with nothing but the boot tables' address: the kernel's tables then carry PCID 0.
 */
bool cpu_enable_pcid(void)
{
	uint32_t r[4];
	cpuid(1, r);
	if (!(r[2] & CPUID_1_ECX_PCID))
		return false;
	write_cr3(read_cr3() & CR3_ADDRESS);
	write_cr4(read_cr4() | CR4_PCIDE);
	return true;
}
