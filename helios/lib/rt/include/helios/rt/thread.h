/*
 * Threads: tasks sharing the caller's cspace and vspace, each with its own stack and IPC
 * buffer. A thread owns a 64 KiB region of address space (RT_STACK_REGION) above
 * RT_THREAD_AREA: its IPC buffer page at the bottom, an unmapped guard page, then
 * RT_THREAD_STACK_PAGES stack pages whose top holds its struct rt_tcb (rt.h).
 */
#ifndef HELIOS_RT_THREAD_H
#define HELIOS_RT_THREAD_H

#include <stdint.h>

#include <helios/abi.h>

#define RT_THREAD_AREA 0x0000100000000000ull
#define RT_THREAD_REGIONS 256
#define RT_THREAD_STACK_PAGES 14

struct rt_thread {
	helios_caddr_t task;        /* the thread's TASK capability */
	helios_caddr_t ipc_page;    /* its IPC buffer page */
	helios_caddr_t stack_pages; /* the first of RT_THREAD_STACK_PAGES consecutive slots */
	helios_caddr_t done;        /* NOTIFICATION signalled when fn has returned */
	uint32_t region;            /* index of its address-space region */
	uint64_t base;              /* the region's address */
	int (*fn)(void *);
	void *arg;
	volatile int result;        /* fn's return value, once done is signalled */
	volatile int finished;
};

/*
 * Creates a thread that will run fn(arg) at `priority` (at most the caller's), with
 * fault_ep (or HELIOS_CADDR_UNDEF) as its fault endpoint. It does not run until
 * rt_thread_start. *t must stay valid until rt_thread_destroy. Returns a helios_error; on
 * failure nothing stays allocated.
 */
int rt_thread_create(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		     helios_caddr_t fault_ep);
int rt_thread_start(struct rt_thread *t);
/* create + start. */
int rt_thread_spawn(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		    helios_caddr_t fault_ep);
/*
 * Moves a created (not yet started) thread into an address space of its own that maps the
 * program's image pages, and the thread's IPC buffer and stack, at the same addresses and on
 * the same frames (mirror.c): running it switches address spaces, yet it runs the program's
 * code on its data. What the program maps later, and other threads' stacks, are not there,
 * so its fn, arg and *t must be program data, not on a stack. *vspace (may be NULL) = the new
 * VSPACE; everything is allocated with rt_alloc (rt_release_since undoes it).
 */
int rt_thread_mirror_vspace(struct rt_thread *t, helios_caddr_t *vspace);
/* Ends the calling thread (one rt_thread_create made) as if fn had returned `result`:
 * rt_thread_join returns, then the thread suspends itself. rt_exit in such a thread does the
 * same. */
_Noreturn void rt_thread_exit(int result);
/* Waits until fn has returned (or the thread called rt_thread_exit); *result (may be NULL) =
 * its value. */
int rt_thread_join(struct rt_thread *t, int *result);
/* Stops the thread (if it runs) and frees everything rt_thread_create allocated. */
void rt_thread_destroy(struct rt_thread *t);
/* The initial stack pointer and TCB of a thread's region (for tests that set registers). */
uint64_t rt_thread_stack_top(const struct rt_thread *t);

/* Region bookkeeping for rt_mark / rt_release_since (mem.h): save records which regions are
 * taken; restore gives back every region taken since. */
void rt_thread_regions_save(uint64_t bits[RT_THREAD_REGIONS / 64]);
void rt_thread_regions_restore(const uint64_t bits[RT_THREAD_REGIONS / 64]);

#endif
