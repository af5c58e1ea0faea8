/*
 * Time for programs: the kernel's monotonic clock and sleeping (docs/venus.md, "Time"). A
 * sleep is a WAIT with a deadline on a notification nobody signals, one per program, shared by
 * its threads (each wait times out on its own). Wall-clock time is a service: venus.rtc.
 */
#ifndef MERCURY_TIME_H
#define MERCURY_TIME_H

#include <stdint.h>

#define MERCURY_NS_PER_MS 1000000ull
#define MERCURY_NS_PER_S 1000000000ull

/* Nanoseconds of the monotonic clock since the kernel started it. */
uint64_t mercury_clock_ns(void);

/* Sleeps until the monotonic clock reaches `deadline` (at once if it has). 0, or a
 * helios_error when the program has no memory left for its sleeping notification. */
int mercury_sleep_until(uint64_t deadline);
/* Sleeps `ns` nanoseconds (at least; the kernel checks deadlines every millisecond). */
int mercury_sleep_ns(uint64_t ns);

#endif
