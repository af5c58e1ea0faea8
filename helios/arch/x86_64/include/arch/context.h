/*
 * A task's user state on x86_64, included through helios/kernel/arch.h (which defines enum
 * syscall_reg first). Also included by entry.S for the frame offsets (__ASSEMBLER__).
 *
 * The first 22 words are laid out exactly as the entry stubs build them (entry.S): when a task
 * runs, TSS.rsp0 points just past `ss`, so an interrupt or exception from user mode makes the
 * CPU push its frame (ss, rsp, rflags, cs, rip) and the error code straight into the task's
 * context, and the stub pushes the vector and the general registers below it. `syscall` does not
 * switch stacks; its stub loads the same address into rsp and pushes the same shape. Nothing of
 * a task's state ever lives on the kernel stack.
 */
#ifndef HELIOS_ARCH_X86_64_CONTEXT_H
#define HELIOS_ARCH_X86_64_CONTEXT_H

#define ARCH_ELF_MACHINE 62 /* EM_X86_64 (ELF_MACHINE_X86_64 in boot/elf.h) */
#define ARCH_IRQ_COUNT 16   /* the ISA IRQs of the 8259 pair */
#define ARCH_IO_PORTS 1     /* init gets I/O control */

/* Byte offsets in struct arch_frame, for entry.S (checked below). */
#define FRAME_R15 0
#define FRAME_R14 8
#define FRAME_R13 16
#define FRAME_R12 24
#define FRAME_R11 32
#define FRAME_R10 40
#define FRAME_R9 48
#define FRAME_R8 56
#define FRAME_RBP 64
#define FRAME_RDI 72
#define FRAME_RSI 80
#define FRAME_RDX 88
#define FRAME_RCX 96
#define FRAME_RBX 104
#define FRAME_RAX 112
#define FRAME_VECTOR 120
#define FRAME_ERROR 128
#define FRAME_RIP 136
#define FRAME_CS 144
#define FRAME_RFLAGS 152
#define FRAME_RSP 160
#define FRAME_SS 168
#define FRAME_SIZE 176 /* TSS.rsp0 = context + FRAME_SIZE (16-byte aligned, as the CPU wants) */

/* Where entry.S finds sysret_ok in struct arch_context (checked below). */
#define CONTEXT_SYSRET_OK 192

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include <helios/boot.h> /* HELIOS_STATIC_ASSERT */

/* What the entry stubs save, lowest address first (also the kernel fault report's frame). */
struct arch_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;     /* 0-255; not written by the syscall stub (entry.S) */
	uint64_t error_code; /* the CPU's, or 0 */
	uint64_t rip, cs, rflags, rsp, ss;
};

struct arch_context {
	struct arch_frame frame;
	uint64_t fs_base, gs_base;
	/*
	 * The frame was saved by `syscall` and not changed since except for syscall results (or
	 * rip stepped back onto the `syscall` to restart it), so rcx and r11 are dead and
	 * `sysretq` may return (it loads rip from rcx, rflags from r11). Cleared by every other
	 * entry and by every write of the registers. rip is then within 2 bytes of an instruction
	 * the task executed, so at most HELIOS_USER_TOP and canonical: SYSRETQ cannot fault in
	 * kernel mode on it.
	 */
	uint8_t sysret_ok;
	uint8_t reserved[15];
	uint8_t fxsave[512] __attribute__((aligned(16))); /* x87/SSE state (FXSAVE64 format) */
} __attribute__((aligned(16)));

HELIOS_STATIC_ASSERT(sizeof(struct arch_frame) == FRAME_SIZE, "entry.S pushes 22 words");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, r11) == FRAME_R11, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, rax) == FRAME_RAX, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, vector) == FRAME_VECTOR, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, rip) == FRAME_RIP, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, rflags) == FRAME_RFLAGS, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_frame, ss) == FRAME_SS, "frame layout");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, frame) == 0, "TSS.rsp0 is frame end");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, fxsave) % 16 == 0, "FXSAVE alignment");
HELIOS_STATIC_ASSERT(offsetof(struct arch_context, sysret_ok) == CONTEXT_SYSRET_OK, "entry.S");

static inline uint64_t arch_context_ip(const struct arch_context *c)
{
	return c->frame.rip;
}

/* The saved register that plays syscall role r (abi.h "Registers"). */
static inline uint64_t *arch_syscall_reg(struct arch_context *c, enum syscall_reg r)
{
	switch (r) {
	case SYSCALL_REG_NUMBER:
		return &c->frame.rax;
	case SYSCALL_REG_CADDR:
		return &c->frame.rdi;
	case SYSCALL_REG_TAG:
		return &c->frame.rsi;
	case SYSCALL_REG_P0:
		return &c->frame.rdx;
	case SYSCALL_REG_P1:
		return &c->frame.r10;
	case SYSCALL_REG_P2:
		return &c->frame.r8;
	case SYSCALL_REG_P3:
		break;
	}
	return &c->frame.r9;
}

#endif /* __ASSEMBLER__ */
#endif
