/*
 * The mutex (lock.h): mutual exclusion under preemption, and a higher-priority waiter that
 * sleeps so the lower-priority holder can finish (a yield loop would spin forever there: the
 * scheduler never runs a lower priority while a higher one is ready).
 */
#include <stdint.h>

#include "mercury/lib/tests/suite.h"

static struct mercury_lock lock;
static volatile uint64_t counter;

static int count_under_lock(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		mercury_lock(&lock);
		uint64_t seen = counter;
		if (i % 100 == 0)
			helios_yield(); /* let the others find the lock taken */
		counter = seen + 1;
		mercury_unlock(&lock);
	}
	return 0;
}

KTEST_LONG(lock_excludes, 20)
{
	lock = (struct mercury_lock)MERCURY_LOCK_INIT;
	counter = 0;
	struct rt_thread threads[3];
	for (size_t i = 0; i < KT_COUNT(threads); i++)
		kt_spawn(&threads[i], count_under_lock, NULL, KT_PRIORITY);
	count_under_lock(NULL);
	for (size_t i = 0; i < KT_COUNT(threads); i++)
		KT_EQ(kt_join(&threads[i]), 0);
	KT_EQ(counter, 4 * 2000);
	KT_CHECK(lock.notification != HELIOS_CADDR_UNDEF); /* there was contention */
}

static helios_caddr_t held;

static int hold_then_release(void *arg)
{
	(void)arg;
	mercury_lock(&lock);
	helios_signal(held);
	kt_spin_ms(30); /* the waiter is higher: it runs at once and must sleep */
	counter = 1;
	mercury_unlock(&lock);
	return 0;
}

KTEST(lock_waiter_sleeps_for_lower_priority_holder)
{
	lock = (struct mercury_lock)MERCURY_LOCK_INIT;
	KT_OK(mercury_lock_prepare(&lock));
	counter = 0;
	held = kt_notification();
	struct rt_thread low;
	kt_spawn(&low, hold_then_release, NULL, KT_PRIORITY - 10);
	KT_OK(helios_wait(held, NULL)); /* the holder has the lock */
	mercury_lock(&lock);
	KT_EQ(counter, 1); /* only after the holder let go */
	mercury_unlock(&lock);
	KT_EQ(kt_join(&low), 0);
	/* Uncontended now: no wake-up left over. */
	mercury_lock(&lock);
	mercury_unlock(&lock);
	KT_EQ(lock.state, 0);
}
