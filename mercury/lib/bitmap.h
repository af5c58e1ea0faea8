/*
 * Bit arrays of 64-bit words, for the library's own bookkeeping (the arena's page records,
 * address reservations). Not atomic: their users hold a lock.
 */
#ifndef MERCURY_LIB_BITMAP_H
#define MERCURY_LIB_BITMAP_H

#include <stddef.h>
#include <stdint.h>

static inline int bitmap_get(const uint64_t *bits, size_t i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

/* Sets (on) or clears `count` bits from `first`. */
static inline void bitmap_set_run(uint64_t *bits, size_t first, size_t count, int on)
{
	for (size_t i = first; i < first + count; i++) {
		if (on)
			bits[i / 64] |= 1ull << (i % 64);
		else
			bits[i / 64] &= ~(1ull << (i % 64));
	}
}

#endif
