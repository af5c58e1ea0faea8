/*
 * Notifications: signal and wait in both orders, badges ORed into the word, the word cleared
 * by a wait, non-blocking wait, rights, send and recv on a notification, FIFO waiters,
 * deletion.
 */
#include "helios/tests/ktest.h"

struct waiter {
	helios_caddr_t n;
	uint64_t word;
	int err;
};

static int wait_main(void *arg)
{
	struct waiter *w = arg;
	w->err = helios_wait(w->n, &w->word);
	return w->err;
}

static void waiter_start(struct rt_thread *t, struct waiter *w, helios_caddr_t n)
{
	*w = (struct waiter){ .n = n, .word = ~0ull };
	kt_spawn(t, wait_main, w, KT_PRIORITY);
	kt_wait_state(t->task, HELIOS_TASK_BLOCKED_WAIT);
}

KTEST(notification_signal_then_wait)
{
	helios_caddr_t n = kt_notification();
	helios_caddr_t b = kt_mint(n, HELIOS_RIGHT_WRITE, 0x10);
	KT_OK(helios_signal(b));
	uint64_t word = 0;
	KT_OK(helios_wait(n, &word));
	KT_EQ(word, 0x10);
}

KTEST(notification_wait_then_signal)
{
	helios_caddr_t n = kt_notification();
	struct waiter w;
	struct rt_thread t;
	waiter_start(&t, &w, n);
	KT_OK(helios_signal(kt_mint(n, HELIOS_RIGHT_WRITE, 0x2000)));
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(w.word, 0x2000);
	/* The badge went to the waiter: nothing is left pending. */
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(notification_badges_accumulate)
{
	helios_caddr_t n = kt_notification();
	uint64_t badges[] = { 1, 2, 8, 1ull << 63, 2 };
	for (int i = 0; i < 5; i++)
		KT_OK(helios_signal(kt_mint(n, HELIOS_RIGHT_WRITE, badges[i])));
	uint64_t word = 0;
	KT_OK(helios_nbwait(n, &word));
	KT_EQ(word, 1 | 2 | 8 | 1ull << 63);
	KT_ERR(helios_nbwait(n, &word), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(notification_unbadged_signal_counts)
{
	helios_caddr_t n = kt_notification();
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
	KT_OK(helios_signal(n));
	uint64_t word = 5;
	KT_OK(helios_nbwait(n, &word));
	KT_EQ(word, 0);
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(notification_signal_never_blocks)
{
	helios_caddr_t n = kt_notification();
	for (int i = 0; i < 1000; i++)
		KT_OK(helios_signal(n));
	KT_OK(helios_nbwait(n, NULL));
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(notification_rights)
{
	helios_caddr_t n = kt_notification();
	helios_caddr_t ro = kt_copy(n, HELIOS_RIGHT_READ), wo = kt_copy(n, HELIOS_RIGHT_WRITE);
	KT_ERR(helios_signal(ro), HELIOS_ERR_ACCESS);
	KT_ERR(helios_nbwait(wo, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_wait(wo, NULL), HELIOS_ERR_ACCESS);
	KT_OK(helios_signal(wo));
	KT_OK(helios_nbwait(ro, NULL));
}

/* Send on a notification is signal; recv on one is wait. */
KTEST(notification_send_and_recv)
{
	helios_caddr_t n = kt_notification(), b = kt_mint(n, HELIOS_RIGHTS_ALL, 0x40);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_OK(helios_send(b, &m));
	m = (struct helios_msg){ .tag = helios_tag(1, 0, 0) };
	KT_OK(helios_nbsend(b, &m));
	KT_OK(helios_recv(n, &m));
	KT_EQ(m.value, 0x40);
	KT_ERR(helios_nbrecv(n, &m), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(notification_waiters_fifo)
{
	helios_caddr_t n = kt_notification();
	struct waiter w[3];
	struct rt_thread t[3];
	for (int i = 0; i < 3; i++)
		waiter_start(&t[i], &w[i], n);
	for (int i = 0; i < 3; i++) {
		KT_OK(helios_signal(kt_mint(n, HELIOS_RIGHT_WRITE, 1ull << i)));
		KT_EQ(kt_join(&t[i]), HELIOS_OK);
		KT_EQ(w[i].word, 1ull << i);
	}
}

KTEST(notification_deleted_wakes_waiter)
{
	helios_caddr_t n = kt_notification();
	struct waiter w;
	struct rt_thread t;
	waiter_start(&t, &w, n);
	KT_OK(helios_cspace_delete(rt_cspace, n));
	KT_EQ(kt_join(&t), HELIOS_ERR_DELETED);
}

/* A higher-priority waiter runs as soon as it is signalled. */
KTEST(notification_wakes_higher_priority)
{
	helios_caddr_t n = kt_notification();
	struct waiter w = { .n = n, .word = ~0ull };
	struct rt_thread t;
	kt_spawn(&t, wait_main, &w, KT_PRIORITY - 5);
	KT_EQ(kt_state(t.task), HELIOS_TASK_READY); /* below us: it has not run */
	KT_OK(helios_task_set_priority(rt_self(), KT_PRIORITY - 10));
	KT_EQ(kt_state(t.task), HELIOS_TASK_BLOCKED_WAIT); /* above us now: it ran at once */
	KT_OK(helios_signal(kt_mint(n, HELIOS_RIGHT_WRITE, 3)));
	/* No yield needed: it has already run. */
	KT_EQ(w.word, 3);
	KT_EQ(kt_state(t.task), HELIOS_TASK_INACTIVE);
}
