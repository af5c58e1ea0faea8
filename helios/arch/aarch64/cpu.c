/* CPU set-up at boot (cpu.h). */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/mmu.h"

static bool pmu_cycles_user;
static bool pan;

/*
 * The cycle counter as a time stamp userspace may read, as it reads CNTVCT_EL0: counting at
 * EL0 and EL1 (PMCCFILTR_EL0 = 0; not at EL2), full 64 bits, every cycle, from zero, with no
 * overflow interrupt. EL0 gets the cycle counter alone (PMUSERENR_EL0.CR): no event counters,
 * no writes, no PMU configuration.
 */
static void pmu_init(void)
{
	unsigned ver = DFR0_PMUVER(read_sysreg(id_aa64dfr0_el1));
	if (ver == PMUVER_NONE || ver == PMUVER_IMPDEF)
		return;
	write_sysreg(pmintenclr_el1, PMCNTEN_C);
	write_sysreg(pmccfiltr_el0, 0);
	uint64_t pmcr = read_sysreg(pmcr_el0) & ~PMCR_D;
	write_sysreg(pmcr_el0, pmcr | PMCR_E | PMCR_C | PMCR_LC);
	write_sysreg(pmcntenset_el0, PMCNTEN_C);
	write_sysreg(pmuserenr_el0, PMUSERENR_CR);
	isb();
	pmu_cycles_user = true;
}

/*
 * SCTLR_EL1 in full (cpu.h says what each bit is and what stays 0), and PAN where the CPU has
 * it: SPAN clear makes every exception taken to EL1 set PSTATE.PAN, and PSTATE.PAN is set here
 * for the boot path itself, so a kernel access through a user mapping faults instead of
 * reading or writing what a task chose. The kernel reaches user memory only through the
 * direct map (docs/kernel.md), so nothing legitimate trips it.
 */
static void sctlr_init(void)
{
	uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	uint64_t sctlr = SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA0 | SCTLR_DZE | SCTLR_UCT |
			 SCTLR_UCI | SCTLR_EOS | SCTLR_TSCXT | SCTLR_EIS | SCTLR_SPAN |
			 SCTLR_NTLSMD | SCTLR_LSMAOE;
	if (MMFR1_PAN(mmfr1) != 0)
		sctlr &= ~SCTLR_SPAN;
	if (MMFR1_PAN(mmfr1) >= PAN_EPAN)
		sctlr |= SCTLR_EPAN;
	if (MMFR1_TIDCP1(mmfr1) != 0)
		sctlr |= SCTLR_TIDCP;
	write_sysreg(sctlr_el1, sctlr);
	isb();
	if (MMFR1_PAN(mmfr1) != 0) {
		write_pan(PSTATE_PAN);
		isb();
		pan = (read_pan() & PSTATE_PAN) != 0;
	}
}

void cpu_init(const struct helios_boot_info *bi)
{
	sctlr_init();
	write_sysreg(mdscr_el1, MDSCR_TDCC);
	write_sysreg(tpidrro_el0, 0); /* EL0 reads it and the kernel never uses it: no leftovers */
	write_sysreg(cpacr_el1, CPACR_FPEN_TRAP);
	isb();
	pmu_init();
	mmu_init(bi);
}

bool cpu_pmu_cycles_user(void)
{
	return pmu_cycles_user;
}

bool cpu_pan(void)
{
	return pan;
}
