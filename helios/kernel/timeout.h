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

#include "helios/kernel/arch.h"
#include "helios/kernel/task.h"

/* Whether a wait with this deadline (0: none) is already over: the clock is read only for a
 * real deadline, so a plain WAIT costs one test. */
static inline bool timeout_passed(uint64_t deadline)
{
	return deadline != 0 && deadline <= arch_clock_ns();
}

/* Puts a task that has just blocked on the list; a deadline of 0 does nothing. */
void timeout_arm(struct task *t, uint64_t deadline);
/* Takes it off the list, if it is on it. */
void timeout_disarm(struct task *t);
/* The tick: ends, with HELIOS_ERR_TIMED_OUT, every wait whose deadline has come (the clock is
 * read only when some wait has a deadline). */
void timeout_expire(void);

#endif
