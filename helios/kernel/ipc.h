/*
 * Endpoints, notifications, reply capabilities and poll.
 *
 * An endpoint is a queue of tasks all waiting to send or all waiting to receive (FIFO: the
 * longest-blocked goes first). A message moves at the rendezvous, straight from the sender's
 * saved registers and IPC buffer to the receiver's: nothing is buffered in the kernel.
 * A notification is a word that signal ORs badges into, and a queue of waiters. Zero-filled
 * memory is a valid empty endpoint or notification.
 */
#ifndef HELIOS_KERNEL_IPC_H
#define HELIOS_KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/compiler.h"
#include "helios/kernel/object.h"
#include "helios/kernel/task.h"

enum endpoint_state { ENDPOINT_IDLE = 0, ENDPOINT_SENDING = 1, ENDPOINT_RECEIVING = 2 };

/* A FIFO of tasks, linked through task.next/prev (a blocked task is on no ready queue). */
struct task_queue {
	struct task *head, *tail;
};

struct endpoint {
	struct task_queue queue;
	uint32_t state;               /* enum endpoint_state */
	uint32_t reserved;
	struct poll_link *pollers;
	uint64_t reserved2[4];
};

struct notification {
	uint64_t word;                /* badges signalled since the last wait */
	uint32_t pending;             /* signalled (even with badge 0) since the last wait */
	uint32_t reserved;
	struct task_queue waiters;
	struct poll_link *pollers;
	uint64_t reserved2[3];
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

/* Takes the task at the head of an endpoint's queue off it (endpoint_remove's common case). */
static always_inline struct task *endpoint_pop(struct endpoint *e)
{
	struct task *t = e->queue.head;
	struct task *next = t->next;
	e->queue.head = next;
	if (next) {
		next->prev = NULL;
	} else {
		e->queue.tail = NULL;
		e->state = ENDPOINT_IDLE;
	}
	t->next = NULL;
	t->ipc.object = NULL;
	return t;
}

/* Takes a task off an endpoint's queue; the endpoint goes idle when the queue empties. */
static inline void endpoint_remove(struct endpoint *e, struct task *t)
{
	task_queue_remove(&e->queue, t);
	t->ipc.object = NULL;
	if (!e->queue.head)
		e->state = ENDPOINT_IDLE;
}

/* Endpoint operations for the syscalls. `cap` is the endpoint capability used. Each either
 * completes (setting the caller's results) or blocks the caller. */
void endpoint_send(struct task *sender, struct cap *cap, bool blocking, bool is_call);
void endpoint_receive(struct task *receiver, struct cap *cap, bool blocking);
/* Answers the caller held in the reply capability `reply` with the message in `from`'s
 * registers; consumes the reply capability. */
int reply_send(struct task *from, struct cap *reply);
/* Delivers a fault of the current task to its fault endpoint: false when it has none. */
bool endpoint_send_fault(struct task *t);
/* Checks an outgoing message's tag against the sender's IPC buffer: INVALID_PARAM. */
int ipc_check_tag(struct task *sender, uint64_t tag);

/*
 * The steps of a rendezvous, shared by the slow path above and the fastpath (fastpath.c).
 * Always inlined (compiler.h).
 */
/* Copies the four register parameters of a message. */
static always_inline void ipc_copy_registers(struct task *from, struct task *to)
{
	task_set_reg(to, SYSCALL_REG_P0, task_reg(from, SYSCALL_REG_P0));
	task_set_reg(to, SYSCALL_REG_P1, task_reg(from, SYSCALL_REG_P1));
	task_set_reg(to, SYSCALL_REG_P2, task_reg(from, SYSCALL_REG_P2));
	task_set_reg(to, SYSCALL_REG_P3, task_reg(from, SYSCALL_REG_P3));
}
/* A receive's results: status OK, the badge and the tag of the message that arrived. */
static always_inline void ipc_set_received(struct task *to, uint64_t badge, uint64_t tag)
{
	task_set_result(to, HELIOS_OK, badge);
	task_set_reg(to, SYSCALL_REG_TAG, tag);
}
/* Gives `server` (whose reply slot is empty) the reply capability that answers `caller`,
 * and makes caller wait for it. The caller is on no queue and not restartable (it ran, or
 * was just taken off an endpoint and made so). */
static always_inline void ipc_await_reply(struct task *server, struct task *caller, bool can_grant)
{
	uint8_t rights = HELIOS_RIGHT_WRITE | (can_grant ? HELIOS_RIGHT_GRANT : 0);
	cap_create_reply(&server->reply_cap, rights, (uintptr_t)caller);
	caller->state = HELIOS_TASK_BLOCKED_REPLY;
	caller->reply_holder = &server->reply_cap;
}
/* Queues the running task (on no ready queue) on e, blocked in a receive that is restarted
 * if it is suspended meanwhile (pollers are the caller's business). */
static always_inline void ipc_wait_receive(struct task *receiver, struct endpoint *e)
{
	receiver->state = HELIOS_TASK_BLOCKED_RECV;
	receiver->ipc.object = e;
	receiver->ipc.restartable = true;
	task_queue_append(&e->queue, receiver);
	e->state = ENDPOINT_RECEIVING;
}

/* Notifications. */
void notification_signal(struct notification *n, uint64_t badge);
void notification_wait(struct task *t, struct notification *n, bool blocking);

/* Poll: the syscall, and what objects call when they may have become ready. */
void poll_syscall(struct task *t, unsigned count);
void poll_notify(struct poll_link **pollers);
/* Takes a polling task off every list (wake, suspend, destroy). */
void poll_detach(struct task *t);

/* Whether an endpoint or notification is ready for HELIOS_POLL_* events. */
unsigned endpoint_ready(const struct endpoint *e);
unsigned notification_ready(const struct notification *n);

/* Wakes every task queued on the object with HELIOS_ERR_DELETED (object destroyed). */
void task_queue_abort(struct task_queue *q);

#endif
