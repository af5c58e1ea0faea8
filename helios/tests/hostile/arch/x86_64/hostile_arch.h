/*
 * What the hostile suite needs to know about x86_64 (the aarch64 twin of this header has the
 * same names): the syscall ABI's registers in struct helios_regs, and the attacks only an
 * instruction can make (hostile.S). Included by the portable hostile tests.
 */
#ifndef HELIOS_TESTS_HOSTILE_ARCH_H
#define HELIOS_TESTS_HOSTILE_ARCH_H

#include <stdint.h>

#include <helios/abi.h>

/* The message tag register of a syscall (abi.h "Registers": rsi). */
static inline void hostile_regs_set_tag(struct helios_regs *r, uint64_t tag)
{
	r->rsi = tag;
}

/* Bytes a restarted syscall steps back: the length of `syscall`. */
#define HOSTILE_SYSCALL_LENGTH 2

/* Changes the hardware's TLS base behind the kernel's back, the way user mode can: loads the
 * user data selector into FS, which sets FS's base to that segment's, 0. */
void hostile_clobber_tls(void);

/*
 * hostile_landing: where a test points a blocked task with TASK_WRITE_REGISTERS. It stores
 * the result register (rax) in hostile_landing_result, signals the notification in
 * hostile_landing_signal and yields forever. It is preceded by HOSTILE_SYSCALL_LENGTH bytes of
 * an undefined instruction, so a task wrongly stepped back onto a "syscall" before it faults.
 */
void hostile_landing(void);
extern uint64_t hostile_landing_result, hostile_landing_signal;

/* Jumps to `target` (a thread body: never returns if target is not code). */
int hostile_jump(void *target);

#endif
