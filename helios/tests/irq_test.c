/*
 * Interrupts: IRQ_CONTROL_ISSUE and its errors, one handler per line, and an interrupt
 * delivered end to end from a device the test makes interrupt at will (ktest_arch.h:
 * x86_64's i8042 keyboard controller, whose command 0xd2 puts a byte in its output buffer as
 * if the keyboard had sent it; aarch64's PL061 GPIO, whose pins driven high interrupt).
 */
#include "helios/tests/ktest.h"

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
	static const uint64_t refused[] = KT_IRQ_REFUSED;
	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (helios_irq_control_issue(C, refused[i], n, slot, NULL) != HELIOS_ERR_INVALID_PARAM)
			KT_FAIL("line %#llx was not refused", (unsigned long long)refused[i]);
	KT_ERR(helios_irq_control_issue(C, KT_IRQ_WATCHDOG, n, slot, NULL), HELIOS_ERR_IN_USE);
	uint64_t line = KT_IRQ_UNUSED_A;
	KT_ERR(helios_irq_control_issue(C, line, kt_endpoint(), slot, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_irq_control_issue(C, line, kt_slot(), slot, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_irq_control_issue(C, line, kt_copy(n, HELIOS_RIGHT_READ), slot, NULL),
	       HELIOS_ERR_ACCESS);
	KT_ERR(helios_irq_control_issue(C, line, n, HELIOS_INIT_TASK, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_type(slot), HELIOS_CAP_NULL);
	/* None of that took the line. */
	issue_irq(line, n);
}

/* One handler per line; the line is free again when its last handler capability goes. */
KTEST(irq_one_handler_per_line)
{
	helios_caddr_t n = kt_notification();
	helios_caddr_t h = issue_irq(KT_IRQ_UNUSED_A, n);
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_UNUSED_A, n, kt_slot(),
					NULL),
	       HELIOS_ERR_IN_USE);
	helios_caddr_t copy = kt_copy(h, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_delete(rt_cspace, h));
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_UNUSED_A, n, kt_slot(),
					NULL),
	       HELIOS_ERR_IN_USE);
	KT_OK(helios_cspace_delete(rt_cspace, copy));
	issue_irq(KT_IRQ_UNUSED_A, n);
	/* Another line is independent. */
	issue_irq(KT_IRQ_UNUSED_B, n);
}

KTEST(irq_handler_methods)
{
	helios_caddr_t h = issue_irq(KT_IRQ_UNUSED_A, kt_notification());
	KT_OK(helios_irq_handler_ack(h));
	KT_ERR(helios_invoke(h, HELIOS_METHOD(HELIOS_CAP_IRQ_HANDLER, 2), 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(HELIOS_INIT_IRQ_CONTROL, HELIOS_IRQ_HANDLER_ACK, 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(HELIOS_INIT_IRQ_CONTROL, HELIOS_IRQ_CONTROL_ISSUE, 2,
			     (uint64_t[]){ KT_IRQ_UNUSED_A, 0 }, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
}

/* Empties the device, then takes every interrupt that was already on its way. */
static void quiesce(struct kt_irq_device *d, helios_caddr_t n, helios_caddr_t h)
{
	for (int round = 0; round < 10; round++) {
		kt_irq_device_drain(d);
		helios_nbwait(n, NULL);
		KT_OK(helios_irq_handler_ack(h));
		kt_yield(3);
		if (helios_nbwait(n, NULL) == HELIOS_ERR_WOULD_BLOCK)
			return;
	}
	KT_FAIL("IRQ %d keeps firing", KT_IRQ_DEVICE);
}

KTEST(irq_delivered_end_to_end)
{
	struct kt_irq_device d;
	kt_irq_device_open(&d);
	helios_caddr_t n = kt_mint(kt_notification(), HELIOS_RIGHTS_ALL, 0x100);
	helios_caddr_t h = issue_irq(KT_IRQ_DEVICE, n);
	quiesce(&d, n, h);

	kt_irq_device_raise(&d, 0x5a);
	/* The interrupt arrives through the notification: poll on the handler, then wait. */
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ h, HELIOS_POLL_RECV, 0 };
	unsigned ready = 0;
	KT_OK(helios_poll(1, &ready));
	KT_EQ(ready, 1);
	uint64_t word = 0;
	KT_OK(helios_wait(n, &word));
	KT_EQ(word, 0x100); /* the badge of the bound notification capability */
	KT_EQ(kt_irq_device_take(&d), 0x5a);
	KT_OK(helios_irq_handler_ack(h));
	/* Once more, now blocking in wait. */
	kt_irq_device_raise(&d, 0xa5);
	KT_OK(helios_wait(n, &word));
	KT_EQ(kt_irq_device_take(&d), 0xa5);
	KT_OK(helios_irq_handler_ack(h));
}

/* A deleted handler's line is masked: the interrupt no longer reaches the notification. */
KTEST(irq_deleted_handler_silent)
{
	struct kt_irq_device d;
	kt_irq_device_open(&d);
	helios_caddr_t n = kt_notification();
	helios_caddr_t h = issue_irq(KT_IRQ_DEVICE, n);
	quiesce(&d, n, h);
	KT_OK(helios_cspace_delete(rt_cspace, h));
	kt_irq_device_raise(&d, 0x11);
	kt_yield(10);
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
	KT_EQ(kt_irq_device_take(&d), 0x11);
}
