/*
 * Polled output on an Arm PL011 UART (or an SBSA generic UART, its subset). The firmware has
 * already set the line up; we only write characters.
 */
#include <stdint.h>

#include "helios/arch/aarch64/aarch64.h"

#define UARTDR 0x00 /* data register */
#define UARTFR 0x18 /* flag register */
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */
#define UARTIMSC 0x38 /* interrupt mask set/clear */
#define UARTCR 0x30   /* control register */
#define UARTCR_UARTEN (1u << 0)
#define UARTCR_TXE (1u << 8)

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

void pl011_reclaim(void)
{
	if (regs == 0)
		return;
	regs[UARTIMSC / 4] = 0; /* no interrupts: the kernel polls */
	regs[UARTCR / 4] |= UARTCR_UARTEN | UARTCR_TXE;
}
