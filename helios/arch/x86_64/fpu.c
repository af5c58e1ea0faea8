/* FPU ownership: see fpu.h. */
#include "helios/arch/x86_64/fpu.h"

struct arch_context fpu_nobody;
struct arch_context *fpu_owner = &fpu_nobody;

void fpu_forget(struct arch_context *c)
{
	if (fpu_owner == c)
		fpu_owner = &fpu_nobody;
}
