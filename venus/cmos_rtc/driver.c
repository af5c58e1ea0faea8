/*
 * The CMOS real-time clock driver (README.md): the MC146818 of the PC through I/O ports
 * 0x70-0x71 (its manifest's `ports 70 71`, capability `ports0`), served as venus.rtc on the
 * endpoint the device manager made for it (`provides venus.rtc`). Each read reads the clock
 * afresh; nothing is cached, so a time set behind our back is seen at once.
 */
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/program.h>

#include "venus/cmos_rtc/cmos_ports.h"
#include "venus/cmos_rtc/cmos_time.h"
#include "venus/ipc/rtc.ipc.h"

static helios_caddr_t ports;

/* A test build (RTC_TEST_KILL_FIRST_READ) dies holding its first call on its first run: the
 * kill-mid-request test. The device manager says which run it is (DEVMGR_RESTARTS). */
static void maybe_die_for_the_test(void)
{
#ifdef RTC_TEST_KILL_FIRST_READ
	const char *restarts = mercury_getenv("DEVMGR_RESTARTS");
	if (restarts && restarts[0] == '0') {
		rt_printf("cmos-rtc: dying on purpose with a read taken\n");
		*(volatile int *)16 = 1;
	}
#endif
}

static int read_seconds(void *ctx, const struct ipcgen_request *req, uint64_t *seconds)
{
	(void)ctx;
	(void)req;
	maybe_die_for_the_test();
	struct cmos_time t;
	int err = cmos_read_time(ports, &t);
	if (err)
		return err;
	return cmos_time_to_unix(&t, seconds) ? HELIOS_OK : VENUS_RTC_ERROR_NOT_SET;
}

static const struct venus_rtc_server rtc = { .read = read_seconds };

int main(int argc, char **argv)
{
	(void)argc;
	helios_caddr_t ep = mercury_cap("endpoint");
	ports = mercury_cap("ports0");
	if (ep == HELIOS_CADDR_UNDEF || ports == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: missing its endpoint or ports0\n", argv[0]);
		return 1;
	}
	/* The clock's modes, once, for the log: they decide how every read is decoded. */
	uint8_t b, century;
	int err = cmos_read_register(ports, CMOS_STATUS_B, &b);
	if (!err)
		err = cmos_read_register(ports, CMOS_CENTURY, &century);
	if (err) {
		rt_printf("%s: cannot read the clock's ports: %s\n", argv[0], rt_strerror(err));
		return 1;
	}
	rt_printf("%s: serving: %s, %s, century register 0x%02x\n", argv[0],
		  b & CMOS_B_BINARY ? "binary" : "BCD", b & CMOS_B_24_HOUR ? "24-hour" : "12-hour",
		  century);
	err = venus_rtc_serve(ep, &rtc, NULL, NULL);
	rt_printf("%s: stopped: %s\n", argv[0], rt_strerror(err));
	return 1;
}
