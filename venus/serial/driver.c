/*
 * venus.chardev for any UART (driver.h): the serving thread asks port.h what a read or write
 * becomes; the interrupt thread lets the UART's code move bytes, then answers the waiting
 * reader when bytes came for it. A reply is sent with the lock held: sending a reply never
 * blocks, and a reader gone meanwhile only makes the send fail.
 */
#include "venus/serial/driver.h"

#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>
#include <mercury/abort.h>
#include <mercury/startup_block.h>

#include "venus/ipc/chardev.ipc.h"

static struct rt_thread interrupt_thread;

static int serve_read(void *ctx, const struct ipcgen_request *req, uint32_t max, bool wait,
		      void *data, size_t *data_len)
{
	(void)req;
	struct serial_driver *d = ctx;
	mercury_lock(&d->lock);
	int status;
	switch (serial_port_read(&d->port, max, wait, data, data_len)) {
	case SERIAL_READ_DATA:
		status = HELIOS_OK;
		break;
	case SERIAL_READ_NOTHING_YET:
		status = VENUS_CHARDEV_ERROR_NOTHING_YET;
		break;
	case SERIAL_READ_BUSY:
		status = VENUS_CHARDEV_ERROR_BUSY;
		break;
	case SERIAL_READ_WAIT:
		status = ipcgen_defer(HELIOS_CADDR_UNDEF, &d->reader_reply);
		if (status == HELIOS_OK)
			status = IPCGEN_DEFERRED;
		else
			serial_port_forget_reader(&d->port);
		break;
	default:
		status = HELIOS_ERR_INVALID_PARAM;
		break;
	}
	mercury_unlock(&d->lock);
	return status;
}

static int serve_write(void *ctx, const struct ipcgen_request *req, const void *data,
		       size_t data_len, uint32_t *queued)
{
	(void)req;
	struct serial_driver *d = ctx;
	mercury_lock(&d->lock);
	*queued = serial_port_write(&d->port, data, data_len);
	if (*queued)
		d->ops->transmit(d);
	mercury_unlock(&d->lock);
	return HELIOS_OK;
}

static const struct venus_chardev_server chardev_server = {
	.read = serve_read,
	.write = serve_write,
};

/* The UART's bytes moved, the waiting reader answered if bytes came; the lock held. */
static void take_interrupt(struct serial_driver *d)
{
	d->ops->interrupt(d);
	uint8_t data[SERIAL_CALL_MAX];
	size_t len;
	if (serial_port_answer_reader(&d->port, data, &len)) {
#ifdef SERIAL_TEST_KILL_BYTE
		/* Test builds only (tests/killed): the driver dies with a read waiting and the
		 * byte that would answer it in hand. */
		for (size_t i = 0; i < len; i++)
			if (data[i] == SERIAL_TEST_KILL_BYTE)
				mercury_abort("killed on purpose with a read waiting");
#endif
		/* A reader that left meanwhile makes this fail: nothing to do about it. */
		venus_chardev_read_reply(d->reader_reply, HELIOS_OK, data, len);
		d->reader_reply = HELIOS_CADDR_UNDEF;
	}
	if (d->port.dropped != d->dropped_reported) {
		rt_printf("%s: receive ring full: %lu bytes dropped so far\n", d->name,
			  (unsigned long)d->port.dropped);
		d->dropped_reported = d->port.dropped;
	}
}

static int interrupt_loop(void *driver)
{
	struct serial_driver *d = driver;
	for (;;) {
		/* Without this thread no waiting read is ever answered: the program ends, to be
		 * restarted, rather than leave its reader waiting. */
		int err = helios_wait(d->irq_wait, NULL);
		if (err)
			mercury_abort("interrupt wait: %s", rt_strerror((uint64_t)err));
		mercury_lock(&d->lock);
		take_interrupt(d);
		mercury_unlock(&d->lock);
		if ((err = helios_irq_handler_ack(d->irq)))
			mercury_abort("interrupt ack: %s", rt_strerror((uint64_t)err));
	}
}

int serial_driver_run(struct serial_driver *d, helios_caddr_t endpoint)
{
	serial_port_init(&d->port);
	d->reader_reply = HELIOS_CADDR_UNDEF;
	int err = mercury_lock_prepare(&d->lock);
	if (!err)
		err = rt_thread_spawn(&interrupt_thread, interrupt_loop, d, rt_startup->priority,
				      HELIOS_CADDR_UNDEF);
	if (err) {
		rt_printf("%s: error: no interrupt thread: %s\n", d->name,
			  rt_strerror((uint64_t)err));
		return 1;
	}
	/* Bytes that came before the receive interrupt was on, and a line an instance that died
	 * left masked: take what is there, then unmask. */
	mercury_lock(&d->lock);
	take_interrupt(d);
	mercury_unlock(&d->lock);
	err = helios_irq_handler_ack(d->irq);
	if (err) {
		rt_printf("%s: error: interrupt ack: %s\n", d->name, rt_strerror((uint64_t)err));
		return 1;
	}
	rt_printf("%s: serving\n", d->name);
	err = venus_chardev_serve(endpoint, &chardev_server, d, NULL);
	rt_printf("%s: error: stopped serving: %s\n", d->name, rt_strerror((uint64_t)err));
	return 1;
}
