/*
 * The narrow interface portable kernel code uses to reach architecture code. Each
 * helios/arch/<arch>/ implements every function here; portable files include nothing else
 * from arch/.
 */
#ifndef HELIOS_KERNEL_ARCH_H
#define HELIOS_KERNEL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/boot.h>

/*
 * <arch/context.h> (helios/arch/<arch>/include/arch/context.h) defines struct arch_context:
 * a task's saved user registers and FPU state, embedded in struct task. It also defines
 *   static inline uint64_t *arch_syscall_reg(struct arch_context *c, enum syscall_reg r);
 * giving the saved register that plays role r (x86_64: NUMBER=rax, CADDR=rdi, TAG=rsi,
 * P0=rdx, P1=r10, P2=r8, P3=r9; aarch64: x0-x6 in that order). On return, NUMBER carries the
 * error code and CADDR the badge. It also defines
 *   static inline uint64_t arch_context_ip(const struct arch_context *c);
 * the task's instruction pointer. It defines ARCH_ELF_MACHINE, the e_machine of its
 * executables, ARCH_IRQ_COUNT (see "Interrupts") and ARCH_IO_PORTS (1 when the architecture
 * has I/O ports: init then gets I/O control).
 */
enum syscall_reg {
	SYSCALL_REG_NUMBER,
	SYSCALL_REG_CADDR,
	SYSCALL_REG_TAG,
	SYSCALL_REG_P0,
	SYSCALL_REG_P1,
	SYSCALL_REG_P2,
	SYSCALL_REG_P3,
};
#include <arch/context.h>

struct invocation;
struct cap;
struct task;

/* "x86_64" or "aarch64": printed in the banner. */
extern const char arch_name[];

/*
 * First call of kernel_main: installs the exception vectors and brings up the early serial
 * console. `bi` is NULL when the boot info failed its check; the console is then brought up
 * only if the architecture can find it without boot info.
 */
void arch_early_init(const struct helios_boot_info *bi);

/* Prints, after the banner, what the architecture found: console, firmware interfaces. */
void arch_describe(void);

/* The architecture's own `selftest=` (main.c), `what` being its len-byte value: true when it
 * knew that name (and did it). */
bool arch_selftest(const char *what, size_t len);

/* Writes one character to the early console (no-op before there is one). */
void arch_console_putc(char c);

/*
 * The console's device and CONSOLE_HAND_OVER (console_invoke.c). arch_console_region: the
 * physical page of its registers (*size 0: nothing to hand over as memory: x86_64's are
 * ports). arch_console_hand_over: its registers (ports) and interrupt become issuable from now
 * on. arch_console_reclaim: before a panic message, the transmitter set up again, whatever a
 * driver did to it.
 */
void arch_console_region(uint64_t *base, uint64_t *size);
void arch_console_hand_over(void);
void arch_console_reclaim(void);

/* Stops this CPU for good: interrupts off, halt in a loop. */
_Noreturn void arch_halt(void);

/*
 * The monotonic clock: nanoseconds since the kernel set it up, never going back, with at least
 * microsecond resolution (x86_64: the TSC, calibrated against the PIT at boot; aarch64: the
 * generic timer's virtual counter). ARCH_TICK_HZ is how often kernel_timer_tick runs.
 */
uint64_t arch_clock_ns(void);
#define ARCH_TICK_HZ 1000

/*
 * Leaves the machine with `status` where the platform can report one (QEMU isa-debug-exit on
 * x86_64, semihosting on aarch64), else powers off (PSCI) or halts.
 */
_Noreturn void arch_poweroff(int status);

/* ---- Tasks' user state ---------------------------------------------------------------- */

/* A new task: all registers zero, user mode, interrupts on, FPU in its initial state. */
void arch_context_init(struct arch_context *c);
/* Sets where a task starts: instruction pointer, stack pointer and first argument. */
void arch_context_set_entry(struct arch_context *c, uint64_t ip, uint64_t sp, uint64_t arg0);
void arch_context_get_regs(const struct arch_context *c, struct helios_regs *out);
/* Checks (rip, rsp, TLS bases below HELIOS_USER_TOP; rflags filtered) and sets: INVALID_PARAM. */
int arch_context_set_regs(struct arch_context *c, const struct helios_regs *in);
/*
 * The task was blocked in a syscall and is being suspended: make it issue the same syscall
 * again when resumed (x86_64: step rip back over the 2-byte `syscall`; rax still holds the
 * number, as a blocked task's registers are not written until its syscall completes).
 */
void arch_context_restart_syscall(struct arch_context *c);
/* The context is going away (its task is destroyed): forget it (FPU owner). */
void arch_context_destroyed(struct arch_context *c);

/* ---- Entry from userspace: the portable handlers the arch code calls -------------------- */

/* The current task made a syscall; its registers are saved in its context. */
void kernel_syscall(void);
/*
 * The IPC fastpath (fastpath.h): the architecture's syscall entry calls these first for
 * HELIOS_SYS_CALL and HELIOS_SYS_REPLYRECV. One that takes the syscall returns the context of
 * the task to enter (its vspace loaded), which the entry hands to arch_enter_user; NULL means
 * it declined, having changed nothing: go on with kernel_syscall.
 */
struct arch_context *kernel_fastpath_call(void);
struct arch_context *kernel_fastpath_replyrecv(void);
/* The current task took an exception: type is enum helios_fault_type. */
void kernel_user_fault(unsigned type, uint64_t addr, uint64_t code, uint64_t vector);
/* A device interrupt line fired (already masked by the arch code). */
void kernel_interrupt(unsigned irq);
/* The scheduler's timer fired. */
void kernel_timer_tick(void);
/*
 * After any of the above, the arch code asks which task to run (this also frees what died):
 * its context, with its address space already loaded (vm_vspace_activate), or NULL for
 * idle (halt with interrupts on until the next interrupt). The arch code then loads the
 * task's FPU state and registers and returns to user mode.
 */
struct arch_context *kernel_exit(void);
/* Enters user mode in the task whose context c is, its vspace loaded: its FPU state, then its
 * registers. What the arch code does with kernel_exit's answer, and the fastpath's way out. */
_Noreturn void arch_enter_user(struct arch_context *c);

/* Starts the timer and enters the first task: never returns. */
_Noreturn void arch_start_scheduling(void);

/* ---- Devices ------------------------------------------------------------------------- */

/*
 * Device regions init gets as DEVICE_MEMORY capabilities, when the architecture knows them
 * better than the memory map's gaps do (aarch64: every device in the device tree but the
 * kernel's own). Writes at most `max` regions, sorted, page-aligned and disjoint, and returns
 * how many; -1 means "none of its own": the kernel then hands out the gaps and firmware regions
 * of the memory map (x86_64).
 */
struct helios_init_region;
int arch_device_regions(struct helios_init_region *out, unsigned max);

/*
 * I/O ports (x86_64; elsewhere IO_CONTROL and IO_PORT capabilities never exist, and these
 * return INVALID_TYPE and do nothing): the invocations of IO_CONTROL and IO_PORT, and the
 * last capability to a port range going away.
 */
int arch_io_invoke(struct invocation *inv);
void arch_io_finalize(struct cap *c);

/* ---- Interrupts ----------------------------------------------------------------------- */

/*
 * Lines are numbered 0 .. ARCH_IRQ_COUNT - 1 (<arch/context.h>: x86_64 the 16 ISA IRQs of the
 * PIC pair, aarch64 GIC interrupt IDs). True when userspace may own this line (x86_64: not the
 * timer (0) and not the cascade (2); aarch64: an SPI the GIC implements).
 */
bool arch_irq_issuable(unsigned irq);
void arch_irq_mask(unsigned irq);
void arch_irq_unmask(unsigned irq);

#endif
