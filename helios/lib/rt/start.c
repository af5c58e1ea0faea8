/*
 * What happens between _start (crt0.S) and main: the runtime's globals, the main thread's TCB,
 * the slot allocator and argv, from whichever description the program was started with: the
 * kernel's init info (init) or a Mercury startup block (a task another task spawned). Both
 * begin with a magic word, which tells them apart.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>
#include <mercury/startup_block.h>

#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#define RT_ARGV_MAX 64

const struct helios_init_info *rt_info;
const struct mercury_startup *rt_startup;
helios_caddr_t rt_cspace;
helios_caddr_t rt_vspace;
struct helios_cap_range rt_memory;
const char *rt_program_name = "?";

static char *init_argv[RT_ARGV_MAX + 1];

/* Splits the info's cmdline (NUL-separated words, ending with an empty one) into argv. */
static int split_argv(const char *cmdline, size_t size)
{
	int argc = 0;
	size_t at = 0;
	while (at < size && cmdline[at] && argc < RT_ARGV_MAX) {
		init_argv[argc++] = (char *)&cmdline[at];
		while (at < size && cmdline[at])
			at++;
		at++;
	}
	init_argv[argc] = NULL;
	return argc;
}

/* Init: the kernel's info page (abi.h). */
static int start_init(const struct helios_init_info *info, struct rt_tcb *tcb, char ***argv)
{
	rt_info = info;
	tcb->ipc = (struct helios_ipc_buffer *)(uintptr_t)info->ipc_buffer;
	rt_cspace = HELIOS_INIT_CSPACE;
	rt_vspace = HELIOS_INIT_VSPACE;
	rt_memory = info->memory;
	rt_slot_init(info->free_slots.first, info->free_slots.count);
	*argv = init_argv;
	return split_argv(info->cmdline, sizeof(info->cmdline));
}

/* A spawned task: its startup block (mercury/startup.h), checked before anything is used. */
static int start_spawned(const struct mercury_startup *s, struct rt_tcb *tcb, char ***argv)
{
	int err = mercury_startup_check(s, MERCURY_STARTUP_MAX_SIZE, (uintptr_t)s);
	if (err) {
		rt_printf("rt: startup block refused: %s\n", mercury_startup_strerror(err));
		rt_exit(MERCURY_EXIT_ABORTED);
	}
	rt_startup = s;
	tcb->task = s->task;
	tcb->ipc = (struct helios_ipc_buffer *)(uintptr_t)s->ipc_buffer;
	rt_cspace = s->cspace;
	rt_vspace = s->vspace;
	rt_memory = s->memory;
	rt_slot_init(s->free_slots.first, s->free_slots.count);
	rt_set_exit_endpoint(s->exit_endpoint);
	*argv = mercury_startup_argv(s);
	return (int)s->argc;
}

/* Called by crt0 on the main thread's stack with the first argument register: sets
 * everything up and runs main. */
_Noreturn void rt_start(const void *arg)
{
	struct rt_tcb *tcb = rt_tcb();
	tcb->magic = RT_TCB_MAGIC;
	tcb->thread = NULL;
	tcb->task = HELIOS_INIT_TASK; /* MERCURY_SLOT_TASK too */
	tcb->ipc = NULL;
	uint64_t magic = arg ? *(const uint64_t *)arg : 0;
	const struct helios_init_info *info = arg;
	char **argv = init_argv;
	int argc = 0;
	if (magic == HELIOS_INIT_MAGIC && info->version == HELIOS_INIT_VERSION)
		argc = start_init(info, tcb, &argv);
	else if (magic == MERCURY_STARTUP_MAGIC)
		argc = start_spawned(arg, tcb, &argv);
	else
		rt_puts("rt: no init info: main gets no arguments and no resources");
	if (argc > 0 && argv[0])
		rt_program_name = argv[0];
	rt_exit(main(argc, argv));
}
