/*
 * The MC146818's time registers, as read, into seconds since 1970 (README.md). Nothing the
 * clock reports is trusted: every field is checked, so a month 13 or a BCD digit above 9 is
 * "not a time", never a wrong one. Pure C, host-tested.
 */
#ifndef VENUS_CMOS_RTC_CMOS_TIME_H
#define VENUS_CMOS_RTC_CMOS_TIME_H

#include <stdbool.h>
#include <stdint.h>

/* CMOS register numbers (the index written to port 0x70). */
enum cmos_register {
	CMOS_SECONDS = 0x00,
	CMOS_MINUTES = 0x02,
	CMOS_HOURS = 0x04,
	CMOS_DAY = 0x07,
	CMOS_MONTH = 0x08,
	CMOS_YEAR = 0x09,
	CMOS_STATUS_A = 0x0a,
	CMOS_STATUS_B = 0x0b,
	CMOS_STATUS_D = 0x0d,
	CMOS_CENTURY = 0x32, /* not the MC146818's own: the IBM PC's century byte */
};

#define CMOS_A_UPDATING 0x80 /* status A: update in progress, the time registers may change */
#define CMOS_B_24_HOUR 0x02  /* status B: hours 0-23 (else 1-12, bit 7 set after noon) */
#define CMOS_B_BINARY 0x04   /* status B: binary values (else BCD) */
#define CMOS_D_VALID 0x80    /* status D: the battery kept the time (valid RAM and time) */
#define CMOS_HOUR_PM 0x80    /* the hours register in 12-hour mode: after noon */

/* The registers that make a time, as the clock reported them. */
struct cmos_time {
	uint8_t seconds, minutes, hours, day, month, year, century;
	uint8_t status_b, status_d;
};

/* A BCD byte (two digits 0-9) into *value; false when a digit is above 9. */
bool cmos_bcd_decode(uint8_t bcd, uint8_t *value);

/*
 * The time `t` holds as seconds since 1970-01-01 00:00:00 UTC (the clock is taken to keep
 * UTC), or false when it holds none: status D says the time was lost, a field is not BCD in
 * BCD mode or out of its range (seconds 0-59, minutes 0-59, hours 0-23 or 1-12, a day of the
 * month, month 1-12, year 0-99), or the date is before 1970. The century is its register when
 * that is plausible (19-99), else 20.
 */
bool cmos_time_to_unix(const struct cmos_time *t, uint64_t *seconds);

#endif
