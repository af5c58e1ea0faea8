/*
 * Interrupts: IRQ_CONTROL_ISSUE and its errors, one handler per line, and an interrupt
 * delivered end to end: the i8042 keyboard controller's command 0xd2 puts a byte in its
 * output buffer as if the keyboard had sent it, which raises IRQ 1.
 */
#include "helios/tests/ktest.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_STATUS_OUT_FULL 0x01
#define KBD_STATUS_IN_FULL 0x02
#define KBD_READ_CONFIG 0x20
#define KBD_WRITE_CONFIG 0x60
#define KBD_WRITE_OUTPUT 0xd2
#define KBD_CONFIG_IRQ1 0x01
#define KBD_IRQ 1
#define RTC_IRQ 8 /* the runner's watchdog */

static helios_caddr_t issue_irq(uint64_t irq, helios_caddr_t notification)
{
	helios_caddr_t slot = kt_slot(), got = 0;
	KT_OK(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, irq, notification, slot, &got));
	KT_EQ(got, slot);
	KT_EQ(kt_type(slot), HELIOS_CAP_IRQ_HANDLER);
	return slot;
}

KTEST(irq_issue_errors)
{
	helios_caddr_t n = kt_notification(), slot = kt_slot();
	helios_caddr_t C = HELIOS_INIT_IRQ_CONTROL;
	KT_ERR(helios_irq_control_issue(C, 0, n, slot, NULL), HELIOS_ERR_INVALID_PARAM); /* timer */
	KT_ERR(helios_irq_control_issue(C, 2, n, slot, NULL),
	       HELIOS_ERR_INVALID_PARAM); /* cascade */
	KT_ERR(helios_irq_control_issue(C, 16, n, slot, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_irq_control_issue(C, 1ull << 32 | 5, n, slot, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_irq_control_issue(C, RTC_IRQ, n, slot, NULL), HELIOS_ERR_IN_USE);
	KT_ERR(helios_irq_control_issue(C, 5, kt_endpoint(), slot, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_irq_control_issue(C, 5, kt_slot(), slot, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_irq_control_issue(C, 5, kt_copy(n, HELIOS_RIGHT_READ), slot, NULL),
	       HELIOS_ERR_ACCESS);
	KT_ERR(helios_irq_control_issue(C, 5, n, HELIOS_INIT_TASK, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_type(slot), HELIOS_CAP_NULL);
	/* None of that took the line. */
	issue_irq(5, n);
}

/* One handler per line; the line is free again when its last handler capability goes. */
KTEST(irq_one_handler_per_line)
{
	helios_caddr_t n = kt_notification();
	helios_caddr_t h = issue_irq(5, n);
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, 5, n, kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
	helios_caddr_t copy = kt_copy(h, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_delete(rt_cspace, h));
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, 5, n, kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
	KT_OK(helios_cspace_delete(rt_cspace, copy));
	issue_irq(5, n);
	/* Another line is independent. */
	issue_irq(6, n);
}

KTEST(irq_handler_methods)
{
	helios_caddr_t h = issue_irq(5, kt_notification());
	KT_OK(helios_irq_handler_ack(h));
	KT_ERR(helios_invoke(h, HELIOS_METHOD(HELIOS_CAP_IRQ_HANDLER, 2), 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(HELIOS_INIT_IRQ_CONTROL, HELIOS_IRQ_HANDLER_ACK, 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(HELIOS_INIT_IRQ_CONTROL, HELIOS_IRQ_CONTROL_ISSUE, 2,
			     (uint64_t[]){ 5, 0 }, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
}

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

/* Empties the output buffer, then takes every interrupt that was already on its way. */
static void kbd_quiesce(helios_caddr_t ports, helios_caddr_t n, helios_caddr_t h)
{
	for (int round = 0; round < 10; round++) {
		for (int i = 0; i < 32; i++) {
			uint8_t status, v;
			KT_OK(helios_io_port_in8(ports, KBD_STATUS, &status));
			if (!(status & KBD_STATUS_OUT_FULL))
				break;
			KT_OK(helios_io_port_in8(ports, KBD_DATA, &v));
		}
		helios_nbwait(n, NULL);
		KT_OK(helios_irq_handler_ack(h));
		kt_yield(3);
		if (helios_nbwait(n, NULL) == HELIOS_ERR_WOULD_BLOCK)
			return;
	}
	KT_FAIL("IRQ %d keeps firing", KBD_IRQ);
}

KTEST(irq_delivered_end_to_end)
{
	helios_caddr_t ports = kt_slot();
	KT_OK(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, KBD_DATA, KBD_STATUS, ports, NULL));
	helios_caddr_t n = kt_mint(kt_notification(), HELIOS_RIGHTS_ALL, 0x100);
	helios_caddr_t h = issue_irq(KBD_IRQ, n);
	kbd_quiesce(ports, n, h);
	/* Make sure the controller raises IRQ 1 for keyboard data. */
	kbd_command(ports, KBD_READ_CONFIG);
	uint8_t config = kbd_read(ports);
	kbd_command(ports, KBD_WRITE_CONFIG);
	kbd_write(ports, config | KBD_CONFIG_IRQ1);
	kbd_quiesce(ports, n, h);

	kbd_command(ports, KBD_WRITE_OUTPUT);
	kbd_write(ports, 0x5a);
	/* The interrupt arrives through the notification: poll on the handler, then wait. */
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ h, HELIOS_POLL_RECV, 0 };
	unsigned ready = 0;
	KT_OK(helios_poll(1, &ready));
	KT_EQ(ready, 1);
	uint64_t word = 0;
	KT_OK(helios_wait(n, &word));
	KT_EQ(word, 0x100); /* the badge of the bound notification capability */
	KT_EQ(kbd_read(ports), 0x5a);
	KT_OK(helios_irq_handler_ack(h));
	/* Once more, now blocking in wait. */
	kbd_command(ports, KBD_WRITE_OUTPUT);
	kbd_write(ports, 0xa5);
	KT_OK(helios_wait(n, &word));
	KT_EQ(kbd_read(ports), 0xa5);
	KT_OK(helios_irq_handler_ack(h));
}

/* A deleted handler's line is masked: the interrupt no longer reaches the notification. */
KTEST(irq_deleted_handler_silent)
{
	helios_caddr_t ports = kt_slot();
	KT_OK(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, KBD_DATA, KBD_STATUS, ports, NULL));
	helios_caddr_t n = kt_notification();
	helios_caddr_t h = issue_irq(KBD_IRQ, n);
	kbd_quiesce(ports, n, h);
	KT_OK(helios_cspace_delete(rt_cspace, h));
	kbd_command(ports, KBD_WRITE_OUTPUT);
	kbd_write(ports, 0x11);
	kt_yield(10);
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
	KT_EQ(kbd_read(ports), 0x11);
}
