/*
 * Poll (poll.c): wait until one of several endpoints, notifications or IRQ handlers is ready.
 * Objects call poll_notify when they may have become ready.
 */
#ifndef HELIOS_KERNEL_POLL_H
#define HELIOS_KERNEL_POLL_H

#include "helios/kernel/outcome.h"
#include "helios/kernel/task.h"

/* POLL (count, deadline): the items are in t's IPC buffer. Ready count, or blocks t until
 * `deadline` of the monotonic clock (0: none); TIMED_OUT at once when it has passed. */
struct outcome poll_syscall(struct task *t, uint64_t count, uint64_t deadline);
/* Wakes every task polling on the list, to poll again. */
void poll_notify(struct poll_link **pollers);
/* Takes a polling task off every list (wake, suspend, destroy). */
void poll_detach(struct task *t);

#endif
