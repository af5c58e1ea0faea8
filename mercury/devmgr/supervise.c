/*
 * Starting drivers and restarting the ones that die (instance.h). Every driver's faults and
 * exit reach the device manager's supervisor endpoint, badged with its instance's index + 1.
 * A driver that dies is logged and destroyed, its endpoint revoked (its clients notice), and
 * it is started again with the same resources under the restart policy sysinit also uses
 * (<mercury/restart.h>); nothing else is touched.
 */
#include <base/fmt.h>
#include <helios/rt/print.h>
#include <mercury/error.h>
#include <mercury/restart.h>

#include "mercury/devmgr/instance.h"

#define DRIVER_ARGS 2

int devmgr_instance_start(const struct devmgr_world *w, struct devmgr_instance *in,
			  unsigned index)
{
	const char *argv[DRIVER_ARGS + 1] = { in->driver->manifest.driver, in->label, NULL };
	/* How many times it was restarted before this run, as sysinit tells its programs. */
	char restarts[32];
	fmt_snprintf(restarts, sizeof(restarts), "DEVMGR_RESTARTS=%u", in->restarts);
	const char *envp[3] = { restarts, in->env[0] ? in->env : NULL, NULL };
	struct mercury_spawn spec = {
		.image = in->driver->image,
		.image_size = in->driver->image_size,
		.argv = argv,
		.envp = envp,
		.caps = in->grants,
		.cap_count = in->grant_count,
		.priority = w->priority,
		.supervisor = w->supervisor,
		.badge = index + 1,
		.asid_pool = w->hw->asid_pool,
	};
	int err = mercury_task_create(&spec, &in->task);
	if (err) {
		rt_printf("devmgr: %s: cannot start %s: %s\n", in->label, in->driver->path,
			  mercury_strerror(err));
		return err;
	}
	devmgr_device_dma(w, in, true);
	/* Said and published before it runs: the log has both before anything the driver prints
	 * (clients' calls wait on the endpoint until it receives). */
	rt_printf("devmgr: %s: started (%s, run %u)\n", in->label, in->driver->path,
		  in->restarts + 1);
	devmgr_services_publish(w, in);
	err = mercury_task_start(&in->task);
	if (err) {
		rt_printf("devmgr: %s: cannot run: %s\n", in->label, mercury_strerror(err));
		mercury_task_destroy(&in->task);
		devmgr_services_renew(in);
		return err;
	}
	in->running = true;
	return 0;
}

static void ended(const struct devmgr_world *w, struct devmgr_instance *in, unsigned index,
		  const struct mercury_task_event *ev)
{
	mercury_task_event_print("devmgr", in->label, ev);
	devmgr_device_dma(w, in, false); /* no DMA into memory about to be taken back */
	mercury_task_destroy(&in->task);
	in->running = false;
	int err = devmgr_services_renew(in);
	if (err) {
		rt_printf("devmgr: %s: no new endpoint: %s\n", in->label, mercury_strerror(err));
		return;
	}
	if (mercury_restart_due("devmgr", in->label, true, ev, &in->restarts))
		devmgr_instance_start(w, in, index);
}

static bool instance_running(void *ctx, unsigned index)
{
	const struct devmgr_instance *instances = ctx;
	return instances[index].running;
}

void devmgr_supervise(const struct devmgr_world *w, struct devmgr_instance *instances,
		      unsigned count)
{
	struct mercury_task_event ev;
	unsigned index;
	while (mercury_child_wait("devmgr", w->supervisor, count, instance_running, instances, &ev,
				  &index) == 0)
		ended(w, &instances[index], index, &ev);
}
