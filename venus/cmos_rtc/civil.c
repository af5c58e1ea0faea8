/* Civil dates as days since 1970 (civil.h). */
#include "venus/cmos_rtc/civil.h"

/* Days of the year before the first of each month, in a common year. */
static const uint16_t days_before_month[12] = { 0,   31,  59,  90,  120, 151,
						181, 212, 243, 273, 304, 334 };

bool civil_is_leap(uint32_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned civil_month_days(uint32_t year, unsigned month)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && civil_is_leap(year));
}

/* Leap years among the years 1 to `year`. */
static uint64_t leap_years_through(uint32_t year)
{
	return year / 4 - year / 100 + year / 400;
}

bool civil_days_since_1970(uint32_t year, unsigned month, unsigned day, uint64_t *days)
{
	if (year < CIVIL_YEAR_FIRST || year > CIVIL_YEAR_LAST)
		return false;
	if (day < 1 || day > civil_month_days(year, month))
		return false;
	/* Whole years since 1970, each 365 days plus one per leap year among them; then the
	 * months before this one (29 February counts once March has begun); then the days. */
	uint64_t n = 365ull * (year - CIVIL_YEAR_FIRST) + leap_years_through(year - 1) -
		     leap_years_through(CIVIL_YEAR_FIRST - 1);
	n += days_before_month[month - 1] + (month > 2 && civil_is_leap(year));
	*days = n + day - 1;
	return true;
}
