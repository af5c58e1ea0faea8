/* CPU set-up at boot (cpu.h). */
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/mmu.h"

void cpu_init(const struct helios_boot_info *bi)
{
	uint64_t el0_may = SCTLR_SA0 | SCTLR_DZE | SCTLR_UCT | SCTLR_UCI;
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | el0_may);
	write_sysreg(cpacr_el1, CPACR_FPEN_TRAP);
	isb();
	mmu_init(bi);
}
