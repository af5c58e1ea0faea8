/*
 * Civil dates (the proleptic Gregorian calendar, UTC) as days since 1970-01-01: what turns a
 * clock that reports a date into seconds since 1970. Pure C, host-tested.
 */
#ifndef VENUS_CMOS_RTC_CIVIL_H
#define VENUS_CMOS_RTC_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

/* The years a date may have: 1970 (nothing earlier fits an unsigned count from it) to 9999. */
#define CIVIL_YEAR_FIRST 1970u
#define CIVIL_YEAR_LAST 9999u

/* Whether `year` has a 29 February: divisible by 4, but not by 100 unless by 400. */
bool civil_is_leap(uint32_t year);

/* The days of `month` (1-12) of `year`; 0 for a month out of range. */
unsigned civil_month_days(uint32_t year, unsigned month);

/*
 * Days from 1970-01-01 to year-month-day in *days; false, *days untouched, when the date is
 * not one (month 0 or 13, 31 April, 29 February of a common year, a year out of range).
 */
bool civil_days_since_1970(uint32_t year, unsigned month, unsigned day, uint64_t *days);

#endif
