/*
 * The x86_64 devices of the suite (ktest.h, "What differs per architecture"): the runner's
 * watchdog is the CMOS RTC's periodic interrupt and the IRQ tests' device is the i8042 keyboard
 * controller, both through I/O ports.
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

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_STATUS_OUT_FULL 0x01
#define KBD_STATUS_IN_FULL 0x02
#define KBD_READ_CONFIG 0x20
#define KBD_WRITE_CONFIG 0x60
#define KBD_WRITE_OUTPUT 0xd2
#define KBD_CONFIG_IRQ1 0x01

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

/* ---- The IRQ tests' device ---------------------------------------------------------- */

/* Waits (a bounded number of polls) until the controller's status has `bit` == want. */
static void kbd_wait(helios_caddr_t ports, uint8_t bit, int want)
{
	for (int i = 0; i < 100000; i++) {
		uint8_t status;
		KT_OK(helios_io_port_in8(ports, KBD_STATUS, &status));
		if (!!(status & bit) == want)
			return;
	}
	KT_FAIL("i8042 status bit %#x never became %d", bit, want);
}

static void kbd_command(helios_caddr_t ports, uint8_t command)
{
	kbd_wait(ports, KBD_STATUS_IN_FULL, 0);
	KT_OK(helios_io_port_out8(ports, KBD_STATUS, command));
}

static void kbd_write(helios_caddr_t ports, uint8_t data)
{
	kbd_wait(ports, KBD_STATUS_IN_FULL, 0);
	KT_OK(helios_io_port_out8(ports, KBD_DATA, data));
}

static uint8_t kbd_read(helios_caddr_t ports)
{
	kbd_wait(ports, KBD_STATUS_OUT_FULL, 1);
	uint8_t v;
	KT_OK(helios_io_port_in8(ports, KBD_DATA, &v));
	return v;
}

/* The ports, and the controller told to raise IRQ 1 for keyboard data. */
void kt_irq_device_open(struct kt_irq_device *d)
{
	d->ports = kt_slot();
	KT_OK(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, KBD_DATA, KBD_STATUS, d->ports,
				      NULL));
	kt_irq_device_drain(d);
	kbd_command(d->ports, KBD_READ_CONFIG);
	uint8_t config = kbd_read(d->ports);
	kbd_command(d->ports, KBD_WRITE_CONFIG);
	kbd_write(d->ports, config | KBD_CONFIG_IRQ1);
}

/* The token goes into the output buffer as if the keyboard had sent it. */
void kt_irq_device_raise(struct kt_irq_device *d, uint8_t token)
{
	kbd_command(d->ports, KBD_WRITE_OUTPUT);
	kbd_write(d->ports, token);
}

uint8_t kt_irq_device_take(struct kt_irq_device *d)
{
	return kbd_read(d->ports);
}

void kt_irq_device_drain(struct kt_irq_device *d)
{
	for (int i = 0; i < 32; i++) {
		uint8_t status, v;
		KT_OK(helios_io_port_in8(d->ports, KBD_STATUS, &status));
		if (!(status & KBD_STATUS_OUT_FULL))
			return;
		KT_OK(helios_io_port_in8(d->ports, KBD_DATA, &v));
	}
}
