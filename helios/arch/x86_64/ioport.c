/*
 * I/O ports: IO_CONTROL_ISSUE hands out a range of ports as an IO_PORT capability, at most one
 * range per port at a time (IN_USE otherwise; the ports are free again when the last copy of
 * that capability is deleted). The kernel's own ports are never issued: the PICs', the PIT's
 * and its console's (COM1: a task driving it would garble, or read, what the kernel writes;
 * a serial driver gets it once the kernel hands the console over, which it does not yet).
 * IO_PORT_IN and OUT refuse with INVALID_PARAM an access that does not lie wholly inside the
 * capability's range, and OUT a value wider than the access; IN needs READ on the
 * capability, OUT and ISSUE need WRITE (ACCESS).
 */
#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "boot/x86_64/io.h"
#include "helios/arch/x86_64/ioport.h"
#include "boot/x86_64/serial.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"

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

void ioport_release(uint64_t data)
{
	mark(ioport_first(data), ioport_last(data), false);
}

/* IO_CONTROL_ISSUE (first port, last port, dest_slot) -> (dest slot). */
int io_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IO_CONTROL_ISSUE)
		return HELIOS_ERR_INVALID_METHOD;
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 3);
	uint64_t first = inv->params[0], last = inv->params[1];
	if (!ioport_range_valid(first, last))
		return HELIOS_ERR_INVALID_PARAM;
	for (uint64_t p = first; p <= last; p++)
		if (port_issued(p))
			return HELIOS_ERR_IN_USE;
	struct cap *slot;
	err = invoke_reserve_slot(inv, inv->params[2], &slot);
	if (err)
		return err;
	mark(first, last, true);
	cap_create(slot, HELIOS_CAP_IO_PORT, inv->cap->rights, 0, ioport_cap_data(first, last),
		   NULL, inv->cap);
	inv->results[0] = cspace_caddr(inv->cspace, slot);
	inv->nresults = 1;
	return HELIOS_OK;
}

/* Bytes an IN/OUT method moves, or 0 for labels that are not one. */
static unsigned access_width(uint64_t label)
{
	switch (label) {
	case HELIOS_IO_PORT_IN8:
	case HELIOS_IO_PORT_OUT8:
		return 1;
	case HELIOS_IO_PORT_IN16:
	case HELIOS_IO_PORT_OUT16:
		return 2;
	case HELIOS_IO_PORT_IN32:
	case HELIOS_IO_PORT_OUT32:
		return 4;
	default:
		return 0;
	}
}

static bool is_out(uint64_t label)
{
	return label == HELIOS_IO_PORT_OUT8 || label == HELIOS_IO_PORT_OUT16 ||
	       label == HELIOS_IO_PORT_OUT32;
}

/* IO_PORT_IN8/16/32 (port) -> (value); IO_PORT_OUT8/16/32 (port, value). */
int io_port_invoke(struct invocation *inv)
{
	unsigned width = access_width(inv->label);
	if (!width)
		return HELIOS_ERR_INVALID_METHOD;
	bool out = is_out(inv->label);
	int err = invoke_need_right(inv, out ? HELIOS_RIGHT_WRITE : HELIOS_RIGHT_READ);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, out ? 2u : 1u);
	uint64_t port = inv->params[0];
	if (!ioport_access_ok(inv->cap->data, port, width))
		return HELIOS_ERR_INVALID_PARAM;
	if (out) {
		uint64_t value = inv->params[1];
		if (value >> (8 * width))
			return HELIOS_ERR_INVALID_PARAM;
		if (width == 1)
			outb((uint16_t)port, (uint8_t)value);
		else if (width == 2)
			outw((uint16_t)port, (uint16_t)value);
		else
			outl((uint16_t)port, (uint32_t)value);
		return HELIOS_OK;
	}
	inv->results[0] = width == 1 ? inb((uint16_t)port)
			  : width == 2 ? inw((uint16_t)port)
				       : inl((uint16_t)port);
	inv->nresults = 1;
	return HELIOS_OK;
}
