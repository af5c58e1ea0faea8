/*
 * Timeouts (timeout.c): tasks blocked in WAIT or POLL until a deadline, on one list ordered by
 * deadline. The timer tick ends every wait whose deadline has come with HELIOS_ERR_TIMED_OUT;
 * a wait that ends otherwise (signalled, suspended, destroyed) leaves the list as the task is
 * detached from what it waited on (task.c).
 */
#ifndef HELIOS_KERNEL_TIMEOUT_H
#define HELIOS_KERNEL_TIMEOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/task.h"

/* Whether a wait with this deadline (0: none) is already over at `now`. */
static inline bool timeout_passed(uint64_t deadline, uint64_t now)
{
	return deadline != 0 && deadline <= now;
}

/* Puts a task that has just blocked on the list; a deadline of 0 does nothing. */
void timeout_arm(struct task *t, uint64_t deadline);
/* Takes it off the list, if it is on it. */
void timeout_disarm(struct task *t);
/* Ends, with HELIOS_ERR_TIMED_OUT, every wait whose deadline is at or before `now`. */
void timeout_expire(uint64_t now);

#endif
