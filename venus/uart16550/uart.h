/* A 16550 UART at an I/O port base (uart.c), as a serial_driver's UART. */
#ifndef VENUS_UART16550_UART_H
#define VENUS_UART16550_UART_H

#include <stdint.h>

#include <helios/abi.h>

#include "venus/serial/driver.h"

struct uart16550 {
	helios_caddr_t ports; /* IO_PORT for base..base + 7 */
	uint16_t base;
	uint8_t ier;          /* what the interrupt enable register holds */
};

/* Checks a UART answers and sets up receiving; 0, or 1 (said why). */
int uart16550_start(struct uart16550 *u, const char *name);

extern const struct serial_uart_ops uart16550_ops;

#endif
