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

void task_queue_append(struct task_queue *q, struct task *t);
void task_queue_remove(struct task_queue *q, struct task *t);
/* Takes a task off an endpoint's queue; the endpoint goes idle when the queue empties. */
void endpoint_remove(struct endpoint *e, struct task *t);

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
