/*
 * The timeout list (timeout.h): a doubly linked list through the tasks themselves, ordered by
 * deadline, so the tick looks only at its head. Arming is a walk from the tail: deadlines
 * mostly come in increasing order.
 */
#include "helios/kernel/timeout.h"

#include <stddef.h>

static struct task *head, *tail;

void timeout_arm(struct task *t, uint64_t deadline)
{
	if (deadline == 0)
		return;
	t->deadline = deadline;
	struct task *after = tail;
	while (after && after->deadline > deadline)
		after = after->timeout_prev;
	t->timeout_prev = after;
	t->timeout_next = after ? after->timeout_next : head;
	if (t->timeout_next)
		t->timeout_next->timeout_prev = t;
	else
		tail = t;
	if (after)
		after->timeout_next = t;
	else
		head = t;
}

void timeout_disarm(struct task *t)
{
	if (t->deadline == 0)
		return;
	if (t->timeout_prev)
		t->timeout_prev->timeout_next = t->timeout_next;
	else
		head = t->timeout_next;
	if (t->timeout_next)
		t->timeout_next->timeout_prev = t->timeout_prev;
	else
		tail = t->timeout_prev;
	t->timeout_next = t->timeout_prev = NULL;
	t->deadline = 0;
}

void timeout_expire(void)
{
	if (!head)
		return;
	uint64_t now = arch_clock_ns();
	/* task_complete wakes the task, which detaches it, which disarms it: the head moves. */
	while (head && head->deadline <= now)
		task_complete(head, HELIOS_ERR_TIMED_OUT, 0);
}
