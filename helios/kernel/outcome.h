/*
 * What a syscall did for the task that made it: the status and value its registers return
 * (abi.h: the error code, and the word beside it), written back once, by kernel_syscall. An
 * operation that blocked its caller has no outcome yet: whoever wakes the caller writes one
 * then (task_complete).
 */
#ifndef HELIOS_KERNEL_OUTCOME_H
#define HELIOS_KERNEL_OUTCOME_H

#include <stdint.h>

#include <helios/abi.h>

struct outcome {
	int status;     /* enum helios_error, or OUTCOME_PENDING */
	uint64_t value; /* a receive's badge, a notification's word, a poll's ready count... */
};

/* Nothing to write now: the caller blocked, or it no longer exists. */
#define OUTCOME_PENDING (-1)

static inline struct outcome outcome(int status, uint64_t value)
{
	return (struct outcome){ .status = status, .value = value };
}

/* A status alone (the value register 0): OK, or an error. */
static inline struct outcome outcome_status(int status)
{
	return outcome(status, 0);
}

static inline struct outcome outcome_pending(void)
{
	return outcome(OUTCOME_PENDING, 0);
}

#endif
