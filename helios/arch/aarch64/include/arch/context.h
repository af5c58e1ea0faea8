/*
 * A task's user state on aarch64, included through helios/kernel/arch.h (which defines enum
 * syscall_reg first). Also included by vectors.S for the offsets (__ASSEMBLER__).
 *
 * While a task runs, SP_EL1 points at its context, so an exception from EL0 stores the
 * general registers straight into it (vectors.S) before moving to the kernel stack; leaving
 * for EL0 loads them from there and leaves SP_EL1 pointing at it again. Nothing of a task's
 * state ever lives on the kernel stack. The FP/SIMD registers are switched lazily (fpu.c).
 */
#ifndef HELIOS_ARCH_AARCH64_CONTEXT_H
#define HELIOS_ARCH_AARCH64_CONTEXT_H

#define ARCH_ELF_MACHINE 183 /* EM_AARCH64 (ELF_MACHINE_AARCH64 in boot/elf.h) */
#define ARCH_IRQ_COUNT 1020  /* GIC interrupt IDs 0-1019: SGIs, PPIs and SPIs */
#define ARCH_IO_PORTS 0      /* no I/O ports: init's IO_CONTROL slot stays empty */

/* Byte offsets in struct arch_context, for vectors.S (checked below). */
#define CTX_X0 0
#define CTX_X30 240
#define CTX_SP 248     /* SP_EL0 */
#define CTX_PC 256     /* ELR_EL1 */
#define CTX_PSTATE 264 /* SPSR_EL1 */
#define CTX_TPIDR 272  /* TPIDR_EL0 */
#define CTX_REWRITTEN 280
#define CTX_FPCR 288
#define CTX_V0 304

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include <helios/boot.h> /* HELIOS_STATIC_ASSERT */

struct arch_context {
	uint64_t x[31]; /* x0-x30 */
	uint64_t sp, pc, pstate;
	uint64_t tpidr; /* TLS base (TPIDR_EL0): EL0 may change it at any time */
	/* Nonzero when the kernel rewrote registers other than a syscall's results since the
	 * task last entered it (vectors.S clears it on every entry). */
	uint64_t rewritten;
	uint64_t fpcr, fpsr;
	__uint128_t v[32]; /* FP/SIMD registers: valid only while this task does not own them */
} __attribute__((aligned(16)));

HELIOS_STATIC_ASSERT(offsetof(struct arch_context, x[30]) == CTX_X30, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, sp) == CTX_SP, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, pc) == CTX_PC, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, pstate) == CTX_PSTATE, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, tpidr) == CTX_TPIDR, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, rewritten) == CTX_REWRITTEN, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, fpcr) == CTX_FPCR, "context layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, v) == CTX_V0, "context layout");

static inline uint64_t arch_context_ip(const struct arch_context *c)
{
	return c->pc;
}

/* Syscall roles in x0-x6, in enum syscall_reg order (abi.h "Registers"). */
static inline uint64_t *arch_syscall_reg(struct arch_context *c, enum syscall_reg r)
{
	return &c->x[(unsigned)r <= SYSCALL_REG_P3 ? (unsigned)r : 0];
}

#endif /* __ASSEMBLER__ */
#endif
