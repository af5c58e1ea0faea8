/*
 * The CPU as the runtime sees it on aarch64: the stack pointer, and the words of
 * struct helios_regs that portable code needs (<helios/rt/regs.h> is the header to include).
 */
#ifndef HELIOS_RT_ARCH_REGS_H
#define HELIOS_RT_ARCH_REGS_H

#include <stdint.h>

#include <helios/abi.h>

#define RT_PSTATE_MODE 0xfull  /* M[3:0]: 0 is EL0 with SP_EL0 */
#define RT_PSTATE_DAIF 0x3c0ull /* D, A, I, F masked */

static inline uintptr_t rt_stack_pointer(void)
{
	uintptr_t sp;
	__asm__("mov %0, sp" : "=r"(sp));
	return sp;
}

/* pc(arg) as if called on a stack ending at stack_top (16-byte aligned, as sp must be), with
 * a zero link register and frame pointer: returning from pc would fault at address 0. */
static inline void rt_regs_init(struct helios_regs *r, uint64_t pc, uint64_t stack_top,
				uint64_t arg)
{
	*r = (struct helios_regs){ .pc = pc, .sp = stack_top };
	r->x[0] = arg;
}

static inline uint64_t rt_regs_pc(const struct helios_regs *r) { return r->pc; }
static inline void rt_regs_set_pc(struct helios_regs *r, uint64_t v) { r->pc = v; }
static inline uint64_t rt_regs_sp(const struct helios_regs *r) { return r->sp; }
static inline void rt_regs_set_sp(struct helios_regs *r, uint64_t v) { r->sp = v; }
/* The register a function returns its value in. */
static inline uint64_t rt_regs_result(const struct helios_regs *r) { return r->x[0]; }
static inline void rt_regs_set_result(struct helios_regs *r, uint64_t v) { r->x[0] = v; }
/* The thread-pointer base (tpidr_el0). */
static inline uint64_t rt_regs_tls(const struct helios_regs *r) { return r->tpidr_el0; }
static inline void rt_regs_set_tls(struct helios_regs *r, uint64_t v) { r->tpidr_el0 = v; }
/* Whether pstate says the task runs as user code always does (EL0, interrupts unmasked). */
static inline int rt_regs_user_mode(const struct helios_regs *r)
{
	return (r->pstate & (RT_PSTATE_MODE | RT_PSTATE_DAIF)) == 0;
}

#endif
