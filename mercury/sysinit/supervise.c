/*
 * Starting the configuration's programs and supervising them: every child's fault endpoint and
 * exit endpoint is a copy of sysinit's supervisor endpoint badged with its index + 1, so one
 * mercury_task_wait tells which child ended and how.
 */
#include <base/fmt.h>
#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/error.h>

#include "mercury/sysinit/sysinit.h"

int sysinit_start(struct sysinit_child *c, unsigned index, helios_caddr_t supervisor)
{
	const struct sysinit_program *p = c->program;
	const char *argv[SYSINIT_ARGS_MAX + 2];
	argv[0] = p->name;
	for (unsigned i = 0; i < p->argc; i++)
		argv[i + 1] = p->args[i];
	argv[p->argc + 1] = NULL;
	char restarts[32];
	fmt_snprintf(restarts, sizeof(restarts), "SYSINIT_RESTARTS=%u", c->restarts);
	const char *envp[] = { restarts, NULL };
	struct mercury_spawn spec = {
		.image = c->image,
		.image_size = c->image_size,
		.argv = argv,
		.envp = envp,
		/* sysinit's own: its backoff yields then let the others run */
		.priority = HELIOS_INIT_PRIORITY,
		.supervisor = supervisor,
		.badge = index + 1,
		.asid_pool = HELIOS_CADDR_UNDEF,
	};
	int err = mercury_task_spawn(&spec, &c->task);
	if (err) {
		rt_printf("sysinit: %s: cannot start %s: %s\n", p->name, p->path,
			    mercury_strerror(err));
		return err;
	}
	c->running = true;
	rt_printf("sysinit: %s: started (%s, run %u)\n", p->name, p->path,
		    c->restarts + 1);
	return 0;
}

static void log_event(const struct sysinit_child *c, const struct mercury_task_event *ev)
{
	const char *name = c->program->name;
	if (ev->kind == MERCURY_TASK_EXITED)
		rt_printf("sysinit: %s: exited with status %d\n", name, ev->status);
	else
		rt_printf("sysinit: %s: fault %s at %#llx (ip %#llx, code %#llx)\n", name,
			    helios_fault_name(ev->fault_type),
			    (unsigned long long)ev->fault_addr, (unsigned long long)ev->fault_ip,
			    (unsigned long long)ev->fault_code);
}

/* Waits SYSINIT_BACKOFF_YIELDS << (n - 1) yields before restart n: the other programs run. */
static void backoff(unsigned n)
{
	unsigned long yields = (unsigned long)SYSINIT_BACKOFF_YIELDS << (n - 1);
	for (unsigned long i = 0; i < yields; i++)
		helios_yield();
}

/* A restartable program that faulted or exited with a nonzero status starts again, unless it
 * already did SYSINIT_RESTART_MAX times. */
static void restart(struct sysinit_child *c, const struct mercury_task_event *ev, unsigned index,
		    helios_caddr_t supervisor)
{
	const struct sysinit_program *p = c->program;
	if (!p->restart || (ev->kind == MERCURY_TASK_EXITED && ev->status == 0))
		return;
	if (c->restarts == SYSINIT_RESTART_MAX) {
		rt_printf("sysinit: %s: restarted %u times, not restarting it again\n",
			    p->name, c->restarts);
		return;
	}
	c->restarts++;
	backoff(c->restarts);
	rt_printf("sysinit: %s: restarting (restart %u of %u)\n", p->name, c->restarts,
		    SYSINIT_RESTART_MAX);
	sysinit_start(c, index, supervisor);
}

static unsigned running(const struct sysinit_child *children, unsigned count)
{
	unsigned n = 0;
	for (unsigned i = 0; i < count; i++)
		n += children[i].running;
	return n;
}

void sysinit_supervise(struct sysinit_child *children, unsigned count,
		       helios_caddr_t supervisor)
{
	while (running(children, count)) {
		struct mercury_task_event ev;
		int err = mercury_task_wait(supervisor, &ev);
		if (err) {
			rt_printf("sysinit: waiting: %s\n", mercury_strerror(err));
			return;
		}
		if (ev.badge == 0 || ev.badge > count || !children[ev.badge - 1].running ||
		    ev.kind == MERCURY_TASK_MESSAGE) {
			rt_printf("sysinit: unexpected message (badge %llu, label %#llx)\n",
				    (unsigned long long)ev.badge, (unsigned long long)ev.label);
			continue;
		}
		unsigned index = (unsigned)ev.badge - 1;
		struct sysinit_child *c = &children[index];
		log_event(c, &ev);
		mercury_task_destroy(&c->task);
		c->running = false;
		restart(c, &ev, index, supervisor);
	}
	rt_printf("sysinit: no program left running\n");
}
