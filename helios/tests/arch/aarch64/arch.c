/*
 * The aarch64 devices of the suite (ktest.h, "What differs per architecture"), on QEMU's virt
 * machine and reached through device memory mapped into the suite's vspace: the runner's
 * watchdog is the PL031 RTC's match interrupt, re-armed one second ahead at every tick. (The
 * IRQ tests' device, the PL061 GPIO controller, is //helios/lib/qemu's: irq_device.c.)
 */
#include <stdint.h>

#include "helios/tests/ktest.h"

/* Where the runner maps its devices (no test maps anything there). */
#define RUNNER_DEVICES 0x0000500000000000ull

/* PL031 registers, in 32-bit words. */
#define RTC_DR (0x00 / 4)   /* seconds */
#define RTC_MR (0x04 / 4)   /* match: interrupt when DR reaches it */
#define RTC_IMSC (0x10 / 4) /* interrupt mask: 1 enables */
#define RTC_ICR (0x1c / 4)  /* interrupt clear */

/* mov w0, #42; ret */
const uint8_t kt_return_42_code[] = { 0x40, 0x05, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6 };
const unsigned kt_return_42_size = sizeof(kt_return_42_code);

/* ---- The watchdog ------------------------------------------------------------------- */

static volatile uint32_t *rtc;
static helios_caddr_t rtc_irq, rtc_notification;

/* The next match one second ahead, the last one's interrupt cleared. */
static void rtc_arm(void)
{
	rtc[RTC_ICR] = 1;
	rtc[RTC_MR] = rtc[RTC_DR] + 1;
}

int kt_watchdog_start(helios_caddr_t notification, const char **what)
{
	uint64_t offset;
	*what = "no device memory capability covers the PL031";
	helios_caddr_t dev = rt_device_memory_find(KT_PL031_BASE, &offset);
	if (dev == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_INVALID_CSLOT;
	*what = "PL031 page";
	helios_caddr_t page = rt_slot_alloc();
	int err = helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, page, offset, NULL);
	if (!err)
		err = rt_map(rt_vspace, page, RUNNER_DEVICES, HELIOS_MAP_READ | HELIOS_MAP_WRITE);
	if (err)
		return err;
	rtc = (volatile uint32_t *)RUNNER_DEVICES;
	rtc_notification = notification;
	*what = "PL031 IRQ";
	rtc_irq = rt_slot_alloc();
	err = helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_WATCHDOG, notification,
				       rtc_irq, NULL);
	if (err)
		return err;
	rtc_arm();
	rtc[RTC_IMSC] = 1;
	return HELIOS_OK;
}

void kt_watchdog_ack(void)
{
	helios_nbwait(rtc_notification, NULL);
	rtc_arm();
	helios_irq_handler_ack(rtc_irq);
}
