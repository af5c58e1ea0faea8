/*
 * Polled 16550 UART driver for COM1. Written for both the 64-bit kernel and the 32-bit
 * Multiboot loader: nothing here depends on the kernel.
 */
#include <stdint.h>

#include "boot/x86_64/io.h"
#include "boot/x86_64/serial.h"

/* 16550 registers, as offsets from the base port. */
#define UART_DATA 0        /* transmit/receive; divisor low byte when DLAB is set */
#define UART_IER 1         /* interrupt enable; divisor high byte when DLAB is set */
#define UART_FCR 2         /* FIFO control */
#define UART_LCR 3         /* line control */
#define UART_MCR 4         /* modem control */
#define UART_LSR 5         /* line status */

#define LCR_8N1 0x03       /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80      /* divisor latch access */
#define FCR_ENABLE 0xc7    /* enable and clear both FIFOs, 14-byte trigger */
#define MCR_DTR_RTS 0x03   /* data terminal ready, request to send (OUT2 off: no IRQs) */
#define LSR_THR_EMPTY 0x20 /* transmitter holding register empty */

#define UART_CLOCK 115200  /* divisor 1 gives this many baud */
#define BAUD 115200

/* Bytes sent without the transmitter ever reporting room: there is no UART, give up. */
#define MAX_SPINS 100000

static int present;

void serial_init(void)
{
	uint16_t divisor = UART_CLOCK / BAUD;
	outb(SERIAL_COM1 + UART_IER, 0x00);
	outb(SERIAL_COM1 + UART_LCR, LCR_DLAB);
	outb(SERIAL_COM1 + UART_DATA, divisor & 0xff);
	outb(SERIAL_COM1 + UART_IER, divisor >> 8);
	outb(SERIAL_COM1 + UART_LCR, LCR_8N1);
	outb(SERIAL_COM1 + UART_FCR, FCR_ENABLE);
	outb(SERIAL_COM1 + UART_MCR, MCR_DTR_RTS);
	/* A missing UART reads as all ones: don't wait for it forever. */
	present = inb(SERIAL_COM1 + UART_LSR) != 0xff;
}

void serial_putc(char c)
{
	if (!present)
		return;
	for (int i = 0; !(inb(SERIAL_COM1 + UART_LSR) & LSR_THR_EMPTY); i++) {
		if (i == MAX_SPINS) {
			present = 0;
			return;
		}
	}
	outb(SERIAL_COM1 + UART_DATA, (uint8_t)c);
}
