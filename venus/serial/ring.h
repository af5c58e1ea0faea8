/*
 * A bounded ring of bytes (a UART's receive or transmit queue): put refuses a byte when full,
 * take copies out what is there. Pure C, host-tested.
 */
#ifndef VENUS_SERIAL_RING_H
#define VENUS_SERIAL_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SERIAL_RING_SIZE 1024

struct serial_ring {
	uint8_t data[SERIAL_RING_SIZE];
	uint32_t head;  /* the oldest byte */
	uint32_t count; /* bytes held */
};

void serial_ring_init(struct serial_ring *r);
/* Adds b at the end; false (nothing changed) when the ring is full. */
bool serial_ring_put(struct serial_ring *r, uint8_t b);
/* Moves up to max of the oldest bytes to out; how many. */
size_t serial_ring_take(struct serial_ring *r, uint8_t *out, size_t max);
static inline size_t serial_ring_count(const struct serial_ring *r)
{
	return r->count;
}
static inline size_t serial_ring_room(const struct serial_ring *r)
{
	return SERIAL_RING_SIZE - r->count;
}

#endif
