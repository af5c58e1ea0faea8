/*
 * A PL011 driven through its mapped registers (main.c): receive by interrupt into the port's
 * ring, transmit from its queue while the transmit FIFO has room. Only what receiving needs is
 * set up: the FIFOs (LCR_H.FEN, the rest of LCR_H as it was), the receiver (CR.RXE, the rest
 * of CR as it was) and the interrupt mask; the speed and frame stay the firmware's.
 */
#include "venus/pl011/uart.h"

#include <helios/rt/print.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIMSC 0x038
#define UARTICR 0x044
#define UARTPERIPHID0 0xfe0 /* four registers, then UARTPCELLID0-3 */

#define DR_ERRORS 0xf00  /* overrun, break, parity, framing */
#define DR_BREAK 0x400
#define FR_RXFE (1u << 4) /* receive FIFO empty */
#define FR_TXFF (1u << 5) /* transmit FIFO full */
#define LCR_H_FEN (1u << 4)
#define CR_RXE (1u << 9)
#define INT_RX (1u << 4)  /* receive FIFO at its level */
#define INT_TX (1u << 5)  /* transmit FIFO at its level */
#define INT_RT (1u << 6)  /* receive timeout: bytes below the level, the line idle */
#define INT_ERRORS 0x780 /* framing, parity, break, overrun */

/* Bounds on one interrupt's work: a UART that never empties cannot hold the thread (the
 * FIFOs are 16 or 32 deep). */
#define RX_BURST 64
#define TX_BURST 32

static uint32_t reg(struct pl011 *u, unsigned offset)
{
	return u->regs[offset / 4];
}

static void set_reg(struct pl011 *u, unsigned offset, uint32_t v)
{
	u->regs[offset / 4] = v;
}

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

int pl011_start(struct pl011 *u, const char *name)
{
	uint8_t id[8];
	bool ok = true;
	for (unsigned i = 0; i < 8; i++) {
		id[i] = (uint8_t)reg(u, UARTPERIPHID0 + 4 * i);
		/* PeriphID2's high nibble is the revision. */
		uint8_t got = i == 2 ? (uint8_t)(id[i] & 0x0f) : id[i];
		ok = ok && got == pl011_id[i];
	}
	if (!ok) {
		rt_printf("%s: not a PL011: id %02x %02x %02x %02x, cell %02x %02x %02x %02x\n",
			  name, id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7]);
		return 1;
	}
	set_reg(u, UARTIMSC, 0);
	set_reg(u, UARTLCR_H, reg(u, UARTLCR_H) | LCR_H_FEN);
	set_reg(u, UARTCR, reg(u, UARTCR) | CR_RXE);
	/* RX and RT are left as they are: only reading the FIFO empty ends them (QEMU's PL011
	 * raises RX only when a byte comes into an empty FIFO, so clearing it with bytes there
	 * would leave them unannounced for good). */
	set_reg(u, UARTICR, INT_TX | INT_ERRORS);
	set_reg(u, UARTIMSC, INT_RX | INT_RT);
	return 0;
}

static void transmit(struct serial_driver *d)
{
	struct pl011 *u = d->uart;
	for (unsigned i = 0; i < TX_BURST && serial_port_transmit_pending(&d->port); i++) {
		if (reg(u, UARTFR) & FR_TXFF)
			break;
		uint8_t b;
		serial_port_transmit(&d->port, &b, 1);
		set_reg(u, UARTDR, b);
	}
	/* The transmit interrupt (the FIFO down to its level: room again) only while bytes
	 * wait: it is raised by the kernel's output too. Not cleared while they wait: QEMU's
	 * PL011 raises it at each byte written and never again until then. */
	if (serial_port_transmit_pending(&d->port)) {
		set_reg(u, UARTIMSC, INT_RX | INT_RT | INT_TX);
	} else {
		set_reg(u, UARTIMSC, INT_RX | INT_RT);
		set_reg(u, UARTICR, INT_TX);
	}
}

static void receive(struct serial_driver *d)
{
	struct pl011 *u = d->uart;
	for (unsigned i = 0; i < RX_BURST && !(reg(u, UARTFR) & FR_RXFE); i++) {
		uint32_t dr = reg(u, UARTDR);
		if (dr & DR_ERRORS)
			d->errors++;
		if (!(dr & DR_BREAK)) /* a break's byte is a zero that nobody sent */
			serial_port_received(&d->port, (uint8_t)dr);
	}
}

static void interrupt(struct serial_driver *d)
{
	struct pl011 *u = d->uart;
	/* Reading the FIFO below its level, or empty, ends RX and RT: a FIFO still holding
	 * bytes after RX_BURST keeps the line up, and the next wake reads on. */
	set_reg(u, UARTICR, INT_ERRORS);
	receive(d);
	transmit(d);
}

const struct serial_uart_ops pl011_ops = {
	.interrupt = interrupt,
	.transmit = transmit,
};
