/* An Arm PL011 UART's registers, mapped (uart.c), as a serial_driver's UART. */
#ifndef VENUS_PL011_UART_H
#define VENUS_PL011_UART_H

#include <stdint.h>

#include "venus/serial/driver.h"

struct pl011 {
	volatile uint32_t *regs; /* the UART's 4 KiB page */
};

/* Checks the page holds a PL011 (its identification registers) and sets up receiving; 0, or
 * 1 (said why). */
int pl011_start(struct pl011 *u, const char *name);

extern const struct serial_uart_ops pl011_ops;

#endif
