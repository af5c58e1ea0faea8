/*
 * The clock and timeouts: CLOCK advances and never goes back; WAIT and POLL with a deadline
 * end with TIMED_OUT at it (at once when it has passed, and never before it), a signal first
 * ends them normally and takes them off the timeout list, deadlines fire in their order, and a
 * suspended waiter keeps its absolute deadline for when its wait restarts.
 */
#include "helios/tests/ktest.h"

#define MS 1000000ull

/* Upper bounds are loose: the guest may lose host time to a busy machine; lower bounds are
 * what the kernel promises. */
#define LATE_MAX (500 * MS)

KTEST(clock_advances_and_never_goes_back)
{
	uint64_t first = helios_clock(), last = first;
	for (int i = 0; i < 1000; i++) {
		uint64_t now = helios_clock();
		KT_CHECK(now >= last);
		last = now;
	}
	/* A wait with a deadline lets time pass: at least 2 ms of it. */
	KT_ERR(helios_wait_until(kt_notification(), last + 2 * MS, NULL), HELIOS_ERR_TIMED_OUT);
	KT_CHECK(helios_clock() >= last + 2 * MS);
	KT_CHECK(helios_clock() > first);
}

KTEST(wait_until_times_out_at_its_deadline)
{
	helios_caddr_t n = kt_notification();
	uint64_t deadline = helios_clock() + 5 * MS;
	uint64_t word = 7;
	KT_ERR(helios_wait_until(n, deadline, &word), HELIOS_ERR_TIMED_OUT);
	uint64_t now = helios_clock();
	KT_CHECK(now >= deadline);
	KT_CHECK(now - deadline < LATE_MAX);
	KT_EQ(word, 0);
}

KTEST(wait_until_a_past_deadline_does_not_block)
{
	helios_caddr_t n = kt_notification();
	KT_ERR(helios_wait_until(n, 1, NULL), HELIOS_ERR_TIMED_OUT);
	/* Something pending is taken, whatever the deadline. */
	KT_OK(helios_signal(kt_mint(n, HELIOS_RIGHT_WRITE, 0x40)));
	uint64_t word = 0;
	KT_OK(helios_wait_until(n, 1, &word));
	KT_EQ(word, 0x40);
	/* A deadline of 0 is none: NBWAIT's answer shows the wait would block. */
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
}

struct sleeper {
	helios_caddr_t n;
	uint64_t deadline, woke, word;
	int err;
	int second_err;
	helios_caddr_t second;
};

static int sleep_main(void *arg)
{
	struct sleeper *s = arg;
	s->err = helios_wait_until(s->n, s->deadline, &s->word);
	s->woke = helios_clock();
	if (s->second != HELIOS_CADDR_UNDEF)
		s->second_err = helios_wait(s->second, NULL); /* no deadline */
	return s->err;
}

/* A signal before the deadline ends the wait normally; its timeout is gone with it, so the
 * thread's next wait (without a deadline) is not ended when the first deadline comes. */
KTEST(signal_before_the_deadline_cancels_the_timeout)
{
	struct sleeper s = { .n = kt_notification(), .second = kt_notification() };
	s.deadline = helios_clock() + 20 * MS;
	struct rt_thread t;
	kt_spawn(&t, sleep_main, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_WAIT);
	KT_OK(helios_signal(kt_mint(s.n, HELIOS_RIGHT_WRITE, 5)));
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_WAIT); /* now in its second wait */
	KT_OK(s.err);
	KT_EQ(s.word, 5);
	KT_CHECK(s.woke < s.deadline);
	KT_ERR(helios_wait_until(kt_notification(), s.deadline + 20 * MS, NULL),
	       HELIOS_ERR_TIMED_OUT);
	KT_EQ(kt_state(t.task), HELIOS_TASK_BLOCKED_WAIT);
	KT_OK(helios_signal(s.second));
	KT_OK(kt_join(&t));
	KT_OK(s.second_err);
}

static int poll_main(void *arg)
{
	struct sleeper *s = arg;
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ s->n, HELIOS_POLL_RECV, 0 };
	unsigned ready = 0;
	s->err = helios_poll_until(1, s->deadline, &ready);
	s->woke = helios_clock();
	s->word = ready;
	return s->err;
}

KTEST(poll_until_times_out_or_answers_first)
{
	struct sleeper s = { .n = kt_notification(), .second = HELIOS_CADDR_UNDEF };
	s.deadline = helios_clock() + 5 * MS;
	struct rt_thread t;
	kt_spawn(&t, poll_main, &s, KT_PRIORITY);
	KT_ERR(kt_join(&t), HELIOS_ERR_TIMED_OUT);
	KT_CHECK(s.woke >= s.deadline);
	KT_CHECK(s.woke - s.deadline < LATE_MAX);
	/* Ready before the deadline: the ready count, long before it. */
	s.deadline = helios_clock() + 10000 * MS;
	kt_spawn(&t, poll_main, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_POLL);
	KT_OK(helios_signal(s.n));
	KT_OK(kt_join(&t));
	KT_EQ(s.word, 1);
	KT_CHECK(s.woke < s.deadline);
	/* A passed deadline and nothing ready: at once. */
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ kt_notification(), HELIOS_POLL_RECV,
							      0 };
	KT_ERR(helios_poll_until(1, 1, NULL), HELIOS_ERR_TIMED_OUT);
}

KTEST(deadlines_fire_in_their_order)
{
	static const unsigned offsets_ms[] = { 30, 10, 20, 15 };
	enum { N = KT_COUNT(offsets_ms) };
	struct sleeper s[N];
	struct rt_thread t[N];
	uint64_t start = helios_clock();
	for (unsigned i = 0; i < N; i++) {
		s[i] = (struct sleeper){ .n = kt_notification(), .second = HELIOS_CADDR_UNDEF,
					 .deadline = start + offsets_ms[i] * MS };
		kt_spawn(&t[i], sleep_main, &s[i], KT_PRIORITY);
	}
	for (unsigned i = 0; i < N; i++) {
		KT_ERR(kt_join(&t[i]), HELIOS_ERR_TIMED_OUT);
		KT_CHECK(s[i].woke >= s[i].deadline);
	}
	/* Each woke no earlier than every sleeper with an earlier deadline. */
	for (unsigned i = 0; i < N; i++)
		for (unsigned k = 0; k < N; k++)
			if (s[k].deadline < s[i].deadline)
				KT_CHECK(s[k].woke <= s[i].woke);
}

/* A suspended waiter is off the timeout list; resumed after its deadline, its wait restarts
 * with the same absolute deadline and ends at once. */
KTEST(a_suspended_waiter_keeps_its_absolute_deadline)
{
	struct sleeper s = { .n = kt_notification(), .second = HELIOS_CADDR_UNDEF };
	s.deadline = helios_clock() + 10 * MS;
	struct rt_thread t;
	kt_spawn(&t, sleep_main, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_WAIT);
	KT_OK(helios_task_suspend(t.task));
	KT_ERR(helios_wait_until(kt_notification(), s.deadline + 20 * MS, NULL),
	       HELIOS_ERR_TIMED_OUT);
	KT_EQ(kt_state(t.task), HELIOS_TASK_INACTIVE);
	KT_OK(helios_task_resume(t.task));
	KT_ERR(kt_join(&t), HELIOS_ERR_TIMED_OUT);
	KT_CHECK(s.woke >= s.deadline + 20 * MS);
}

/* The figure the issue asks for: a 100 ms sleep takes at least 100 ms of guest time (the
 * upper bound of 200 ms is checked under -icount, where guest time is exact: venus/time). */
KTEST(a_sleep_of_100_ms_takes_at_least_100_ms)
{
	uint64_t start = helios_clock();
	KT_ERR(helios_wait_until(kt_notification(), start + 100 * MS, NULL), HELIOS_ERR_TIMED_OUT);
	uint64_t took = helios_clock() - start;
	KT_CHECK(took >= 100 * MS);
	KT_CHECK(took < 100 * MS + LATE_MAX);
}
