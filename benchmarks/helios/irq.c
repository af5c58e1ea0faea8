/*
 * IRQ-to-userspace latency: a device interrupt delivered to a waiting handler thread.
 *
 * The device is //helios/lib/qemu's (qemu/irq_device.h): x86_64's i8042 keyboard controller,
 * whose IRQ 1 goes through the 8259 PIC, written through I/O port capabilities; aarch64's
 * PL061 GPIO, whose pin driven high raises GIC SPI 39, written through device memory. The
 * handler thread, one priority level above the raiser and in an address space of its own,
 * waits on the notification the IRQ handler is bound to. The raiser stamps just before the one
 * device write that raises the line; the handler stamps just after its WAIT returns. What lies
 * between is counted: the device write (x86_64: an IO_PORT_OUT8 invocation, whose return to
 * user mode opens the window for the pending interrupt; aarch64: a store at EL0), the
 * interrupt's entry into the kernel, the controller acknowledged and the line masked, the
 * notification signalled, the switch to the handler (an address-space switch) and its return
 * to user mode. Each time, outside the measured interval, the raiser takes the interrupt from
 * the device and acknowledges the IRQ handler (IRQ_HANDLER_ACK unmasks the line); it does so
 * rather than the handler because the device's registers are mapped only in the program's own
 * address space (aarch64).
 */
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <qemu/irq_device.h>

#include "bench.h"

#define NAME "irq_latency"
/* Where the device's registers are mapped (aarch64; no other benchmark maps there). */
#define BENCH_IRQ_DEVICE_VADDR 0x0000400000000000ull
/* What each interrupt carries (on aarch64 the pins driven high: not 0). */
#define TOKEN 0x5a
/* Polls of the handler's progress before an interrupt counts as lost (it normally arrives
 * before the raiser's next instruction). */
#define DELIVERY_POLLS 1000000

static struct qemu_irq_device device;
static helios_caddr_t handler_cap;
/* The handler: waits on the notification bound to the IRQ, counts the interrupts it saw (the
 * raiser checks each arrived). Program data: the handler's vspace sees it. */
static struct bench_waiter handler;

/* Waits until the handler has taken interrupt i (it has, unless the interrupt was lost). */
static int await_delivery(uint32_t i)
{
	for (uint32_t p = 0; p < DELIVERY_POLLS; p++)
		if (handler.seen > i)
			return HELIOS_OK;
	return HELIOS_ERR_WOULD_BLOCK;
}

static int raiser(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	int err = HELIOS_OK;
	for (uint32_t i = 0; !err && i < n; i++) {
		uint8_t token = 0;
		if ((err = qemu_irq_device_ready(&device)))
			break;
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		err = qemu_irq_device_fire(&device, TOKEN);
		if (!err)
			err = await_delivery(i);
		if (!err)
			err = qemu_irq_device_take(&device, &token);
		if (!err && token != TOKEN)
			err = HELIOS_ERR_INVALID_PARAM;
		if (!err)
			err = helios_irq_handler_ack(handler_cap);
	}
	return err;
}

/* The device open and quiet, its line bound to the notification, nothing pending. */
static int setup(const char **what)
{
	*what = "notification";
	int err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &handler.notification);
	if (err)
		return err;
	*what = "device";
	helios_caddr_t slot = rt_slot_alloc();
	if (slot == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	if ((err = qemu_irq_device_open(&device, slot, BENCH_IRQ_DEVICE_VADDR)))
		return err;
	*what = "IRQ handler";
	handler_cap = rt_slot_alloc();
	if (handler_cap == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	err = helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, QEMU_IRQ_DEVICE_LINE,
				       handler.notification, handler_cap, NULL);
	if (!err)
		err = qemu_irq_device_drain(&device);
	if (!err)
		err = helios_irq_handler_ack(handler_cap);
	if (!err)
		helios_nbwait(handler.notification, NULL); /* an interrupt from before the drain */
	return err;
}

void bench_irq(void)
{
	static struct rt_thread h, r; /* program data: mirrored vspaces see it */
	bench_begin();
	handler.seen = 0;
	const char *what;
	int err = setup(&what);
	/* The handler runs first (higher priority) and blocks in its wait. */
	if (!err) {
		what = "threads";
		err = bench_thread(&h, bench_waiter_main, &handler, BENCH_PRIORITY + 1, true,
				   HELIOS_CADDR_UNDEF);
	}
	if (!err)
		err = bench_thread(&r, raiser, NULL, BENCH_PRIORITY, false, HELIOS_CADDR_UNDEF);
	if (!err) {
		what = "raise, delivery or acknowledgement";
		err = bench_join(&r);
	}
	if (!err)
		err = bench_join(&h);
	if (err)
		bench_error(NAME, what, err);
	else
		bench_report(NAME, &bench_a);
	bench_cleanup();
}
