/*
 * The arena's free lists (arena_chunk.h): exact bins 16 bytes apart below 1 KiB, one bin per
 * power of two above, each a doubly linked list with the newest chunk first (a block freed
 * is the first reused: it is likely still in the cache). A bitmap of non-empty bins makes
 * the search for a larger bin one bit scan per word.
 */
#include <stddef.h>
#include <stdint.h>

#include "mercury/lib/arena_chunk.h"

#define EXACT_BINS 64
#define EXACT_LIMIT (EXACT_BINS * 16u) /* 1 KiB */

unsigned arena_bin_index(size_t size)
{
	if (size < EXACT_LIMIT)
		return (unsigned)(size / 16);
	unsigned log2 = 63 - (unsigned)__builtin_clzll((unsigned long long)size);
	unsigned i = EXACT_BINS + log2 - 10;
	return i < MERCURY_ARENA_BINS ? i : MERCURY_ARENA_BINS - 1;
}

static void mark(struct mercury_arena *a, unsigned i, int nonempty)
{
	if (nonempty)
		a->nonempty[i / 64] |= 1ull << (i % 64);
	else
		a->nonempty[i / 64] &= ~(1ull << (i % 64));
}

void arena_bin_insert(struct mercury_arena *a, struct arena_chunk *c)
{
	unsigned i = arena_bin_index(chunk_size(c));
	c->prev = NULL;
	c->next = a->bins[i];
	if (c->next)
		c->next->prev = c;
	a->bins[i] = c;
	mark(a, i, 1);
}

void arena_bin_remove(struct mercury_arena *a, struct arena_chunk *c)
{
	unsigned i = arena_bin_index(chunk_size(c));
	if (c->prev)
		c->prev->next = c->next;
	else
		a->bins[i] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!a->bins[i])
		mark(a, i, 0);
}

/* The first non-empty bin from i on, or MERCURY_ARENA_BINS. */
static unsigned next_nonempty(const struct mercury_arena *a, unsigned i)
{
	while (i < MERCURY_ARENA_BINS) {
		uint64_t word = a->nonempty[i / 64] >> (i % 64);
		if (word)
			return i + (unsigned)__builtin_ctzll(word);
		i = (i / 64 + 1) * 64;
	}
	return MERCURY_ARENA_BINS;
}

struct arena_chunk *arena_bin_find(const struct mercury_arena *a, size_t size)
{
	unsigned i = arena_bin_index(size);
	/* An exact bin's chunks all fit; a power-of-two bin's may not: first fit. */
	for (struct arena_chunk *c = a->bins[i]; c; c = c->next)
		if (chunk_size(c) >= size)
			return c;
	/* Every chunk of a larger bin fits. */
	unsigned j = next_nonempty(a, i + 1);
	return j < MERCURY_ARENA_BINS ? a->bins[j] : NULL;
}
