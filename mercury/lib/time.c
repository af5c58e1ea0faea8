/* The clock and sleeping (time.h). */
#include <stdint.h>

#include <helios/rt/mem.h>
#include <helios/rt/syscall.h>
#include <mercury/lock.h>
#include <mercury/time.h>

static struct mercury_lock lock = MERCURY_LOCK_INIT;
static helios_caddr_t never_signalled = HELIOS_CADDR_UNDEF;

uint64_t mercury_clock_ns(void)
{
	return helios_clock();
}

/* The notification sleepers wait on, made on first use. */
static int sleeping_notification(helios_caddr_t *n)
{
	int err = HELIOS_OK;
	mercury_lock(&lock);
	if (never_signalled == HELIOS_CADDR_UNDEF)
		err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &never_signalled);
	*n = never_signalled;
	mercury_unlock(&lock);
	return err;
}

int mercury_sleep_until(uint64_t deadline)
{
	helios_caddr_t n;
	int err = sleeping_notification(&n);
	if (err)
		return err;
	if (deadline == 0)
		return HELIOS_OK; /* 0 would mean no deadline: the clock is past it anyway */
	err = helios_wait_until(n, deadline, NULL);
	return err == HELIOS_ERR_TIMED_OUT ? HELIOS_OK : err;
}

int mercury_sleep_ns(uint64_t ns)
{
	uint64_t now = helios_clock();
	uint64_t deadline = ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
	return mercury_sleep_until(deadline);
}
