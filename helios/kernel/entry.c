/*
 * The kernel's entries from the arch code other than syscalls (syscall.c) and interrupts
 * (irq.c): a fault of the current task and the scheduler's tick; and kernel_exit, the way out
 * of every entry (arch.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/endpoint.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/timeout.h"
#include "helios/kernel/vm/activate.h"
#include "helios/kernel/vm/vm.h"

/* A task runs for SLICE_TICKS ticks before the next one of its priority gets the CPU. */
#define SLICE_TICKS (ARCH_TICK_HZ / 100)

void kernel_timer_tick(void)
{
	static unsigned ticks;
	timeout_expire();
	if (++ticks < SLICE_TICKS)
		return;
	ticks = 0;
	if (current && current->state == HELIOS_TASK_READY)
		sched_rotate(current); /* end of its time slice */
}

void kernel_user_fault(unsigned type, uint64_t addr, uint64_t code, uint64_t vector)
{
	struct task *t = current;
	uint64_t ip = arch_context_ip(&t->ctx);
	t->fault = (struct task_fault){
		.pending = true, .type = type, .addr = addr, .ip = ip, .code = code,
		.vector = vector,
	};
	if (endpoint_send_fault(t))
		return;
	kprintf("helios: task %p: %s at ip %#llx, address %#llx, code %#llx (vector %llu); "
		"no fault endpoint: suspended\n",
		(void *)t, helios_fault_name(type),
		(unsigned long long)ip, (unsigned long long)addr, (unsigned long long)code,
		(unsigned long long)vector);
	task_suspend(t);
}

/* The general case of kernel_exit: frees what died, picks the next task, loads its vspace. */
static __attribute__((noinline)) struct arch_context *exit_to_next(void)
{
	reap();
	struct task *t = current = sched_next(current);
	if (!t)
		return NULL;
	vm_vspace_activate(task_vspace_object(t));
	return &t->ctx;
}

/* Whether t's vspace is the one loaded (a task without one takes the general case). */
static inline bool vspace_is_loaded(struct task *t)
{
	uintptr_t vs = task_vspace_object(t);
	return vs && vspace_is_current(vs);
}

/* Most syscalls return to their caller with nothing to free and its vspace loaded: that case
 * is a few tests, with no call. */
struct arch_context *kernel_exit(void)
{
	struct task *t = current;
	if (likely(!reap_pending && t && sched_running_goes_on(t) && vspace_is_loaded(t)))
		return &t->ctx;
	return exit_to_next();
}
