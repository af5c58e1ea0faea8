/* Lazy FP/SIMD switching (fpu.h). */
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/fpu.h"

struct arch_context *fpu_owner;
uint64_t fpu_cpacr = CPACR_FPEN_TRAP;

void fpu_trap(struct arch_context *c)
{
	fpu_set_cpacr(CPACR_FPEN_ON);
	if (fpu_owner == c)
		return;
	if (fpu_owner)
		fpu_save(fpu_owner);
	fpu_load(c);
	fpu_owner = c;
}

void fpu_forget(struct arch_context *c)
{
	if (fpu_owner == c)
		fpu_owner = NULL;
}
