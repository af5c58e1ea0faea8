/*
 * Starting the configuration's programs and supervising them: every child's fault endpoint and
 * exit endpoint is a copy of sysinit's supervisor endpoint badged with its index + 1, so one
 * mercury_task_wait tells which child ended and how.
 */
#include <string.h>

#include <base/fmt.h>
#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/error.h>
#include <mercury/restart.h>
#include <qemu/exit.h>

#include "mercury/sysinit/sysinit.h"

int sysinit_start(struct sysinit_child *c, unsigned index, const struct sysinit_world *w)
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
	struct sysinit_grants grants;
	int err = sysinit_grants_make(p, w, &grants);
	if (err) {
		rt_printf("sysinit: %s: cannot make its capabilities: %s\n", p->name,
			  mercury_strerror(err));
		return err;
	}
	struct mercury_spawn spec = {
		.image = c->image,
		.image_size = c->image_size,
		.argv = argv,
		.envp = envp,
		.caps = grants.caps,
		.cap_count = grants.count,
		.memory = p->memory,
		/* sysinit's own: its backoff yields then let the others run */
		.priority = HELIOS_INIT_PRIORITY,
		.supervisor = w->supervisor,
		.badge = index + 1,
		.asid_pool = HELIOS_CADDR_UNDEF,
	};
	err = mercury_task_create(&spec, &c->task);
	sysinit_grants_release(&grants);
	if (err) {
		rt_printf("sysinit: %s: cannot start %s: %s\n", p->name, p->path,
			    mercury_strerror(err));
		return err;
	}
	/* Said before it runs, so the log has it before anything the program prints. */
	rt_printf("sysinit: %s: started (%s, run %u)\n", p->name, p->path,
		    c->restarts + 1);
	err = mercury_task_start(&c->task);
	if (err) {
		rt_printf("sysinit: %s: cannot run: %s\n", p->name, mercury_strerror(err));
		mercury_task_destroy(&c->task);
		return err;
	}
	c->running = true;
	return 0;
}

/* A restartable program that faulted or exited with a nonzero status starts again, unless it
 * already did MERCURY_RESTART_MAX times. */
static bool restart(struct sysinit_child *c, const struct mercury_task_event *ev, unsigned index,
		    const struct sysinit_world *w)
{
	const struct sysinit_program *p = c->program;
	return mercury_restart_due("sysinit", p->name, p->restart, ev, &c->restarts) &&
	       sysinit_start(c, index, w) == 0;
}

/* The test run ends with the program named by sysinit.exit_with: its status, 1 for a fault. */
static void maybe_exit_qemu(const struct sysinit_child *c, const struct mercury_task_event *ev,
			    const struct sysinit_world *w)
{
	if (!w->exit_with || strcmp(w->exit_with, c->program->name) != 0)
		return;
	int status = ev->kind == MERCURY_TASK_EXITED ? ev->status : 1;
	rt_printf("sysinit: %s ended: leaving QEMU with status %d\n", c->program->name, status);
	qemu_exit(status);
}

static unsigned running(const struct sysinit_child *children, unsigned count)
{
	unsigned n = 0;
	for (unsigned i = 0; i < count; i++)
		n += children[i].running;
	return n;
}

static bool child_running(void *ctx, unsigned index)
{
	const struct sysinit_child *children = ctx;
	return children[index].running;
}

void sysinit_supervise(struct sysinit_child *children, unsigned count,
		       const struct sysinit_world *w)
{
	while (running(children, count)) {
		struct mercury_task_event ev;
		unsigned index;
		if (mercury_child_wait("sysinit", w->supervisor, count, child_running, children,
				       &ev, &index))
			return;
		struct sysinit_child *c = &children[index];
		mercury_task_event_print("sysinit", c->program->name, &ev);
		mercury_task_destroy(&c->task);
		c->running = false;
		if (!restart(c, &ev, index, w))
			maybe_exit_qemu(c, &ev, w);
	}
	rt_printf("sysinit: no program left running\n");
}
