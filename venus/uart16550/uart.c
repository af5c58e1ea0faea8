/*
 * COM1's 16550 driven through its I/O ports (main.c): receive by interrupt into the port's
 * ring, transmit from its queue while the transmitter says it is empty. Only what receiving
 * needs is set up: the FIFO (kept enabled, trigger 1 byte), OUT2 (the line to the PIC on a
 * PC) and the interrupt enables; the line settings (speed, LCR) stay the kernel's.
 */
#include "venus/uart16550/uart.h"

#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/abort.h>

/* 16550 registers, offsets from the base port (DLAB clear). */
#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_MSR 6 /* modem status */
#define UART_SCR 7 /* scratch */

#define IER_RECEIVED 0x01 /* received data available (and the FIFO timeout) */
#define IER_THR_EMPTY 0x02
#define IIR_NONE 0x01     /* no interrupt pending */
#define IIR_ID_MASK 0x0e
#define IIR_ID_MODEM 0x00 /* cleared by reading MSR */
#define FCR_FIFO_ON 0x01  /* enabled, receive trigger 1 byte; nothing cleared (FE stays set) */
#define MCR_OUT2 0x08     /* gates the UART's interrupt to the PIC */
#define LSR_DATA 0x01
#define LSR_ERRORS 0x1e   /* overrun, parity, framing, break */
#define LSR_BREAK 0x10
#define LSR_THR_EMPTY 0x20

/* At most this many bytes in a row into the transmit FIFO (16 deep) after it said empty:
 * the kernel writes its own output into the same FIFO by polling and may slip bytes in. */
#define TX_BURST 8
/* Bounds on one interrupt's work: a UART that never says "done" cannot hold the thread. */
#define RX_BURST 64
#define ROUNDS 8

static uint8_t in(struct uart16550 *u, uint16_t reg)
{
	uint8_t v = 0;
	int err = helios_io_port_in8(u->ports, (uint16_t)(u->base + reg), &v);
	/* The ports are the driver's own capability: failing is its own mistake. */
	if (err)
		mercury_abort("port 0x%x: %s", u->base + reg, rt_strerror((uint64_t)err));
	return v;
}

static void out(struct uart16550 *u, uint16_t reg, uint8_t v)
{
	int err = helios_io_port_out8(u->ports, (uint16_t)(u->base + reg), v);
	if (err)
		mercury_abort("port 0x%x: %s", u->base + reg, rt_strerror((uint64_t)err));
}

static void set_ier(struct uart16550 *u, uint8_t ier)
{
	if (ier != u->ier) {
		out(u, UART_IER, ier);
		u->ier = ier;
	}
}

int uart16550_start(struct uart16550 *u, const char *name)
{
	/* Something answers at the ports: the scratch register keeps what is written. */
	out(u, UART_SCR, 0x5a);
	uint8_t scratch = in(u, UART_SCR);
	uint8_t lsr = in(u, UART_LSR);
	if (scratch != 0x5a || lsr == 0xff) {
		rt_printf("%s: no 16550 at 0x%x (scratch 0x%02x, line status 0x%02x)\n", name,
			  u->base, scratch, lsr);
		return 1;
	}
	out(u, UART_FCR, FCR_FIFO_ON);
	out(u, UART_MCR, in(u, UART_MCR) | MCR_OUT2);
	u->ier = 0xff; /* unknown: the first set_ier writes */
	set_ier(u, IER_RECEIVED);
	return 0;
}

static void transmit(struct serial_driver *d)
{
	struct uart16550 *u = d->uart;
	if (serial_port_transmit_pending(&d->port) && (in(u, UART_LSR) & LSR_THR_EMPTY)) {
		uint8_t bytes[TX_BURST];
		size_t n = serial_port_transmit(&d->port, bytes, sizeof(bytes));
		for (size_t i = 0; i < n; i++)
			out(u, UART_THR, bytes[i]);
	}
	/* The empty-transmitter interrupt only while bytes wait: it would fire for the
	 * kernel's output too. */
	set_ier(u, IER_RECEIVED | (serial_port_transmit_pending(&d->port) ? IER_THR_EMPTY : 0));
}

static void receive(struct serial_driver *d)
{
	struct uart16550 *u = d->uart;
	for (unsigned i = 0; i < RX_BURST; i++) {
		uint8_t lsr = in(u, UART_LSR);
		if (!(lsr & LSR_DATA))
			return;
		uint8_t b = in(u, UART_RBR);
		if (lsr & LSR_ERRORS)
			d->errors++;
		if (!(lsr & LSR_BREAK)) /* a break's byte is a zero that nobody sent */
			serial_port_received(&d->port, b);
	}
}

static void interrupt(struct serial_driver *d)
{
	struct uart16550 *u = d->uart;
	/* Until the UART says nothing is pending, so its interrupt output falls: the PIC sees
	 * the next byte as a new edge. */
	for (unsigned round = 0; round < ROUNDS; round++) {
		uint8_t iir = in(u, UART_IIR);
		if (iir & IIR_NONE)
			return;
		if ((iir & IIR_ID_MASK) == IIR_ID_MODEM)
			(void)in(u, UART_MSR);
		receive(d);
		transmit(d);
	}
}

const struct serial_uart_ops uart16550_ops = {
	.interrupt = interrupt,
	.transmit = transmit,
};
