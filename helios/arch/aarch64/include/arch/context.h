/*
 * A task's user state on aarch64, included through helios/kernel/arch.h (which defines enum
 * syscall_reg first). A placeholder until aarch64 runs tasks: it only lets the portable kernel
 * compile there, so ARCH_HAS_USERSPACE is not defined.
 */
#ifndef HELIOS_ARCH_AARCH64_CONTEXT_H
#define HELIOS_ARCH_AARCH64_CONTEXT_H

#include <stdint.h>

#define ARCH_ELF_MACHINE 183 /* EM_AARCH64 (ELF_MACHINE_AARCH64 in bootloaders/common/elf.h) */
#define ARCH_IRQ_COUNT 1020  /* GIC interrupt IDs 0-1019: SGIs, PPIs and SPIs */

struct arch_context {
	uint64_t x[31];     /* x0-x30 */
	uint64_t sp, pc, pstate;
	uint64_t tpidr;     /* TLS base (TPIDR_EL0) */
	uint64_t reserved;
} __attribute__((aligned(16)));

/* Syscall roles in x0-x6, in enum syscall_reg order. */
static inline uint64_t *arch_syscall_reg(struct arch_context *c, enum syscall_reg r)
{
	return &c->x[(unsigned)r < 7 ? (unsigned)r : 0];
}

#endif
