/*
 * What supervisors share (sysinit for its programs, the device manager for its drivers): how
 * a task's end is logged, whether it is started again, and the backoff before it is.
 */
#ifndef MERCURY_RESTART_H
#define MERCURY_RESTART_H

#include <stdbool.h>

#include <mercury/task.h>

/* Restarts of one program before its supervisor gives up on it, and the backoff before
 * restart n (from 1): none before the first (a crash is most often a one-off, and its clients
 * wait), then MERCURY_BACKOFF_MS << (n - 2) milliseconds of sleep. */
#define MERCURY_RESTART_MAX 3
#define MERCURY_BACKOFF_MS 10u

/* Prints "<who>: <name>: exited with status S" or "<who>: <name>: fault <type> at ...". */
void mercury_task_event_print(const char *who, const char *name,
			      const struct mercury_task_event *ev);

/*
 * Whether a task that ended with `ev` is started again: only a restartable one, only when it
 * faulted or exited with a nonzero status, and only while *restarts < MERCURY_RESTART_MAX.
 * When it is, counts the restart in *restarts, prints "<who>: <name>: restarting (restart n
 * of 3)" after the backoff, and returns true; when its budget is spent, says so.
 */
bool mercury_restart_due(const char *who, const char *name, bool restartable,
			 const struct mercury_task_event *ev, unsigned *restarts);

/*
 * Waits on `supervisor` for the end of one of `count` children, whose exits and faults come
 * badged 1..count, that `running(ctx, index)` says is running: 0 with *ev and its *index, or
 * the receive's error (said on the console). Anything else that arrives is said to be
 * unexpected (`WHO: unexpected message ...`) and skipped.
 */
int mercury_child_wait(const char *who, helios_caddr_t supervisor, unsigned count,
		       bool (*running)(void *ctx, unsigned index), void *ctx,
		       struct mercury_task_event *ev, unsigned *index);

#endif
