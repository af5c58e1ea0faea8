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

/* SCTLR_EL1 bits the kernel sets on top of the loader's (Arm ARM D13.2.118). */
#define SCTLR_SA0 (1ull << 4)  /* EL0 stack pointer alignment check */
#define SCTLR_DZE (1ull << 14) /* EL0 may use DC ZVA */
#define SCTLR_UCT (1ull << 15) /* EL0 may read CTR_EL0 */
#define SCTLR_UCI (1ull << 26) /* EL0 may clean caches by address (DC CVAU, IC IVAU: JITs) */

/* CPACR_EL1.FPEN: 0b11 = FP/SIMD usable at EL0 and EL1, 0b00 = every use traps. */
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
 * Brings the CPU to the state the rest of the kernel expects: what EL0 may do (SCTLR_EL1: an
 * aligned stack, cache maintenance by address; WFI and WFE trap), FP/SIMD trapping (lazy switch),
 * 16-bit ASIDs where the CPU has them, TTBR0 pointing at an empty table (no user mappings, no
 * loader identity map), and the PMU cycle counter running at EL0 and EL1 and readable at EL0
 * where there is a PMUv3 (docs/aarch64.md, PMU).
 */
void cpu_init(const struct helios_boot_info *bi);

/* Whether cpu_init found a PMUv3 and let EL0 read its cycle counter. */
bool cpu_pmu_cycles_user(void);

#endif
