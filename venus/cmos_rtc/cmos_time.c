/* The MC146818's time registers into seconds since 1970 (cmos_time.h). */
#include "venus/cmos_rtc/cmos_time.h"

#include "venus/cmos_rtc/civil.h"

#define CENTURY_PLAUSIBLE_FIRST 19
#define CENTURY_PLAUSIBLE_LAST 99
#define CENTURY_ASSUMED 20

bool cmos_bcd_decode(uint8_t bcd, uint8_t *value)
{
	uint8_t tens = bcd >> 4, ones = bcd & 0x0f;
	if (tens > 9 || ones > 9)
		return false;
	*value = (uint8_t)(tens * 10 + ones);
	return true;
}

/* A field in the clock's mode (binary or BCD) into *value if it is at most `max`. */
static bool field(const struct cmos_time *t, uint8_t raw, uint8_t max, uint8_t *value)
{
	uint8_t v = raw;
	if (!(t->status_b & CMOS_B_BINARY) && !cmos_bcd_decode(raw, &v))
		return false;
	if (v > max)
		return false;
	*value = v;
	return true;
}

/* The hours register into 0-23: as it is in 24-hour mode; in 12-hour mode 12 AM is 0, and
 * bit 7 (PM) adds 12 to 1-11. */
static bool hours_24(const struct cmos_time *t, uint8_t *hours)
{
	if (t->status_b & CMOS_B_24_HOUR)
		return field(t, t->hours, 23, hours);
	uint8_t h;
	if (!field(t, t->hours & (uint8_t)~CMOS_HOUR_PM, 12, &h) || h == 0)
		return false;
	*hours = (uint8_t)(h % 12 + (t->hours & CMOS_HOUR_PM ? 12 : 0));
	return true;
}

static uint32_t century(const struct cmos_time *t)
{
	uint8_t c;
	if (field(t, t->century, CENTURY_PLAUSIBLE_LAST, &c) && c >= CENTURY_PLAUSIBLE_FIRST)
		return c;
	return CENTURY_ASSUMED;
}

bool cmos_time_to_unix(const struct cmos_time *t, uint64_t *seconds)
{
	uint8_t sec, min, hour, day, month, year;
	if (!(t->status_d & CMOS_D_VALID))
		return false;
	if (!field(t, t->seconds, 59, &sec) || !field(t, t->minutes, 59, &min) ||
	    !hours_24(t, &hour) || !field(t, t->day, 31, &day) || !field(t, t->month, 12, &month) ||
	    !field(t, t->year, 99, &year))
		return false;
	uint64_t days;
	if (!civil_days_since_1970(century(t) * 100 + year, month, day, &days))
		return false; /* day 0, month 0, 30 February, before 1970 */
	*seconds = ((days * 24 + hour) * 60 + min) * 60 + sec;
	return true;
}
