/* x86_64 control registers, model-specific registers and CPUID, as inline functions. */
#ifndef HELIOS_ARCH_X86_64_CPU_H
#define HELIOS_ARCH_X86_64_CPU_H

#include <stdbool.h>
#include <stdint.h>

/* Control register bits (Intel SDM vol. 3, 2.5). */
#define CR0_MP (1ull << 1)  /* monitor coprocessor: WAIT honours TS */
#define CR0_EM (1ull << 2)  /* x87 emulation: must be off for SSE */
#define CR0_TS (1ull << 3)  /* task switched: FPU use traps (#NM) */
#define CR0_NE (1ull << 5)  /* native x87 error reporting (#MF) */
#define CR0_WP (1ull << 16) /* write protection applies to the kernel too */
#define CR0_AM (1ull << 18) /* alignment checks in user mode when RFLAGS.AC is set */
#define CR4_PGE (1ull << 7)         /* global pages */
#define CR4_OSFXSR (1ull << 9)      /* FXSAVE/FXRSTOR and SSE */
#define CR4_OSXMMEXCPT (1ull << 10) /* SIMD exceptions raise #XM */
#define CR4_FSGSBASE (1ull << 16)   /* RDFSBASE & co. in user mode: kept off */
#define CR4_PCIDE (1ull << 17)      /* TLB entries tagged with CR3's PCID */
#define CR4_UMIP (1ull << 11)       /* SGDT, SIDT, SLDT, SMSW, STR fault in user mode */
#define CR4_SMEP (1ull << 20)       /* the kernel never executes user pages */
#define CR4_SMAP (1ull << 21)       /* the kernel never reads or writes user pages */

/* CR3 (SDM vol. 3, 4.5): the root table's address, with CR4.PCIDE also a PCID and a flag. */
#define CR3_ADDRESS 0x000ffffffffff000ull /* physical address of the PML4 */
#define CR3_PCID 0xfffull                 /* with PCIDE: the PCID (without: PWT, PCD) */
#define CR3_NOFLUSH (1ull << 63)          /* with PCIDE, on write: keep the PCID's entries */

/* Model-specific registers. */
#define MSR_SYSENTER_CS 0x174 /* SYSENTER's code segment: 0 disables it */
#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081   /* SYSCALL/SYSRET segment selectors */
#define MSR_LSTAR 0xc0000082  /* SYSCALL entry point (64-bit mode) */
#define MSR_CSTAR 0xc0000083  /* SYSCALL entry point (compatibility mode): a fault stub */
#define MSR_SFMASK 0xc0000084 /* RFLAGS bits SYSCALL clears */
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define EFER_SCE (1ull << 0)  /* SYSCALL/SYSRET enabled */
#define EFER_NXE (1ull << 11) /* no-execute bit in page tables */

/* RFLAGS bits. */
#define RFLAGS_CF (1ull << 0)
#define RFLAGS_ALWAYS (1ull << 1) /* reserved, reads as 1 */
#define RFLAGS_PF (1ull << 2)
#define RFLAGS_AF (1ull << 4)
#define RFLAGS_ZF (1ull << 6)
#define RFLAGS_SF (1ull << 7)
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_IF (1ull << 9)
#define RFLAGS_DF (1ull << 10)
#define RFLAGS_OF (1ull << 11)
#define RFLAGS_IOPL (3ull << 12)
#define RFLAGS_NT (1ull << 14)
#define RFLAGS_AC (1ull << 18)

static inline uint64_t read_cr0(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

/* The address of the last page fault. */
static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

/* The physical address of the current top-level page table. */
static inline uint64_t read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/*
 * Switches page tables. Without PCIDs, flushes every non-global TLB entry; with PCIDs, only
 * those of the PCID in v, and none if v has CR3_NOFLUSH.
 */
static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* DR7's value at reset: every breakpoint disabled (bit 10 reads as 1). */
#define DR7_RESET 0x400ull

static inline void write_dr7(uint64_t v)
{
	__asm__ volatile("mov %0, %%dr7" : : "r"(v));
}

/* The time-stamp counter, read after every earlier instruction (lfence). */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* CPUID leaf `leaf`, subleaf 0: out = eax, ebx, ecx, edx. */
static inline void cpuid(uint32_t leaf, uint32_t out[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
			 : "a"(leaf), "c"(0));
}

/* Drops the TLB entry of one page of the current address space (with PCIDs: CR3's PCID). */
static inline void invlpg(uint64_t vaddr)
{
	__asm__ volatile("invlpg (%0)" : : "r"(vaddr) : "memory");
}

/* Sets up control registers and syscall MSRs (cpu.c). */
void cpu_init(void);
/* Says on the console which of SMEP, SMAP and UMIP are on (cpu.c). */
void cpu_describe(void);
/* Sets CR4.PCIDE if the CPU has PCIDs, leaving CR3 on PCID 0; true when it did (cpu.c). */
bool cpu_enable_pcid(void);

#endif
