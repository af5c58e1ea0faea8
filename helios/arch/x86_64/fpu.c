/* FPU ownership: see fpu.h. */
#include "helios/arch/x86_64/fpu.h"

static struct arch_context *fpu_owner; /* whose state the registers hold (NULL: nobody's) */

void fpu_switch(struct arch_context *c)
{
	if (fpu_owner == c)
		return;
	if (fpu_owner)
		__asm__ volatile("fxsave64 %0" : "=m"(fpu_owner->fxsave));
	__asm__ volatile("fxrstor64 %0" : : "m"(c->fxsave));
	fpu_owner = c;
}

void fpu_forget(struct arch_context *c)
{
	if (fpu_owner == c)
		fpu_owner = NULL;
}
