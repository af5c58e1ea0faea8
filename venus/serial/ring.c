/* The byte ring (ring.h). */
#include "venus/serial/ring.h"

#include <string.h>

void serial_ring_init(struct serial_ring *r)
{
	memset(r, 0, sizeof(*r));
}

bool serial_ring_put(struct serial_ring *r, uint8_t b)
{
	if (r->count == SERIAL_RING_SIZE)
		return false;
	r->data[(r->head + r->count) % SERIAL_RING_SIZE] = b;
	r->count++;
	return true;
}

size_t serial_ring_take(struct serial_ring *r, uint8_t *out, size_t max)
{
	size_t n = 0;
	while (n < max && r->count > 0) {
		out[n++] = r->data[r->head];
		r->head = (r->head + 1) % SERIAL_RING_SIZE;
		r->count--;
	}
	return n;
}
