/* What sysinit's files share (README.md). */
#ifndef MERCURY_SYSINIT_SYSINIT_H
#define MERCURY_SYSINIT_SYSINIT_H

#include <stdbool.h>
#include <stddef.h>

#include <mercury/task.h>

#include "mercury/sysinit/conf.h"

/* The boot module holding the initramfs (sysinit.tar: EFI loaders hand modules over in name
 * order, so it must sort after init, "sysinit"), and the configuration's path in it. */
#define SYSINIT_INITRAMFS "sysinit.tar"
#define SYSINIT_CONF_PATH "/etc/sysinit.conf"

/* Restarts of one program before sysinit gives up on it, and the backoff before restart n
 * (from 1): SYSINIT_BACKOFF_YIELDS << (n - 1) scheduler yields (no timer service yet). */
#define SYSINIT_RESTART_MAX 3
#define SYSINIT_BACKOFF_YIELDS 64u

/* A program of the configuration and its running task. */
struct sysinit_child {
	const struct sysinit_program *program;
	const void *image; /* its ELF in the initramfs */
	size_t image_size;
	struct mercury_task task;
	bool running;
	unsigned restarts; /* how many times it was started again */
};

/* Starts child `index` (its badge is index + 1 on `supervisor`); logs and returns an error. */
int sysinit_start(struct sysinit_child *c, unsigned index, helios_caddr_t supervisor);

/* Receives the children's exits and faults on `supervisor` forever: logs each, destroys the
 * dead task, restarts what may be restarted. Returns when no child is left running. */
void sysinit_supervise(struct sysinit_child *children, unsigned count,
		       helios_caddr_t supervisor);

#endif
