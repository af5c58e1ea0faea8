/*
 * FIFO queues of blocked tasks (an endpoint's senders or receivers, a notification's
 * waiters), linked through task.next/prev: a blocked task is on no ready queue.
 */
#ifndef HELIOS_KERNEL_TASK_QUEUE_H
#define HELIOS_KERNEL_TASK_QUEUE_H

#include <stddef.h>

#include "helios/kernel/compiler.h"
#include "helios/kernel/task.h"

struct task_queue {
	struct task *head, *tail;
};

static always_inline void task_queue_append(struct task_queue *q, struct task *t)
{
	t->next = NULL;
	t->prev = q->tail;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

static inline void task_queue_remove(struct task_queue *q, struct task *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		q->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		q->tail = t->prev;
	t->next = t->prev = NULL;
}

/* Wakes every task on the queue with HELIOS_ERR_DELETED (its object was destroyed); a
 * faulted task is woken to retry its instruction instead. */
void task_queue_abort(struct task_queue *q);

#endif
