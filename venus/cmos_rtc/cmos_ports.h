/*
 * Reading the MC146818 through its two I/O ports (README.md): 0x70 selects a register, 0x71
 * reads it. The time registers change once a second, so one consistent reading takes waiting
 * out an update and reading twice until both agree, each bounded.
 */
#ifndef VENUS_CMOS_RTC_CMOS_PORTS_H
#define VENUS_CMOS_RTC_CMOS_PORTS_H

#include <stdint.h>

#include <helios/abi.h>

#include "venus/cmos_rtc/cmos_time.h"

#define CMOS_PORT_INDEX 0x70
#define CMOS_PORT_DATA 0x71

/* One register through the IO_PORT capability `ports` (0x70-0x71): 0 or the invocation's
 * error. The index is written with bit 7 clear: NMIs stay enabled as the firmware left
 * them. */
int cmos_read_register(helios_caddr_t ports, uint8_t reg, uint8_t *value);

/*
 * The time registers, read outside an update and the same twice in a row, into *t: 0, an
 * invocation's error, or VENUS_RTC_ERROR_NOT_SET when the clock stays in update or its
 * registers keep changing past the bounds (a clock that never holds still tells no time).
 */
int cmos_read_time(helios_caddr_t ports, struct cmos_time *t);

#endif
