/* CPU set-up at boot (cpu.h). */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/mmu.h"

static bool pmu_cycles_user;

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

void cpu_init(const struct helios_boot_info *bi)
{
	uint64_t el0_may = SCTLR_SA0 | SCTLR_DZE | SCTLR_UCT | SCTLR_UCI;
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | el0_may);
	write_sysreg(cpacr_el1, CPACR_FPEN_TRAP);
	isb();
	pmu_init();
	mmu_init(bi);
}

bool cpu_pmu_cycles_user(void)
{
	return pmu_cycles_user;
}
