/* Reading the MC146818 through ports 0x70-0x71 (cmos_ports.h). */
#include "venus/cmos_rtc/cmos_ports.h"

#include <stdbool.h>

#include <helios/rt/invoke.h>

#include "venus/ipc/rtc.ipc.h"

/*
 * Polls of status A while an update is in progress. The flag is up at most about 2 ms (244 us
 * before the update and the update itself); a poll is two system calls, a microsecond or more,
 * so this is several times that, and a clock stuck in update ends the wait.
 */
#define CMOS_UPDATE_POLLS 20000
/* Readings of the whole time before giving up on two in a row agreeing: a second boundary
 * spoils at most one pair, so more than a few disagreements mean a clock that never settles. */
#define CMOS_READ_ATTEMPTS 8

int cmos_read_register(helios_caddr_t ports, uint8_t reg, uint8_t *value)
{
	int err = helios_io_port_out8(ports, CMOS_PORT_INDEX, reg & 0x7f);
	return err ? err : helios_io_port_in8(ports, CMOS_PORT_DATA, value);
}

/* Waits, bounded, until status A says no update is in progress. */
static int wait_no_update(helios_caddr_t ports)
{
	for (int i = 0; i < CMOS_UPDATE_POLLS; i++) {
		uint8_t a;
		int err = cmos_read_register(ports, CMOS_STATUS_A, &a);
		if (err || !(a & CMOS_A_UPDATING))
			return err;
	}
	return VENUS_RTC_ERROR_NOT_SET;
}

static int read_once(helios_caddr_t ports, struct cmos_time *t)
{
	const struct {
		uint8_t reg;
		uint8_t *into;
	} fields[] = {
		{ CMOS_SECONDS, &t->seconds },	 { CMOS_MINUTES, &t->minutes },
		{ CMOS_HOURS, &t->hours },	 { CMOS_DAY, &t->day },
		{ CMOS_MONTH, &t->month },	 { CMOS_YEAR, &t->year },
		{ CMOS_CENTURY, &t->century },	 { CMOS_STATUS_B, &t->status_b },
		{ CMOS_STATUS_D, &t->status_d },
	};
	int err = wait_no_update(ports);
	for (unsigned i = 0; !err && i < sizeof(fields) / sizeof(fields[0]); i++)
		err = cmos_read_register(ports, fields[i].reg, fields[i].into);
	return err;
}

static bool same_time(const struct cmos_time *a, const struct cmos_time *b)
{
	return a->seconds == b->seconds && a->minutes == b->minutes && a->hours == b->hours &&
	       a->day == b->day && a->month == b->month && a->year == b->year &&
	       a->century == b->century && a->status_b == b->status_b &&
	       a->status_d == b->status_d;
}

int cmos_read_time(helios_caddr_t ports, struct cmos_time *t)
{
	struct cmos_time before;
	int err = read_once(ports, &before);
	for (int i = 0; !err && i < CMOS_READ_ATTEMPTS; i++) {
		err = read_once(ports, t);
		if (!err && same_time(&before, t))
			return HELIOS_OK;
		before = *t;
	}
	return err ? err : VENUS_RTC_ERROR_NOT_SET;
}
