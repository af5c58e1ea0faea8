/* What sysinit's files share (README.md). */
#ifndef MERCURY_SYSINIT_SYSINIT_H
#define MERCURY_SYSINIT_SYSINIT_H

#include <stdbool.h>
#include <stddef.h>

#include <mercury/caps.h>
#include <mercury/task.h>

#include "mercury/sysinit/conf.h"

/* The boot module holding the initramfs (sysinit.tar: EFI loaders hand modules over in name
 * order, so it must sort after init, "sysinit"), and the configuration's path in it. */
#define SYSINIT_INITRAMFS "sysinit.tar"
#define SYSINIT_CONF_PATH "/etc/sysinit.conf"


/* The names of what it grants are <mercury/caps.h>'s. */
#define SYSINIT_GRANTS_MAX 10

/* What every start needs: the supervisor endpoint, the registry's endpoint (UNDEF: no program
 * serves the registry), the program whose end ends the test run (NULL: none) and the console
 * UART's device memory (aarch64, once handed over; else UNDEF). */
struct sysinit_world {
	helios_caddr_t supervisor;
	helios_caddr_t registry;
	const char *exit_with;
	helios_caddr_t console_memory;
};

/* The capabilities one start of a program gets; `badged` is a slot of sysinit's holding the
 * minted registry copy while the task is made. */
struct sysinit_grants {
	struct mercury_cap_grant caps[SYSINIT_GRANTS_MAX];
	uint32_t count;
	helios_caddr_t badged;
};

/* grants.c: what program p gets from what w holds. */
int sysinit_grants_make(const struct sysinit_program *p, const struct sysinit_world *w,
			struct sysinit_grants *g);
/* console.c: hands the kernel's console over (CONSOLE_HAND_OVER), once, for the `hardware`
 * program's drivers; w->console_memory gets the UART's page on aarch64. Logs the outcome. */
void sysinit_console_hand_over(struct sysinit_world *w);
void sysinit_grants_release(struct sysinit_grants *g);

/* A program of the configuration and its running task. */
struct sysinit_child {
	const struct sysinit_program *program;
	const void *image; /* its ELF in the initramfs */
	size_t image_size;
	struct mercury_task task;
	bool running;
	unsigned restarts; /* how many times it was started again */
};

/* Starts child `index` (its badge is index + 1 on the supervisor endpoint); logs and returns
 * an error. */
int sysinit_start(struct sysinit_child *c, unsigned index, const struct sysinit_world *w);

/* Receives the children's exits and faults on the supervisor endpoint forever: logs each,
 * destroys the dead task, restarts what may be restarted. Returns when no child is left
 * running; leaves QEMU when w->exit_with ends for good. */
void sysinit_supervise(struct sysinit_child *children, unsigned count,
		       const struct sysinit_world *w);

#endif
