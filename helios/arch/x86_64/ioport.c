/*
 * I/O ports: which ports are issued. IO_CONTROL_ISSUE hands out a range of ports as an IO_PORT
 * capability, at most one range per port at a time (IN_USE otherwise; the ports are free again
 * when the last copy of that capability is deleted). The kernel's own ports are never issued:
 * the PICs', the PIT's and, until CONSOLE_HAND_OVER, its console's (COM1: before that a task
 * driving it would garble, or read, what the kernel writes; after it, the serial driver owns
 * it and the kernel only polls the transmitter). The IO_CONTROL and IO_PORT methods are
 * ioport_invoke.c.
 */
#include "helios/arch/x86_64/ioport.h"

#include <stdbool.h>
#include <stdint.h>

#include "boot/x86_64/serial.h"

static uint64_t issued[(IOPORT_LAST + 1) / 64]; /* bit per port: part of an issued range */

static bool port_issued(uint64_t port)
{
	return issued[port / 64] & (1ull << (port % 64));
}

static void mark(uint64_t first, uint64_t last, bool on)
{
	for (uint64_t p = first; p <= last; p++) {
		if (on)
			issued[p / 64] |= 1ull << (p % 64);
		else
			issued[p / 64] &= ~(1ull << (p % 64));
	}
}

void ioport_reserve_kernel(void)
{
	mark(0x20, 0x21, true); /* master PIC */
	mark(0x40, 0x43, true); /* PIT */
	mark(0xa0, 0xa1, true); /* slave PIC */
	mark(SERIAL_COM1, SERIAL_COM1 + SERIAL_PORTS - 1, true); /* the console */
}

void ioport_release_console(void)
{
	mark(SERIAL_COM1, SERIAL_COM1 + SERIAL_PORTS - 1, false);
}

bool ioport_range_free(uint64_t first, uint64_t last)
{
	for (uint64_t p = first; p <= last; p++)
		if (port_issued(p))
			return false;
	return true;
}

void ioport_issue(uint64_t first, uint64_t last)
{
	mark(first, last, true);
}

void ioport_release(uint64_t data)
{
	mark(ioport_first(data), ioport_last(data), false);
}
