/*
 * Scheduling: the highest priority runs first, a higher-priority task preempts at once when
 * it becomes ready, equal priorities share the CPU in FIFO order through yield and the timer's
 * time slices.
 */
#include "helios/tests/ktest.h"

static volatile int flag;
static volatile char order[16];
static volatile int order_len;

static int set_flag(void *arg)
{
	flag = (int)(uintptr_t)arg;
	return 0;
}

static int record(void *arg)
{
	order[__atomic_fetch_add(&order_len, 1, __ATOMIC_SEQ_CST)] = (char)(uintptr_t)arg;
	return 0;
}

KTEST(sched_higher_priority_runs_at_once)
{
	flag = 0;
	struct rt_thread t;
	kt_create(&t, set_flag, (void *)1, KT_PRIORITY);
	KT_OK(helios_task_set_priority(rt_self(), KT_PRIORITY - 50));
	KT_OK(rt_thread_start(&t));
	KT_EQ(flag, 1); /* it ran before the resume returned to us */
}

KTEST(sched_lower_priority_waits)
{
	flag = 0;
	struct rt_thread t;
	kt_spawn(&t, set_flag, (void *)2, KT_PRIORITY - 50);
	kt_spin_ms(20);
	kt_yield(10);
	KT_EQ(flag, 0);
	kt_join(&t); /* blocking lets it run */
	KT_EQ(flag, 2);
}

KTEST(sched_highest_first)
{
	order_len = 0;
	struct rt_thread t[3];
	kt_create(&t[0], record, (void *)'L', 30);
	kt_create(&t[1], record, (void *)'M', 60);
	kt_create(&t[2], record, (void *)'H', 90);
	for (int i = 0; i < 3; i++)
		KT_OK(rt_thread_start(&t[i]));
	KT_EQ(order_len, 0);
	kt_join(&t[0]);
	KT_EQ(order_len, 3);
	KT_EQ(order[0], 'H');
	KT_EQ(order[1], 'M');
	KT_EQ(order[2], 'L');
}

KTEST(sched_equal_priority_fifo)
{
	order_len = 0;
	struct rt_thread t[4];
	for (int i = 0; i < 4; i++)
		kt_create(&t[i], record, (void *)(uintptr_t)('a' + i), 50);
	for (int i = 0; i < 4; i++)
		KT_OK(rt_thread_start(&t[i]));
	kt_join(&t[3]);
	KT_EQ(order_len, 4);
	for (int i = 0; i < 4; i++)
		KT_EQ(order[i], 'a' + i);
}

static int record_with_yields(void *arg)
{
	for (int i = 0; i < 6; i++) {
		record(arg);
		helios_yield();
	}
	return 0;
}

KTEST(sched_yield_alternates)
{
	order_len = 0;
	struct rt_thread a, b;
	kt_spawn(&a, record_with_yields, (void *)'A', KT_PRIORITY);
	kt_spawn(&b, record_with_yields, (void *)'B', KT_PRIORITY);
	kt_join(&a);
	kt_join(&b);
	KT_EQ(order_len, 12);
	int switches = 0;
	for (int i = 1; i < 12; i++)
		switches += order[i] != order[i - 1];
	/* Strict alternation gives 11; a timer tick in the wrong place may cost one or two. */
	if (switches < 8)
		KT_FAIL("only %d switches in %.12s", switches, (const char *)order);
}

static volatile int go;
static volatile uint64_t counts[2];

static int spin_until_go(void *arg)
{
	(void)arg;
	while (!go)
		;
	return 1;
}

static int spin_counting(void *arg)
{
	uint64_t i = (uint64_t)(uintptr_t)arg;
	while (!go)
		counts[i]++;
	return 0;
}

/* A thread that never makes a syscall is still preempted by the timer. */
KTEST(sched_timer_preemption)
{
	go = 0;
	struct rt_thread spinner, setter;
	kt_spawn(&spinner, spin_until_go, NULL, KT_PRIORITY);
	kt_spawn(&setter, set_flag, (void *)3, KT_PRIORITY);
	flag = 0;
	/* The spinner runs first; only a time slice ending lets the setter (and us) run. */
	kt_join(&setter);
	KT_EQ(flag, 3);
	go = 1;
	KT_EQ(kt_join(&spinner), 1);
}

/* Equal priorities share the CPU: everyone makes progress. */
KTEST(sched_time_slices_shared)
{
	go = 0;
	counts[0] = counts[1] = 0;
	struct rt_thread t[2];
	for (int i = 0; i < 2; i++)
		kt_spawn(&t[i], spin_counting, (void *)(uintptr_t)i, KT_PRIORITY);
	kt_spin_ms(80);
	go = 1;
	kt_join(&t[0]);
	kt_join(&t[1]);
	KT_CHECK(counts[0] > 0);
	KT_CHECK(counts[1] > 0);
}

KTEST(sched_priority_change)
{
	flag = 0;
	struct rt_thread t;
	kt_spawn(&t, set_flag, (void *)4, KT_PRIORITY - 60);
	kt_yield(5);
	KT_EQ(flag, 0);
	KT_OK(helios_task_set_priority(t.task, KT_PRIORITY));
	kt_yield(1);
	KT_EQ(flag, 4);
}

static int receive_and_flag(void *arg)
{
	struct helios_msg m;
	int err = helios_recv(*(helios_caddr_t *)arg, &m);
	flag = (int)helios_tag_label(m.tag);
	return err;
}

/* A message to a higher-priority receiver switches to it before the send returns. */
KTEST(sched_ipc_wakes_higher_priority)
{
	flag = 0;
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_and_flag, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	KT_OK(helios_task_set_priority(rt_self(), KT_PRIORITY - 1));
	struct helios_msg m = { .tag = helios_tag(5, 0, 0) };
	KT_OK(helios_send(ep, &m));
	KT_EQ(flag, 5);
}
