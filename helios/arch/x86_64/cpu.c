/*
 * Control registers and the SYSCALL machinery, set once at boot: the FPU and SSE usable in user
 * mode (the kernel itself is built with -mgeneral-regs-only and never touches them), global
 * kernel pages, and `syscall` entering syscall_entry (entry.S). PCIDs are turned on
 * separately, by vspace.c, which decides how CR3 is loaded.
 *
 * Hardening the CPU offers, each taken when CPUID says it is there (docs/security.md):
 * SMEP (the kernel never executes a user page), SMAP (the kernel never reads or writes a user
 * page: it reaches user memory only through the direct map, so it needs no STAC/CLAC at all),
 * UMIP (SGDT, SIDT, SLDT, SMSW and STR fault in user mode instead of telling kernel addresses).
 * A `syscall` from compatibility mode enters syscall_compat_entry, which makes it a fault of
 * the task, and SYSENTER is disabled (its code segment MSR is 0).
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/gdt.h"
#include "helios/kernel/kernel.h"

/* entry.S */
extern char syscall_entry[], syscall_compat_entry[];

/*
 * What SYSCALL clears in RFLAGS: interrupts stay off until the stub has saved the registers,
 * the kernel runs with DF clear and no single-stepping, AC clear and NT clear (IRETQ with NT
 * set faults), and IOPL 0.
 */
#define SYSCALL_RFLAGS_MASK                                                                     \
	(RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_IOPL | RFLAGS_NT | RFLAGS_AC)

#define CPUID_1_ECX_PCID (1u << 17)
#define CPUID_1_EDX_SEP (1u << 11)
#define CPUID_7_EBX_SMEP (1u << 7)
#define CPUID_7_EBX_SMAP (1u << 20)
#define CPUID_7_ECX_UMIP (1u << 2)

/* The optional CR4 bits cpu_init set (cpu_describe reports them). */
static uint64_t cr4_hardening;

/* SMEP, SMAP and UMIP, those CPUID leaf 7 says the CPU has. */
static uint64_t optional_cr4_bits(void)
{
	uint32_t r[4];
	cpuid(0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, r);
	return ((r[1] & CPUID_7_EBX_SMEP) ? CR4_SMEP : 0) |
	       ((r[1] & CPUID_7_EBX_SMAP) ? CR4_SMAP : 0) | ((r[2] & CPUID_7_ECX_UMIP) ? CR4_UMIP : 0);
}

/* SYSENTER loads CS from this MSR; 0 makes it raise #GP, whatever the firmware left. Intel
 * CPUs run SYSENTER in 64-bit mode, AMD ones refuse it there (#UD) but have the MSR too. */
static void sysenter_off(void)
{
	uint32_t r[4];
	cpuid(1, r);
	if (r[3] & CPUID_1_EDX_SEP)
		wrmsr(MSR_SYSENTER_CS, 0);
}

void cpu_init(void)
{
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE | CR0_WP | CR0_AM);
	cr4_hardening = optional_cr4_bits();
	write_cr4((read_cr4() & ~CR4_FSGSBASE) | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_PGE |
		  cr4_hardening);

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE | EFER_NXE);
	/* SYSRET's base in bits 48-63 (with RPL 3), SYSCALL's in bits 32-47: see gdt.h. */
	wrmsr(MSR_STAR, (uint64_t)(GDT_USER_CODE32 | 3) << 48 | (uint64_t)GDT_KERNEL_CODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, (uint64_t)syscall_compat_entry);
	sysenter_off();
	wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_GS_BASE, 0);
	/* No breakpoint armed, whatever the firmware left: a data breakpoint held by a MOV SS
	 * shadow would be taken in ring 0 on the syscall entry (CVE-2018-8897). Nothing else
	 * ever writes the debug registers. */
	write_dr7(DR7_RESET);
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

static const char *on_or_none(uint64_t bit)
{
	return (cr4_hardening & bit) ? "on" : "none";
}

void cpu_describe(void)
{
	kprintf("CPU protections: SMEP %s, SMAP %s, UMIP %s\n", on_or_none(CR4_SMEP),
		on_or_none(CR4_SMAP), on_or_none(CR4_UMIP));
}
