/*
 * What happens between _start (crt0.S) and main: the runtime's globals from the init info,
 * the main thread's TCB, the slot allocator, argv; and what happens after: rt_exit.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#define RT_ARGV_MAX 64

const struct helios_init_info *rt_info;
helios_caddr_t rt_cspace;
helios_caddr_t rt_vspace;
struct helios_cap_range rt_memory;

static void (*exit_hook)(int status);
static char *argv[RT_ARGV_MAX + 1];

/* Splits the info's cmdline (NUL-separated words, ending with an empty one) into argv. */
static int split_argv(const char *cmdline, size_t size)
{
	int argc = 0;
	size_t at = 0;
	while (at < size && cmdline[at] && argc < RT_ARGV_MAX) {
		argv[argc++] = (char *)&cmdline[at];
		while (at < size && cmdline[at])
			at++;
		at++;
	}
	argv[argc] = NULL;
	return argc;
}

void rt_set_exit_hook(void (*hook)(int status))
{
	exit_hook = hook;
}

_Noreturn void rt_exit(int status)
{
	struct rt_tcb *tcb = rt_tcb();
	if (exit_hook && !tcb->thread)
		exit_hook(status);
	helios_task_suspend(tcb->task);
	/* Only reached if the task capability is gone or lacks the right: wait forever. */
	for (;;)
		helios_yield();
}

/* Called by crt0 on the main thread's stack: sets everything up and runs main. */
_Noreturn void rt_start(const struct helios_init_info *info)
{
	struct rt_tcb *tcb = rt_tcb();
	tcb->magic = RT_TCB_MAGIC;
	tcb->thread = NULL;
	tcb->task = HELIOS_INIT_TASK;
	tcb->ipc = NULL;
	int argc = 0;
	if (info && info->magic == HELIOS_INIT_MAGIC && info->version == HELIOS_INIT_VERSION) {
		rt_info = info;
		tcb->ipc = (struct helios_ipc_buffer *)(uintptr_t)info->ipc_buffer;
		rt_cspace = HELIOS_INIT_CSPACE;
		rt_vspace = HELIOS_INIT_VSPACE;
		rt_memory = info->memory;
		rt_slot_init(info->free_slots.first, info->free_slots.count);
		argc = split_argv(info->cmdline, sizeof(info->cmdline));
	} else {
		rt_puts("rt: no init info: main gets no arguments and no resources");
		argv[0] = NULL;
	}
	rt_exit(main(argc, argv));
}
