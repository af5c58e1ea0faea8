/*
 * Polled output on an Arm PL011 UART (or an SBSA generic UART, its subset). The firmware has
 * already set the line up; we only write characters.
 */
#include <stdint.h>

#include "helios/arch/aarch64/aarch64.h"

#define UARTDR 0x00 /* data register */
#define UARTFR 0x18 /* flag register */
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */

static volatile uint32_t *regs;

void pl011_init(volatile void *base)
{
	regs = base;
}

void pl011_putc(char c)
{
	if (regs == 0)
		return;
	while (regs[UARTFR / 4] & UARTFR_TXFF)
		;
	regs[UARTDR / 4] = (uint8_t)c;
}
