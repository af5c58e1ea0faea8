/*
 * Endpoints (endpoint.c): synchronous rendezvous, call and reply, and fault delivery.
 *
 * An endpoint is a queue of tasks all waiting to send or all waiting to receive (FIFO: the
 * longest-blocked goes first). A message moves at the rendezvous, straight from the sender's
 * saved registers and IPC buffer to the receiver's: nothing is buffered in the kernel. A CALL
 * leaves the receiver a one-shot reply capability in its reply slot, which answers the caller.
 * Zero-filled memory is a valid idle endpoint.
 */
#ifndef HELIOS_KERNEL_ENDPOINT_H
#define HELIOS_KERNEL_ENDPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/compiler.h"
#include "helios/kernel/object.h"
#include "helios/kernel/outcome.h"
#include "helios/kernel/task.h"
#include "helios/kernel/task_queue.h"

enum endpoint_state { ENDPOINT_IDLE = 0, ENDPOINT_SENDING = 1, ENDPOINT_RECEIVING = 2 };

struct endpoint {
	struct task_queue queue;
	uint32_t state;               /* enum endpoint_state */
	uint32_t reserved;
	struct poll_link *pollers;
	uint64_t reserved2[4];
};

/* How a send waits: not at all (NBSEND), until received (SEND), or for the reply too (CALL,
 * and a fault). */
enum send_mode { SEND_NONBLOCKING, SEND_BLOCKING, SEND_CALL };
/* Whether a receive with no sender waiting blocks (RECV) or returns WOULD_BLOCK (NBRECV). */
enum receive_mode { RECEIVE_NONBLOCKING, RECEIVE_BLOCKING };

/* SEND, NBSEND, CALL through the endpoint capability `cap`: completes, or blocks the sender. */
struct outcome endpoint_send(struct task *sender, struct cap *cap, enum send_mode mode);
/* RECV, NBRECV: receives a message (its badge is the outcome's value), or blocks. */
struct outcome endpoint_receive(struct task *receiver, struct cap *cap, enum receive_mode mode);
/* Answers the caller held in the reply capability `reply` with the message in `from`'s
 * registers, and consumes the capability: the status (DELETED: the caller is gone). */
int reply_send(struct task *from, struct cap *reply);
/* Delivers a fault of the current task to its fault endpoint: false when it has none. */
bool endpoint_send_fault(struct task *t);
/* Checks an outgoing message's tag against the sender's IPC buffer: INVALID_PARAM. */
int ipc_check_tag(struct task *sender, uint64_t tag);
/* HELIOS_POLL_RECV while a sender waits, HELIOS_POLL_SEND while a receiver does. */
unsigned endpoint_ready(const struct endpoint *e);

/* Takes the task at the head of an endpoint's queue off it. */
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
	t->ipc.object = NULL; /* (t->next is stale until it is queued again, which sets it) */
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

/*
 * The steps of a rendezvous, shared by endpoint.c and the fastpath (fastpath.c). Always
 * inlined (compiler.h).
 */
/* A message with at most the register parameters and nothing else: no capabilities, no move
 * bit, no reserved bits (the tag below its label holds only a count of at most four). */
static always_inline bool ipc_register_only(uint64_t tag)
{
	return (tag & ((1ull << HELIOS_TAG_LABEL_SHIFT) - 1)) <= HELIOS_MSG_REG_PARAMS;
}
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

#endif
