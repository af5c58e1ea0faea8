/*
 * Notifications (notification.c): a word that signal ORs badges into, and a queue of waiters.
 * Signal never blocks; wait returns the word and clears it, blocking while nothing was
 * signalled. Zero-filled memory is a valid notification with nothing pending.
 */
#ifndef HELIOS_KERNEL_NOTIFICATION_H
#define HELIOS_KERNEL_NOTIFICATION_H

#include <stdint.h>

#include "helios/kernel/outcome.h"
#include "helios/kernel/task.h"
#include "helios/kernel/task_queue.h"

struct notification {
	uint64_t word;                /* badges signalled since the last wait */
	uint32_t pending;             /* signalled (even with badge 0) since the last wait */
	uint32_t reserved;
	struct task_queue waiters;
	struct poll_link *pollers;
	uint64_t reserved2[3];
};

/* Whether WAIT blocks while nothing is pending (WAIT) or returns WOULD_BLOCK (NBWAIT). */
enum wait_mode { WAIT_NONBLOCKING, WAIT_BLOCKING };

/* Hands the badge to the first waiter, or ORs it into the word. */
void notification_signal(struct notification *n, uint64_t badge);
/* The word (and clears it), or blocks t (until `deadline` of the monotonic clock, 0: none), or
 * WOULD_BLOCK; TIMED_OUT at once when the deadline has passed. */
struct outcome notification_wait(struct task *t, struct notification *n, enum wait_mode mode,
				 uint64_t deadline);
/* HELIOS_POLL_RECV while something is pending. */
unsigned notification_ready(const struct notification *n);

#endif
