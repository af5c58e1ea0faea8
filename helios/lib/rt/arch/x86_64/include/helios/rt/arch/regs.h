/*
 * The CPU as the runtime sees it on x86_64: the stack pointer, and the words of
 * struct helios_regs that portable code needs (<helios/rt/regs.h> is the header to include).
 */
#ifndef HELIOS_RT_ARCH_REGS_H
#define HELIOS_RT_ARCH_REGS_H

#include <stdint.h>

#include <helios/abi.h>

#define RT_RFLAGS_RESERVED 0x2ull /* bit 1 always reads as one */
#define RT_RFLAGS_IF 0x200ull

static inline uintptr_t rt_stack_pointer(void)
{
	uintptr_t sp;
	__asm__("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

/* pc(arg) as if called on a stack ending at stack_top: rsp + 8 is 16-byte aligned and the
 * return address is whatever word lies at stack_top - 8 (0 on a fresh stack). */
static inline void rt_regs_init(struct helios_regs *r, uint64_t pc, uint64_t stack_top,
				uint64_t arg)
{
	*r = (struct helios_regs){
		.rip = pc,
		.rsp = stack_top - 8,
		.rflags = RT_RFLAGS_IF | RT_RFLAGS_RESERVED,
		.rdi = arg,
	};
}

static inline uint64_t rt_regs_pc(const struct helios_regs *r) { return r->rip; }
static inline void rt_regs_set_pc(struct helios_regs *r, uint64_t v) { r->rip = v; }
static inline uint64_t rt_regs_sp(const struct helios_regs *r) { return r->rsp; }
static inline void rt_regs_set_sp(struct helios_regs *r, uint64_t v) { r->rsp = v; }
/* The register a function returns its value in. */
static inline uint64_t rt_regs_result(const struct helios_regs *r) { return r->rax; }
static inline void rt_regs_set_result(struct helios_regs *r, uint64_t v) { r->rax = v; }
/* The thread-pointer base (fs_base). */
static inline uint64_t rt_regs_tls(const struct helios_regs *r) { return r->fs_base; }
static inline void rt_regs_set_tls(struct helios_regs *r, uint64_t v) { r->fs_base = v; }
/* Whether the flags say the task runs as user code always does (interrupts enabled). */
static inline int rt_regs_user_mode(const struct helios_regs *r)
{
	return (r->rflags & RT_RFLAGS_IF) != 0;
}

#endif
