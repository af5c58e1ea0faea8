/*
 * Sleeping, measured in guest time (README.md): booted as init under -icount shift=0,sleep=off,
 * where guest time is exact, a 100 ms sleep must take between 100 and 200 ms; eight threads
 * sleeping 10-80 ms at once must each sleep at least their own time and wake in that order.
 * Leaves QEMU with 0 when all of it held, 1 otherwise.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/thread.h>
#include <mercury/time.h>
#include <qemu/exit.h>

#define MS MERCURY_NS_PER_MS
#define SLEEPERS 8
#define SLEEPER_PRIORITY 100 /* below init's: main gets to start them all first */

struct sleeper {
	uint64_t ns, started, woke;
	int err;
};

static int sleeper_main(void *arg)
{
	struct sleeper *s = arg;
	s->started = mercury_clock_ns();
	s->err = mercury_sleep_ns(s->ns);
	s->woke = mercury_clock_ns();
	return s->err;
}

static bool one_sleep(void)
{
	uint64_t start = mercury_clock_ns();
	int err = mercury_sleep_ns(100 * MS);
	uint64_t took = mercury_clock_ns() - start;
	bool ok = !err && took >= 100 * MS && took < 200 * MS;
	rt_printf("sleep: 100 ms took %llu us: %s\n", (unsigned long long)(took / 1000),
		  ok ? "within 100-200 ms" : "OUT OF BOUNDS");
	return ok;
}

static bool many_sleepers(void)
{
	static struct sleeper s[SLEEPERS];
	static struct rt_thread t[SLEEPERS];
	/* Started longest first, so their deadlines arrive in the opposite order. */
	for (int i = 0; i < SLEEPERS; i++) {
		s[i] = (struct sleeper){ .ns = (uint64_t)(SLEEPERS - i) * 10 * MS };
		if (rt_thread_spawn(&t[i], sleeper_main, &s[i], SLEEPER_PRIORITY, HELIOS_CADDR_UNDEF))
			return false;
	}
	bool ok = true;
	for (int i = 0; i < SLEEPERS; i++) {
		rt_thread_join(&t[i], NULL);
		ok = ok && !s[i].err && s[i].woke - s[i].started >= s[i].ns;
		if (i > 0)
			ok = ok && s[i].woke <= s[i - 1].woke;
	}
	rt_printf("sleep: %d threads slept 10-80 ms each: %s\n", SLEEPERS,
		  ok ? "each at least its time, in deadline order" : "WRONG");
	return ok;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	bool ok = one_sleep();
	ok = many_sleepers() && ok;
	qemu_exit(ok ? 0 : 1);
	return ok ? 0 : 1;
}
