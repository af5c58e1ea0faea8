/*
 * IO_CONTROL_ISSUE and IO_PORT_IN/OUT. IO_PORT_IN and OUT refuse with INVALID_PARAM an access
 * that does not lie wholly inside the capability's range, and OUT a value wider than the
 * access; IN needs READ on the capability, OUT and ISSUE need WRITE (ACCESS). Each decode step
 * checks all that (ISSUE reserving its destination slot last); the invoke step cannot fail
 * (helios/kernel/invoke.h).
 */
#include "helios/arch/x86_64/ioport.h"

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "boot/x86_64/io.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/invoke.h"

/* A decoded IO_CONTROL_ISSUE. */
struct issue_ports {
	uint64_t first, last;
	struct cap *slot; /* reserved */
};

/* IO_CONTROL_ISSUE (first port, last port, dest_slot). */
static int decode_issue_ports(struct invocation *inv, struct issue_ports *issue)
{
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 3);
	issue->first = inv->params[0];
	issue->last = inv->params[1];
	if (!ioport_range_valid(issue->first, issue->last))
		return HELIOS_ERR_INVALID_PARAM;
	if (!ioport_range_free(issue->first, issue->last))
		return HELIOS_ERR_IN_USE;
	return invoke_reserve_slot(inv, inv->params[2], &issue->slot);
}

/* -> (dest slot). */
static void invoke_issue_ports(struct invocation *inv, const struct issue_ports *issue)
{
	ioport_issue(issue->first, issue->last);
	cap_create(issue->slot, HELIOS_CAP_IO_PORT, inv->cap->rights, 0,
		   ioport_cap_data(issue->first, issue->last), NULL, inv->cap);
	invoke_result_slot(inv, issue->slot);
}

int io_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IO_CONTROL_ISSUE)
		return HELIOS_ERR_INVALID_METHOD;
	struct issue_ports issue;
	int err = decode_issue_ports(inv, &issue);
	if (err)
		return err;
	invoke_issue_ports(inv, &issue);
	return HELIOS_OK;
}

/* A decoded IN or OUT. */
struct access {
	unsigned width; /* bytes: 1, 2 or 4 */
	bool out;
	uint16_t port;
	uint32_t value; /* OUT */
};

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

/* IO_PORT_IN8/16/32 (port); IO_PORT_OUT8/16/32 (port, value). */
static int decode_access(struct invocation *inv, struct access *a)
{
	a->width = access_width(inv->label);
	if (!a->width)
		return HELIOS_ERR_INVALID_METHOD;
	a->out = is_out(inv->label);
	int err = invoke_need_right(inv, a->out ? HELIOS_RIGHT_WRITE : HELIOS_RIGHT_READ);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, a->out ? 2u : 1u);
	uint64_t port = inv->params[0];
	if (!ioport_access_ok(inv->cap->data, port, a->width))
		return HELIOS_ERR_INVALID_PARAM;
	a->port = (uint16_t)port;
	a->value = 0;
	if (a->out) {
		uint64_t value = inv->params[1];
		if (value >> (8 * a->width))
			return HELIOS_ERR_INVALID_PARAM;
		a->value = (uint32_t)value;
	}
	return HELIOS_OK;
}

/* IN -> (value). */
static void invoke_access(struct invocation *inv, const struct access *a)
{
	if (a->out) {
		if (a->width == 1)
			outb(a->port, (uint8_t)a->value);
		else if (a->width == 2)
			outw(a->port, (uint16_t)a->value);
		else
			outl(a->port, a->value);
		return;
	}
	inv->results[0] = a->width == 1 ? inb(a->port) : a->width == 2 ? inw(a->port) : inl(a->port);
	inv->nresults = 1;
}

int io_port_invoke(struct invocation *inv)
{
	struct access a;
	int err = decode_access(inv, &a);
	if (err)
		return err;
	invoke_access(inv, &a);
	return HELIOS_OK;
}
