/*
 * The Helios userspace runtime: what every program gets from crt0 and where its threads find
 * their own state.
 *
 * Thread state without TLS registers: every thread's stack lives in a region of
 * RT_STACK_REGION bytes aligned to its size, and the top RT_TCB_RESERVE bytes of the region
 * hold the thread's struct rt_tcb. rt_tcb() finds it from the stack pointer alone, so it works
 * from any thread at any time (init's stack, HELIOS_INIT_STACK_TOP with HELIOS_INIT_STACK_PAGES
 * pages, is such a region; rt_thread_create makes the others). Code running on a stack that is
 * not such a region must not use anything that needs the IPC buffer.
 */
#ifndef HELIOS_RT_RT_H
#define HELIOS_RT_RT_H

#define RT_STACK_REGION 0x10000 /* 64 KiB */
#define RT_TCB_RESERVE 64       /* bytes at the top of the region (keeps sp 16-aligned) */

#ifndef __ASSEMBLER__

#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/regs.h>

/* One thread's runtime state, at the top of its stack region. */
struct rt_tcb {
	struct helios_ipc_buffer *ipc; /* its IPC buffer (NULL: none) */
	helios_caddr_t task;           /* its own TASK capability */
	uint32_t magic;                /* RT_TCB_MAGIC */
	struct rt_thread *thread;      /* rt_thread_create's record; NULL for init's thread */
	uint64_t reserved;
};
#define RT_TCB_MAGIC 0x74637262u /* "brct" */
_Static_assert(sizeof(struct rt_tcb) <= RT_TCB_RESERVE, "the TCB fits its reserve");
_Static_assert(HELIOS_INIT_STACK_PAGES * HELIOS_PAGE_SIZE == RT_STACK_REGION &&
		       HELIOS_INIT_STACK_TOP % RT_STACK_REGION == 0,
	       "init's stack is one stack region");

/* The calling thread's TCB. */
static inline struct rt_tcb *rt_tcb(void)
{
	uintptr_t sp = rt_stack_pointer();
	return (struct rt_tcb *)((sp | (RT_STACK_REGION - 1)) + 1 - RT_TCB_RESERVE);
}

/* The calling thread's IPC buffer (NULL: none). */
static inline struct helios_ipc_buffer *rt_ipc_buffer(void)
{
	return rt_tcb()->ipc;
}

/* Sets the calling thread's IPC buffer address (after TASK_SET_IPC_BUFFER on itself). */
static inline void rt_set_ipc_buffer(struct helios_ipc_buffer *ipc)
{
	rt_tcb()->ipc = ipc;
}

/* The calling thread's own TASK capability. */
static inline helios_caddr_t rt_self(void)
{
	return rt_tcb()->task;
}

/* What crt0 found: the program's init info (NULL when it was not started as init) or its
 * Mercury startup block (NULL when it was not spawned: <mercury/startup.h>), and the
 * capabilities every thread of the program shares. */
struct mercury_startup;
extern const struct helios_init_info *rt_info;
extern const struct mercury_startup *rt_startup;
extern helios_caddr_t rt_cspace; /* the program's CSPACE */
extern helios_caddr_t rt_vspace; /* the program's VSPACE */
extern struct helios_cap_range rt_memory; /* MEMORY capabilities to allocate from */
/* argv[0] (the module's or the spawned program's name), "?" when there is none. */
extern const char *rt_program_name;

/* The program's entry point, called by crt0 with argv from the init info's cmdline or the
 * startup block. */
int main(int argc, char **argv);

/*
 * Ends the calling thread. The program's first thread runs the exit hook (if any), then
 * rt_exit_program; a thread made by rt_thread_create ends as rt_thread_exit does (its joiner
 * gets `status`). Init exits this way when main returns; a program that must do more (power
 * off) sets a hook.
 */
_Noreturn void rt_exit(int status);
void rt_set_exit_hook(void (*hook)(int status));
/*
 * Ends the program from any thread, without the hook: sends the exit report (label
 * MERCURY_EXIT_LABEL, status in p0) to the exit endpoint, if the startup block named one,
 * then suspends the calling thread. Whoever started the program destroys it (its other
 * threads with it) when the report comes.
 */
_Noreturn void rt_exit_program(int status);
/* Where rt_exit_program reports (HELIOS_CADDR_UNDEF: nowhere); rt_start sets it. */
void rt_set_exit_endpoint(helios_caddr_t endpoint);

#endif /* __ASSEMBLER__ */

#endif
