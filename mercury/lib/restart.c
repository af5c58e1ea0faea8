/* Logging a task's end and deciding on its restart (restart.h). */
#include <helios/rt/print.h>
#include <mercury/error.h>
#include <helios/rt/syscall.h>
#include <mercury/restart.h>
#include <mercury/time.h>

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
	if (n > 1)
		mercury_sleep_ns((uint64_t)(MERCURY_BACKOFF_MS << (n - 2)) * MERCURY_NS_PER_MS);
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

int mercury_child_wait(const char *who, helios_caddr_t supervisor, unsigned count,
		       bool (*running)(void *ctx, unsigned index), void *ctx,
		       struct mercury_task_event *ev, unsigned *index)
{
	for (;;) {
		int err = mercury_task_wait(supervisor, ev);
		if (err) {
			rt_printf("%s: waiting: %s\n", who, mercury_strerror(err));
			return err;
		}
		if (ev->badge != 0 && ev->badge <= count && ev->kind != MERCURY_TASK_MESSAGE &&
		    running(ctx, (unsigned)ev->badge - 1)) {
			*index = (unsigned)ev->badge - 1;
			return 0;
		}
		rt_printf("%s: unexpected message (badge %llu, label %#llx)\n", who,
			  (unsigned long long)ev->badge, (unsigned long long)ev->label);
	}
}
