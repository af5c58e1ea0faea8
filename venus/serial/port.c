/* The request logic of a serial driver (port.h). */
#include "venus/serial/port.h"

#include <string.h>

void serial_port_init(struct serial_port *p)
{
	memset(p, 0, sizeof(*p));
	serial_ring_init(&p->rx);
	serial_ring_init(&p->tx);
}

enum serial_read_verdict serial_port_read(struct serial_port *p, uint32_t max, bool wait,
					  uint8_t *out, size_t *len)
{
	*len = 0;
	if (max == 0 || max > SERIAL_CALL_MAX)
		return SERIAL_READ_BAD_MAX;
	/* A waiting reader would have been given any byte there is: with one, the ring is
	 * empty, and it comes first. */
	if (p->reader_waiting)
		return wait ? SERIAL_READ_BUSY : SERIAL_READ_NOTHING_YET;
	*len = serial_ring_take(&p->rx, out, max);
	if (*len > 0)
		return SERIAL_READ_DATA;
	if (!wait)
		return SERIAL_READ_NOTHING_YET;
	p->reader_waiting = true;
	p->reader_max = max;
	return SERIAL_READ_WAIT;
}

bool serial_port_answer_reader(struct serial_port *p, uint8_t *out, size_t *len)
{
	*len = 0;
	if (!p->reader_waiting || serial_ring_count(&p->rx) == 0)
		return false;
	*len = serial_ring_take(&p->rx, out, p->reader_max);
	serial_port_forget_reader(p);
	return true;
}

void serial_port_forget_reader(struct serial_port *p)
{
	p->reader_waiting = false;
	p->reader_max = 0;
}

void serial_port_received(struct serial_port *p, uint8_t b)
{
	if (!serial_ring_put(&p->rx, b))
		p->dropped++;
}

uint32_t serial_port_write(struct serial_port *p, const uint8_t *data, size_t len)
{
	if (len > SERIAL_CALL_MAX)
		len = SERIAL_CALL_MAX;
	uint32_t queued = 0;
	while (queued < len && serial_ring_put(&p->tx, data[queued]))
		queued++;
	return queued;
}

size_t serial_port_transmit(struct serial_port *p, uint8_t *out, size_t room)
{
	return serial_ring_take(&p->tx, out, room);
}
