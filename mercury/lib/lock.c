/*
 * The mutex of lock.h: three states in one word (free, held, held and contended), a
 * notification to sleep on. A waiter marks the lock contended before it sleeps, so the holder
 * signals on unlock; a signal sent before the waiter sleeps stays in the notification word,
 * so no wake-up is lost. A woken waiter takes the lock as contended again: it cannot know
 * whether others still sleep.
 *
 * The notification may appear while an unlock is under way: the waiter publishes it and then
 * reads the state, the holder frees the state and then reads the notification, all in one
 * total order (seq_cst), so either the waiter sees the lock free or the holder signals.
 */
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/mem.h>
#include <helios/rt/syscall.h>
#include <mercury/lock.h>

#define SC __ATOMIC_SEQ_CST

int mercury_lock_prepare(struct mercury_lock *l)
{
	if (__atomic_load_n(&l->notification, SC) != HELIOS_CADDR_UNDEF)
		return HELIOS_OK;
	helios_caddr_t n;
	int err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &n);
	if (err)
		return err;
	helios_caddr_t none = HELIOS_CADDR_UNDEF;
	if (!__atomic_compare_exchange_n(&l->notification, &none, n, 0, SC, SC))
		rt_free(n); /* another thread made one first */
	return HELIOS_OK;
}

/* Sleeps until the holder signals (or yields once when there is nothing to sleep on); returns
 * at once if the lock changed hands meanwhile. */
static void wait_for_holder(struct mercury_lock *l)
{
	if (mercury_lock_prepare(l) != HELIOS_OK) {
		helios_yield();
		return;
	}
	if (__atomic_load_n(&l->state, SC) == 2)
		helios_wait(l->notification, NULL);
}

void mercury_lock(struct mercury_lock *l)
{
	uint32_t free = 0;
	if (__atomic_compare_exchange_n(&l->state, &free, 1, 0, SC, SC))
		return;
	while (__atomic_exchange_n(&l->state, 2, SC) != 0)
		wait_for_holder(l);
}

void mercury_unlock(struct mercury_lock *l)
{
	if (__atomic_exchange_n(&l->state, 0, SC) == 2) {
		helios_caddr_t n = __atomic_load_n(&l->notification, SC);
		if (n != HELIOS_CADDR_UNDEF)
			helios_signal(n);
	}
}
