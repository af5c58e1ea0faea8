/*
 * Notifications: signal to wait. A waiter one priority level above the signaller, in an
 * address space of its own, blocks in WAIT; the signaller stamps just before SIGNAL and the
 * waiter just after WAIT returns (the signal preempts the signaller).
 */
#include <stdint.h>

#include <helios/rt/mem.h>
#include <helios/rt/syscall.h>

#include "bench.h"

static struct bench_waiter waiter; /* program data: the waiter's vspace sees it */

static int signaller(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	int err = HELIOS_OK;
	for (uint32_t i = 0; !err && i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		err = helios_signal(waiter.notification);
	}
	return err;
}

void bench_notification(void)
{
	static struct rt_thread w, s; /* program data: mirrored vspaces see it */
	bench_begin();
	waiter.seen = 0;
	int err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &waiter.notification);
	/* The waiter runs first (higher priority) and blocks. */
	if (!err)
		err = bench_thread(&w, bench_waiter_main, &waiter, BENCH_PRIORITY + 1, true,
				   HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_thread(&s, signaller, NULL, BENCH_PRIORITY, false, HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_join(&s);
	if (!err)
		err = bench_join(&w);
	if (err)
		bench_error("notification_signal_wait", "threads", err);
	else
		bench_report("notification_signal_wait", &bench_a);
	bench_cleanup();
}
