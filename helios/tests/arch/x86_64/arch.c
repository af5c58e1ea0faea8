/*
 * The x86_64 devices of the suite (ktest.h, "What differs per architecture"): the runner's
 * watchdog is the CMOS RTC's periodic interrupt, through I/O ports. (The IRQ tests' device,
 * the i8042 keyboard controller, is //helios/lib/qemu's: irq_device.c.)
 */
#include <stdint.h>

#include "helios/tests/ktest.h"

#define RTC_INDEX 0x70
#define RTC_DATA 0x71
#define RTC_NMI_OFF 0x80
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_B_PERIODIC 0x40
#define RTC_A_DIVIDER 0x20 /* 32.768 kHz time base */
#define RTC_RATE 13        /* 32768 >> (13 - 1) = 8 Hz = KT_WATCHDOG_HZ */

/* mov $42, %eax; ret */
const uint8_t kt_return_42_code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
const unsigned kt_return_42_size = sizeof(kt_return_42_code);

/* ---- The watchdog ------------------------------------------------------------------- */

static helios_caddr_t rtc_ports, rtc_irq, rtc_notification;

static uint8_t rtc_read(uint8_t reg)
{
	uint8_t v = 0;
	helios_io_port_out8(rtc_ports, RTC_INDEX, RTC_NMI_OFF | reg);
	helios_io_port_in8(rtc_ports, RTC_DATA, &v);
	return v;
}

static void rtc_write(uint8_t reg, uint8_t v)
{
	helios_io_port_out8(rtc_ports, RTC_INDEX, RTC_NMI_OFF | reg);
	helios_io_port_out8(rtc_ports, RTC_DATA, v);
}

int kt_watchdog_start(helios_caddr_t notification, const char **what)
{
	rtc_notification = notification;
	rtc_ports = rt_slot_alloc();
	*what = "RTC ports";
	int err = helios_io_control_issue(HELIOS_INIT_IO_CONTROL, RTC_INDEX, RTC_DATA, rtc_ports,
					  NULL);
	if (err)
		return err;
	*what = "RTC IRQ";
	rtc_irq = rt_slot_alloc();
	err = helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_WATCHDOG, notification,
				       rtc_irq, NULL);
	if (err)
		return err;
	rtc_write(RTC_REG_A, RTC_A_DIVIDER | RTC_RATE);
	rtc_write(RTC_REG_B, rtc_read(RTC_REG_B) | RTC_B_PERIODIC);
	rtc_read(RTC_REG_C);
	return HELIOS_OK;
}

void kt_watchdog_ack(void)
{
	helios_nbwait(rtc_notification, NULL);
	rtc_read(RTC_REG_C);
	helios_irq_handler_ack(rtc_irq);
}
