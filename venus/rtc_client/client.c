/*
 * The clock's client (README.md): finds venus.rtc instance "0" in the registry (published by
 * the device manager for whichever clock driver it started), reads the time twice and prints
 * the first. A read that fails because the driver died (its kill test) is made again once the
 * driver is back. Exits 0 when both reads answered and the second is not earlier than the first.
 */
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>

#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"
#include "venus/ipc/rtc.ipc.h"

static const char *error_name(int err)
{
	const char *name = venus_rtc_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	helios_caddr_t registry = mercury_cap("registry"), clock = rt_slot_alloc();
	uint64_t generation = 0;
	if (registry == HELIOS_CADDR_UNDEF || clock == HELIOS_CADDR_UNDEF) {
		rt_printf("rtc-client: no registry capability\n");
		return 1;
	}
	int err = mercury_registry_await(registry, VENUS_RTC_ID, "0", 0, &clock, &generation);
	if (err) {
		rt_printf("rtc-client: await venus.rtc 0: %s\n", rt_strerror(err));
		return 1;
	}
	uint64_t first = 0, second = 0;
	err = venus_rtc_read(clock, &first);
	if (mercury_service_gone(err)) {
		/* The driver died with the read: wait for it to be published again, read again. */
		rt_printf("rtc-client: read: %s, the driver is gone; reconnecting\n",
			  error_name(err));
		err = mercury_reconnect(registry, VENUS_RTC_ID, "0", clock, &generation);
		if (!err) {
			rt_printf("rtc-client: reconnected, generation %llu\n",
				  (unsigned long long)generation);
			err = venus_rtc_read(clock, &first);
		}
	}
	if (!err)
		err = venus_rtc_read(clock, &second);
	if (err) {
		rt_printf("rtc-client: read: %s\n", error_name(err));
		return 1;
	}
	rt_printf("rtc-client: seconds since 1970: %llu\n", (unsigned long long)first);
	if (second < first) {
		rt_printf("rtc-client: the clock went back: %llu, then %llu\n",
			  (unsigned long long)first, (unsigned long long)second);
		return 1;
	}
	return 0;
}
