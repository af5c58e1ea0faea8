/*
 * System registers and CPU set-up of aarch64 that the architecture files share (the MMU,
 * context switch and trap code). Portable code never sees this file.
 */
#ifndef HELIOS_ARCH_AARCH64_CPU_H
#define HELIOS_ARCH_AARCH64_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/boot.h>

#define read_sysreg(name)                                                                      \
	({                                                                                     \
		uint64_t v_;                                                                   \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));                                 \
		v_;                                                                            \
	})
#define write_sysreg(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(v)))

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

/*
 * SCTLR_EL1 (Arm ARM D19.2 "SCTLR_EL1"). The kernel writes the whole register (cpu_init): a
 * bit not set here is 0 whatever firmware or the loader left, so a control a newer CPU adds
 * starts in the state that gives EL0 nothing: pointer authentication off (EnIA, EnIB, EnDA,
 * EnDB: PAC and AUT instructions leave pointers alone), no MTE tag checks or tag access
 * (TCF0, TCF, ATA0, ATA), the prediction restriction instructions trapped (EnRCTX), TPIDR2_EL0
 * trapped (EnTP2), LD64B/ST64B trapped (EnALS, EnAS0, EnASR), MOPS undefined (MSCEn), PSTATE.SSBS
 * 0 on entry (DSSBS). Left 0 on purpose as well: nTWI and nTWE (WFI and WFE trap), UMA (EL0
 * cannot mask interrupts), WXN, E0E and EE (little-endian), A and SA (the kernel's own
 * alignment), IESB, BT0 and BT1 (no BTI guarded pages).
 */
#define SCTLR_M (1ull << 0)       /* stage 1 translation (the loader turned it on) */
#define SCTLR_C (1ull << 2)       /* data caches */
#define SCTLR_SA0 (1ull << 4)     /* EL0 stack pointer alignment check */
#define SCTLR_EOS (1ull << 11)    /* RES1 before FEAT_ExS: ERET is context-synchronizing */
#define SCTLR_I (1ull << 12)      /* instruction caches */
#define SCTLR_DZE (1ull << 14)    /* EL0 may use DC ZVA (a store: permission-checked) */
#define SCTLR_UCT (1ull << 15)    /* EL0 may read CTR_EL0 */
#define SCTLR_TSCXT (1ull << 20)  /* RES1 before FEAT_CSV2_2: EL0 access to SCXTNUM_EL0 traps */
#define SCTLR_EIS (1ull << 22)    /* RES1 before FEAT_ExS: exception entry is synchronizing */
#define SCTLR_SPAN (1ull << 23)   /* RES1 before FEAT_PAN; clear: exception entry sets PAN */
#define SCTLR_UCI (1ull << 26)    /* EL0 may clean caches by address (DC CVAU, IC IVAU: JITs) */
#define SCTLR_NTLSMD (1ull << 28) /* RES1 before FEAT_LSMAOC (AArch32 EL0 only) */
#define SCTLR_LSMAOE (1ull << 29) /* likewise */
#define SCTLR_EPAN (1ull << 57)   /* FEAT_PAN3: PAN also covers EL0 execute-only pages */
#define SCTLR_TIDCP (1ull << 63)  /* FEAT_TIDCP1: EL0 access to IMPLEMENTATION DEFINED regs traps */

/* ID_AA64MMFR1_EL1: PAN is 0 (none), 1 (PAN), 2 (+ AT S1E1RP/WP), 3 (+ EPAN); TIDCP1. */
#define MMFR1_PAN(v) (((v) >> 20) & 0xf)
#define MMFR1_TIDCP1(v) (((v) >> 52) & 0xf)
#define PAN_EPAN 3

/* PSTATE.PAN through its system register (S3_0_C4_C2_3, named so whatever -march says). */
#define read_pan() read_sysreg(s3_0_c4_c2_3)
#define write_pan(v) write_sysreg(s3_0_c4_c2_3, v)
#define PSTATE_PAN (1ull << 22)

/* MDSCR_EL1.TDCC: EL0 access to the debug communications channel traps (a channel between
 * tasks otherwise: DBGDTR_EL0 is one register for the whole CPU). Everything else stays 0: no
 * software step, no breakpoints or watchpoints armed (KDE, MDE), so only BRK reaches EL1. */
#define MDSCR_TDCC (1ull << 12)

/* CPACR_EL1.FPEN: 0b11 = FP/SIMD usable at EL0 and EL1, 0b00 = every use traps. Both values
 * leave ZEN and SMEN 0 (SVE and SME always trap: their registers are never switched, so no
 * task may use them) and TTA 0. */
#define CPACR_FPEN_TRAP 0ull
#define CPACR_FPEN_ON (3ull << 20)

/* The PMU (Arm ARM: ID_AA64DFR0_EL1 and the Performance Monitors registers). PMUVer: 0 none,
 * 0xf an IMPLEMENTATION DEFINED one; anything else is a PMUv3. */
#define DFR0_PMUVER(v) (((v) >> 8) & 0xf)
#define PMUVER_NONE 0x0
#define PMUVER_IMPDEF 0xf
#define PMCR_E (1ull << 0)  /* counters enabled (those PMCNTENSET_EL0 enables) */
#define PMCR_C (1ull << 2)  /* writing 1 resets the cycle counter */
#define PMCR_D (1ull << 3)  /* the cycle counter counts every 64th cycle: kept clear */
#define PMCR_LC (1ull << 6) /* the cycle counter overflows at 64 bits, not 32 */
#define PMCNTEN_C (1ull << 31)    /* PMCNTENSET/PMINTENCLR: the cycle counter */
#define PMUSERENR_CR (1ull << 2)  /* EL0 may read PMCCNTR_EL0 (and nothing else of the PMU) */

/*
 * Brings the CPU to the state the rest of the kernel expects: what EL0 may do (SCTLR_EL1 in
 * full: an aligned stack, cache maintenance by address; WFI and WFE trap; every newer control
 * off), PAN set where the CPU has it (and set again by every exception entry), the debug
 * channel closed to EL0, TPIDRRO_EL0 cleared, FP/SIMD trapping (lazy switch) with SVE and SME
 * off, 16-bit ASIDs where the CPU has them, TTBR0 pointing at an empty table (no user
 * mappings, no loader identity map), and the PMU cycle counter running at EL0 and EL1 and
 * readable at EL0 where there is a PMUv3 (docs/aarch64.md, PMU).
 */
void cpu_init(const struct helios_boot_info *bi);

/* Whether cpu_init found a PMUv3 and let EL0 read its cycle counter. */
bool cpu_pmu_cycles_user(void);

/* Whether the CPU has PAN and cpu_init turned it on. */
bool cpu_pan(void);

#endif
