/* Lazy FP/SIMD switching (fpu.h). */
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/fpu.h"

static struct arch_context *owner; /* whose state the registers hold (NULL: nobody's) */
static uint64_t cpacr = CPACR_FPEN_TRAP; /* CPACR_EL1 as last written */

static void set_cpacr(uint64_t value)
{
	if (value == cpacr)
		return;
	write_sysreg(cpacr_el1, value);
	isb();
	cpacr = value;
}

void fpu_prepare(struct arch_context *c)
{
	set_cpacr(c == owner ? CPACR_FPEN_ON : CPACR_FPEN_TRAP);
}

void fpu_trap(struct arch_context *c)
{
	set_cpacr(CPACR_FPEN_ON);
	if (owner == c)
		return;
	if (owner)
		fpu_save(owner);
	fpu_load(c);
	owner = c;
}

void fpu_forget(struct arch_context *c)
{
	if (owner == c)
		owner = NULL;
}
