/*
 * A mutex for threads of one program. Uncontended, lock and unlock are one atomic operation
 * each; a thread that finds it taken sleeps on a notification until the holder lets go, so a
 * low-priority holder gets to run (a yield loop would starve it under priority scheduling).
 * The notification is allocated on first contention (mercury_lock_prepare does it at once);
 * without one (no memory left) waiters fall back to yielding.
 */
#ifndef MERCURY_LOCK_H
#define MERCURY_LOCK_H

#include <stdint.h>

#include <helios/abi.h>

struct mercury_lock {
	uint32_t state;              /* 0 free, 1 held, 2 held with (possible) waiters */
	helios_caddr_t notification; /* where waiters sleep; HELIOS_CADDR_UNDEF until needed */
};

#define MERCURY_LOCK_INIT { 0, HELIOS_CADDR_UNDEF }

/* Allocates the notification now rather than at the first contention: for locks that must not
 * allocate later (a test suite's global state). Returns a helios_error. */
int mercury_lock_prepare(struct mercury_lock *l);
void mercury_lock(struct mercury_lock *l);
void mercury_unlock(struct mercury_lock *l);

#endif
