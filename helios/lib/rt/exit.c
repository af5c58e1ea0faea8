/*
 * How a program ends (rt.h): the main thread runs the exit hook, tells whoever started it (the
 * exit endpoint of its startup block, if any), then suspends itself; a thread made by
 * rt_thread_create ends alone (rt_thread_exit) so that rt_thread_join sees it.
 */
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>

static void (*exit_hook)(int status);
static helios_caddr_t exit_endpoint = HELIOS_CADDR_UNDEF;

void rt_set_exit_hook(void (*hook)(int status))
{
	exit_hook = hook;
}

void rt_set_exit_endpoint(helios_caddr_t endpoint)
{
	exit_endpoint = endpoint;
}

_Noreturn void rt_exit_program(int status)
{
	if (exit_endpoint != HELIOS_CADDR_UNDEF) {
		struct helios_msg m = {
			.tag = helios_tag(MERCURY_EXIT_LABEL, 1, 0),
			.p = { (uint64_t)(int64_t)status },
		};
		helios_send(exit_endpoint, &m);
	}
	helios_task_suspend(rt_self());
	/* Only reached if the task capability is gone or lacks the right: wait forever. */
	for (;;)
		helios_yield();
}

_Noreturn void rt_exit(int status)
{
	struct rt_tcb *tcb = rt_tcb();
	if (tcb->thread)
		rt_thread_exit(status);
	if (exit_hook)
		exit_hook(status);
	rt_exit_program(status);
}
