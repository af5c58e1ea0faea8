/*
 * Threads as a server uses them (rt's thread.h): a thread that ends early with
 * rt_thread_exit or rt_exit is joined with its status, and its resources come back.
 */
#include <stdint.h>

#include "mercury/lib/tests/suite.h"

static int exit_early(void *arg)
{
	if (arg)
		rt_thread_exit(5);
	rt_exit(9); /* in a thread: ends the thread, not the program */
}

KTEST(thread_exit_is_joined)
{
	struct rt_thread a, b;
	kt_spawn(&a, exit_early, (void *)1, KT_PRIORITY);
	kt_spawn(&b, exit_early, NULL, KT_PRIORITY);
	KT_EQ(kt_join(&a), 5);
	KT_EQ(kt_join(&b), 9);
	kt_wait_state(a.task, HELIOS_TASK_INACTIVE);
	uint64_t before = rt_memory_free();
	rt_thread_destroy(&a);
	rt_thread_destroy(&b);
	KT_CHECK(rt_memory_free() > before); /* stacks, tasks, notifications given back */
}
