/*
 * The part of a serial driver that is the same for every UART (README.md): venus.chardev
 * served on one thread (port.h decides; a waiting read keeps its reply capability), the UART's
 * interrupt taken on another, one lock over both. A UART's code fills in serial_uart_ops and
 * calls serial_driver_run.
 */
#ifndef VENUS_SERIAL_DRIVER_H
#define VENUS_SERIAL_DRIVER_H

#include <stdint.h>

#include <helios/abi.h>
#include <mercury/lock.h>

#include "venus/serial/port.h"

struct serial_driver;

/* What a UART's code does; each is called with the driver's lock held. */
struct serial_uart_ops {
	/* The interrupt fired: every byte received goes to serial_port_received, and the
	 * transmitter is given what it has room for (transmit). */
	void (*interrupt)(struct serial_driver *d);
	/* Bytes were queued: sends what the transmitter has room for now, and arranges an
	 * interrupt for the rest while some are left (none once the queue is empty). */
	void (*transmit)(struct serial_driver *d);
};

struct serial_driver {
	const char *name;
	const struct serial_uart_ops *ops;
	void *uart;                 /* the UART's code's own state */
	helios_caddr_t irq, irq_wait;
	struct mercury_lock lock;   /* guards everything below */
	struct serial_port port;
	helios_caddr_t reader_reply; /* the waiting reader's reply capability */
	uint64_t dropped_reported;
	uint64_t errors;            /* bytes the UART flagged (framing, parity, break, overrun) */
};

/* Starts the interrupt thread, takes what the UART holds already, unmasks the line and serves
 * venus.chardev on endpoint; returns only when serving fails (1, said why). */
int serial_driver_run(struct serial_driver *d, helios_caddr_t endpoint);

#endif
