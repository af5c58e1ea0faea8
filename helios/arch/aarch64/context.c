/*
 * A task's registers as the rest of the kernel sees them (arch.h "Tasks' user state"). Pure
 * data manipulation, host-tested; loading them into the CPU is switch.c's and vectors.S's job.
 */
#include <stdint.h>
#include <string.h>

#include "helios/arch/aarch64/context_regs.h"
#include "helios/kernel/arch.h"

uint64_t context_user_pstate(uint64_t pstate)
{
	return (pstate & PSTATE_NZCV) | PSTATE_EL0T;
}

void arch_context_init(struct arch_context *c)
{
	memset(c, 0, sizeof(*c)); /* FPCR 0: round to nearest, no traps; v0-v31 zero */
	c->pstate = context_user_pstate(0);
}

void arch_context_set_entry(struct arch_context *c, uint64_t ip, uint64_t sp, uint64_t arg0)
{
	c->pc = ip;
	c->sp = sp;
	c->x[0] = arg0;
}

void arch_context_get_regs(const struct arch_context *c, struct helios_regs *out)
{
	out->pc = c->pc;
	out->sp = c->sp;
	out->pstate = c->pstate & PSTATE_NZCV;
	memcpy(out->x, c->x, sizeof(out->x));
	out->tpidr_el0 = c->tpidr;
}

int arch_context_set_regs(struct arch_context *c, const struct helios_regs *in)
{
	if (in->pc >= HELIOS_USER_TOP || in->sp >= HELIOS_USER_TOP ||
	    in->tpidr_el0 >= HELIOS_USER_TOP || (in->pc & 3) || (in->sp & 15))
		return HELIOS_ERR_INVALID_PARAM;
	c->pc = in->pc;
	c->sp = in->sp;
	c->pstate = context_user_pstate(in->pstate);
	memcpy(c->x, in->x, sizeof(c->x));
	c->tpidr = in->tpidr_el0;
	c->rewritten = 1;
	return HELIOS_OK;
}

/* `svc` is 4 bytes and ELR points past it. A pc below 4 cannot follow one: left alone. */
void arch_context_restart_syscall(struct arch_context *c)
{
	if (c->pc >= 4)
		c->pc -= 4;
	c->rewritten = 1;
}
