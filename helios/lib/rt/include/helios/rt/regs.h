/*
 * Task registers without naming them: what portable code (threads, supervisors, tests) needs
 * from struct helios_regs (abi.h), whose layout differs per architecture. Each architecture's
 * <helios/rt/arch/regs.h> (helios/lib/rt/arch/<arch>/) defines, as inline functions:
 *
 *   rt_stack_pointer()              the calling thread's stack pointer
 *   rt_regs_init(r, pc, top, arg)   every register zero but: pc, the stack pointer as if pc(arg)
 *                                   had just been called on a stack ending at top (16-byte
 *                                   aligned), the first argument register = arg, and the flags
 *                                   user code needs (x86_64: IF)
 *   rt_regs_pc / rt_regs_set_pc     the instruction pointer (rip, pc)
 *   rt_regs_sp / rt_regs_set_sp     the stack pointer (rsp, sp)
 *   rt_regs_result / _set_result    the return-value register (rax, x0)
 *   rt_regs_tls / rt_regs_set_tls   the thread-pointer base (fs_base, tpidr_el0)
 *   rt_regs_user_mode(r)            true when the flags say user mode with interrupts enabled
 */
#ifndef HELIOS_RT_REGS_H
#define HELIOS_RT_REGS_H

#include <helios/rt/arch/regs.h>

#endif
