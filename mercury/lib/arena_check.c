/*
 * mercury_arena_check (arena.h): every chunk from the start to the end is sound and its
 * neighbours agree with it (flags, footers, no two free chunks side by side, used chunks
 * fully committed), every bin holds exactly the free chunks of its sizes, and the counts
 * match the statistics.
 */
#include <stddef.h>
#include <stdint.h>

#include "mercury/lib/arena_chunk.h"

#define CORRUPT MERCURY_ARENA_ERR_CORRUPT

static int header_sound(const struct mercury_arena *a, const struct arena_chunk *c)
{
	size_t size = chunk_size(c);
	return arena_page_committed(a, (uintptr_t)c) &&
	       (c->magic == CHUNK_USED || c->magic == CHUNK_FREE) &&
	       c->check == chunk_check_word(c) && size >= CHUNK_MIN &&
	       size % MERCURY_ARENA_ALIGN == 0 && size <= a->end - (uintptr_t)c;
}

static int fully_committed(const struct mercury_arena *a, const struct arena_chunk *c)
{
	for (uintptr_t p = page_down((uintptr_t)c); p < chunk_end(c); p += ARENA_PAGE)
		if (!arena_page_committed(a, p))
			return 0;
	return 1;
}

/* One chunk against the one before it (whether that was free). */
static int chunk_ok(const struct mercury_arena *a, const struct arena_chunk *c, int prev_free)
{
	if (!header_sound(a, c) || !!(c->head & CHUNK_PREV_FREE) != prev_free)
		return 0;
	if (c->magic == CHUNK_USED)
		return !(c->head & CHUNK_RELEASED) && fully_committed(a, c);
	return !prev_free && arena_page_committed(a, chunk_end(c) - CHUNK_FOOTER) &&
	       *(const uint64_t *)(chunk_end(c) - CHUNK_FOOTER) == chunk_size(c) &&
	       ((c->head & CHUNK_RELEASED) || fully_committed(a, c));
}

/* Walks the chunks: the free ones counted, the used ones summed. */
static int walk_chunks(const struct mercury_arena *a, size_t *free_chunks)
{
	size_t used_bytes = 0, used_blocks = 0;
	int prev_free = 0;
	uintptr_t at = a->start;
	while (at < a->end) {
		const struct arena_chunk *c = chunk_at(at);
		if (!chunk_ok(a, c, prev_free))
			return CORRUPT;
		prev_free = c->magic == CHUNK_FREE;
		if (prev_free) {
			++*free_chunks;
		} else {
			used_bytes += chunk_size(c);
			used_blocks++;
		}
		at = chunk_end(c);
	}
	if (at != a->end || prev_free != a->tail_free || used_bytes != a->stats.used_bytes ||
	    used_blocks != a->stats.used_blocks)
		return CORRUPT;
	return MERCURY_ARENA_OK;
}

static int walk_bins(const struct mercury_arena *a, size_t *in_bins)
{
	for (unsigned i = 0; i < MERCURY_ARENA_BINS; i++) {
		int marked = (a->nonempty[i / 64] >> (i % 64)) & 1;
		if (marked != (a->bins[i] != NULL))
			return CORRUPT;
		const struct arena_chunk *prev = NULL;
		for (const struct arena_chunk *c = a->bins[i]; c; c = c->next) {
			uintptr_t at = (uintptr_t)c;
			if (at < a->start || at >= a->end || !header_sound(a, c) ||
			    c->magic != CHUNK_FREE || c->prev != prev ||
			    arena_bin_index(chunk_size(c)) != i || ++*in_bins > a->end - a->start)
				return CORRUPT;
			prev = c;
		}
	}
	return MERCURY_ARENA_OK;
}

int mercury_arena_check(const struct mercury_arena *a)
{
	size_t free_chunks = 0, in_bins = 0;
	int err = walk_chunks(a, &free_chunks);
	if (!err)
		err = walk_bins(a, &in_bins);
	if (!err && free_chunks != in_bins)
		err = CORRUPT;
	return err;
}
