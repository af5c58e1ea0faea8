/* Queues of blocked tasks (task_queue.h). */
#include <stddef.h>

#include "helios/kernel/task_queue.h"

void task_queue_abort(struct task_queue *q)
{
	struct task *t;
	while ((t = q->head)) {
		task_queue_remove(q, t);
		t->ipc.object = NULL;
		if (t->fault.pending) {
			t->fault.pending = false; /* it retries the instruction, and faults again */
			task_wake(t);
		} else {
			task_complete(t, HELIOS_ERR_DELETED, 0);
		}
	}
}
