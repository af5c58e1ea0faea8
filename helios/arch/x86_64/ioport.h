/*
 * I/O port capabilities. An IO_PORT capability covers the inclusive range first..last, kept in
 * its data word as first | last << 16. The range checks are inline so the host tests use
 * exactly what the kernel uses. ioport.c keeps which ports are issued; ioport_invoke.c is the
 * IO_CONTROL_* and IO_PORT_* methods.
 */
#ifndef HELIOS_ARCH_X86_64_IOPORT_H
#define HELIOS_ARCH_X86_64_IOPORT_H

#include <stdbool.h>
#include <stdint.h>

struct invocation;

#define IOPORT_LAST 0xffffu

static inline uint64_t ioport_cap_data(uint64_t first, uint64_t last)
{
	return first | last << 16;
}

static inline uint64_t ioport_first(uint64_t data)
{
	return data & 0xffff;
}

static inline uint64_t ioport_last(uint64_t data)
{
	return (data >> 16) & 0xffff;
}

/* IO_CONTROL_ISSUE's check: first <= last <= 0xffff. */
static inline bool ioport_range_valid(uint64_t first, uint64_t last)
{
	return first <= last && last <= IOPORT_LAST;
}

/* May a capability with this data access `width` bytes (1, 2, 4) at `port`? */
static inline bool ioport_access_ok(uint64_t data, uint64_t port, unsigned width)
{
	uint64_t first = ioport_first(data), last = ioport_last(data);
	return port >= first && port <= last && width - 1 <= last - port;
}

/* ---- ioport.c ---- */

/* Marks ports the kernel drives itself (PIC, PIT, COM1) as issued for good. */
void ioport_reserve_kernel(void);
/* COM1 becomes issuable (CONSOLE_HAND_OVER). */
void ioport_release_console(void);
/* Whether no port of first..last is issued. */
bool ioport_range_free(uint64_t first, uint64_t last);
/* Marks first..last issued (to a new IO_PORT capability). */
void ioport_issue(uint64_t first, uint64_t last);
/* The last capability to a range is gone: its ports can be issued again. */
void ioport_release(uint64_t data);

/* ---- ioport_invoke.c ---- */

/* IO_CONTROL_* and IO_PORT_* methods (enum helios_error). */
int io_control_invoke(struct invocation *inv);
int io_port_invoke(struct invocation *inv);

#endif
