/*
 * Notifications: signal ORs a badge into the word and never blocks; wait returns the word and
 * clears it, blocking while nothing was signalled (ipc.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/ipc.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

void notification_signal(struct notification *n, uint64_t badge)
{
	struct task *waiter = n->waiters.head;
	if (waiter) {
		/* Someone waits, so nothing is pending: hand over just this badge. */
		task_queue_remove(&n->waiters, waiter);
		waiter->ipc.object = NULL;
		task_set_result(waiter, HELIOS_OK, badge);
		task_wake(waiter);
		return;
	}
	n->word |= badge;
	n->pending = 1;
	poll_notify(&n->pollers);
}

void notification_wait(struct task *t, struct notification *n, bool blocking)
{
	if (n->pending) {
		task_set_result(t, HELIOS_OK, n->word);
		n->word = 0;
		n->pending = 0;
		return;
	}
	if (!blocking) {
		task_set_result(t, HELIOS_ERR_WOULD_BLOCK, 0);
		return;
	}
	sched_dequeue(t);
	t->state = HELIOS_TASK_BLOCKED_WAIT;
	t->ipc.object = n;
	t->ipc.restartable = true;
	task_queue_append(&n->waiters, t);
}

void notification_finalize(struct notification *n)
{
	task_queue_abort(&n->waiters);
	poll_notify(&n->pollers);
}

uint64_t notification_object_size(void)
{
	return sizeof(struct notification);
}

unsigned notification_ready(const struct notification *n)
{
	return n->pending ? HELIOS_POLL_RECV : 0;
}
