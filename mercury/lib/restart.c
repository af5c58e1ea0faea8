/* Logging a task's end and deciding on its restart (restart.h). */
#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/restart.h>

void mercury_task_event_print(const char *who, const char *name,
			      const struct mercury_task_event *ev)
{
	if (ev->kind == MERCURY_TASK_EXITED)
		rt_printf("%s: %s: exited with status %d\n", who, name, ev->status);
	else
		rt_printf("%s: %s: fault %s at %#llx (ip %#llx, code %#llx)\n", who, name,
			  helios_fault_name(ev->fault_type), (unsigned long long)ev->fault_addr,
			  (unsigned long long)ev->fault_ip, (unsigned long long)ev->fault_code);
}

static void backoff(unsigned n)
{
	unsigned long yields = (unsigned long)MERCURY_BACKOFF_YIELDS << (n - 1);
	for (unsigned long i = 0; i < yields; i++)
		helios_yield();
}

bool mercury_restart_due(const char *who, const char *name, bool restartable,
			 const struct mercury_task_event *ev, unsigned *restarts)
{
	if (!restartable || (ev->kind == MERCURY_TASK_EXITED && ev->status == 0))
		return false;
	if (*restarts == MERCURY_RESTART_MAX) {
		rt_printf("%s: %s: restarted %u times, not restarting it again\n", who, name,
			  *restarts);
		return false;
	}
	++*restarts;
	backoff(*restarts);
	rt_printf("%s: %s: restarting (restart %u of %u)\n", who, name, *restarts,
		  MERCURY_RESTART_MAX);
	return true;
}
