/*
 * Notifications: signal ORs a badge into the word and never blocks; wait returns the word and
 * clears it, blocking while nothing was signalled (notification.h).
 */
#include "helios/kernel/notification.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/poll.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/timeout.h"

void notification_signal(struct notification *n, uint64_t badge)
{
	struct task *waiter = n->waiters.head;
	if (waiter) {
		/* Someone waits, so nothing is pending: hand over just this badge. */
		task_queue_remove(&n->waiters, waiter);
		waiter->ipc.object = NULL;
		task_complete(waiter, HELIOS_OK, badge);
		return;
	}
	n->word |= badge;
	n->pending = 1;
	poll_notify(&n->pollers);
}

struct outcome notification_wait(struct task *t, struct notification *n, enum wait_mode mode,
				 uint64_t deadline)
{
	if (n->pending) {
		uint64_t word = n->word;
		n->word = 0;
		n->pending = 0;
		return outcome(HELIOS_OK, word);
	}
	if (mode == WAIT_NONBLOCKING)
		return outcome_status(HELIOS_ERR_WOULD_BLOCK);
	if (timeout_passed(deadline))
		return outcome_status(HELIOS_ERR_TIMED_OUT);
	sched_dequeue(t);
	t->state = HELIOS_TASK_BLOCKED_WAIT;
	t->ipc.object = n;
	t->ipc.restartable = true;
	task_queue_append(&n->waiters, t);
	timeout_arm(t, deadline);
	return outcome_pending();
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
