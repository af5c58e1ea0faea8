/*
 * Stand-in for <arch/context.h> when the portable kernel is built for host tests: arch.h
 * includes it, and nothing under test looks inside a task's saved registers.
 */
#ifndef HELIOS_ARCH_HOST_CONTEXT_H
#define HELIOS_ARCH_HOST_CONTEXT_H

#include <stdint.h>

#define ARCH_IRQ_COUNT 16
#define ARCH_IO_PORTS 1

struct arch_context {
	uint64_t regs[HELIOS_REGS_COUNT];
};

static inline uint64_t arch_context_ip(const struct arch_context *c)
{
	return c->regs[0];
}

static inline uint64_t *arch_syscall_reg(struct arch_context *c, enum syscall_reg r)
{
	return &c->regs[r];
}

#endif
