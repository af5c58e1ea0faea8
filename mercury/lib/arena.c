/*
 * The arena (arena.h): setting it up, a chunk's neighbours, freeing blocks (merging them with
 * free neighbours, giving pages back), trimming. Allocating is in arena_alloc.c. Nothing is
 * changed before every record it depends on has been checked, so an error leaves the arena
 * as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mercury/lib/arena_chunk.h"

#define DEFAULT_RELEASE_MIN (64u * 1024)
#define DEFAULT_TRIM_MIN (128u * 1024)
#define DEFAULT_GROW_MIN (32u * 1024)

const char *mercury_arena_strerror(int err)
{
	switch (err) {
	case MERCURY_ARENA_OK:
		return "no error";
	case MERCURY_ARENA_ERR_NOMEM:
		return "out of memory";
	case MERCURY_ARENA_ERR_INVALID:
		return "not a block of this heap, or its header was overwritten";
	case MERCURY_ARENA_ERR_DOUBLE_FREE:
		return "double free";
	case MERCURY_ARENA_ERR_CORRUPT:
		return "heap corrupted";
	case MERCURY_ARENA_ERR_PARAM:
		return "invalid parameter";
	}
	return "unknown heap error";
}

int mercury_arena_init(struct mercury_arena *a, uintptr_t base, size_t size,
		       const struct mercury_page_source *pages)
{
	if (base % ARENA_PAGE || size % ARENA_PAGE || size < 2 * ARENA_PAGE ||
	    base + size < base)
		return MERCURY_ARENA_ERR_PARAM;
	memset(a, 0, sizeof(*a));
	a->base = base;
	a->limit = base + size;
	a->pages = *pages;
	size_t bits_per_page = MERCURY_ARENA_PAGE * 8;
	size_t bitmap_pages = (size / ARENA_PAGE + bits_per_page - 1) / bits_per_page;
	a->start = a->end = base + bitmap_pages * ARENA_PAGE;
	if (a->start >= a->limit)
		return MERCURY_ARENA_ERR_PARAM;
	a->release_min = DEFAULT_RELEASE_MIN;
	a->trim_min = DEFAULT_TRIM_MIN;
	a->grow_min = DEFAULT_GROW_MIN;
	return arena_pages_init(a);
}

void mercury_arena_destroy(struct mercury_arena *a)
{
	arena_pages_destroy(a);
}

/* ---- Neighbours ------------------------------------------------------------------------ */

void arena_set_prev_free(struct mercury_arena *a, uintptr_t addr, int free)
{
	if (addr >= a->end) {
		a->tail_free = free;
		return;
	}
	struct arena_chunk *next = chunk_at(addr);
	uint32_t flags = (uint32_t)(next->head & CHUNK_FLAGS);
	chunk_set_flags(next, free ? flags | CHUNK_PREV_FREE : flags & ~CHUNK_PREV_FREE);
}

/* Whether c is a sound header of the arena (readable, check word, size in bounds), of a
 * chunk with `magic`. */
static int sound(const struct mercury_arena *a, const struct arena_chunk *c, uint32_t magic)
{
	uintptr_t at = (uintptr_t)c;
	if (at < a->start || at >= a->end || at % MERCURY_ARENA_ALIGN ||
	    !arena_page_committed(a, at) || c->magic != magic || c->check != chunk_check_word(c))
		return 0;
	size_t size = chunk_size(c);
	return size >= CHUNK_MIN && size % MERCURY_ARENA_ALIGN == 0 && size <= a->end - at;
}

/* The free chunk before c (whose PREV_FREE flag is set), or NULL if its records are wrong. */
static struct arena_chunk *free_before(const struct mercury_arena *a, const struct arena_chunk *c)
{
	uintptr_t footer = (uintptr_t)c - CHUNK_FOOTER;
	if ((uintptr_t)c < a->start + CHUNK_MIN || !arena_page_committed(a, footer))
		return NULL; /* a PREV_FREE flag that cannot be true */
	uint64_t size = *(const uint64_t *)footer;
	if (size > (uintptr_t)c - a->start)
		return NULL;
	struct arena_chunk *prev = chunk_at((uintptr_t)c - size);
	return sound(a, prev, CHUNK_FREE) && chunk_size(prev) == size ? prev : NULL;
}

struct arena_chunk *arena_chunk_after(const struct mercury_arena *a,
				      const struct arena_chunk *c, int *bad)
{
	uintptr_t next = chunk_end(c);
	if (next >= a->end)
		return NULL;
	struct arena_chunk *n = chunk_at(next);
	*bad = !sound(a, n, CHUNK_USED) && !sound(a, n, CHUNK_FREE);
	return n;
}

struct arena_chunk *arena_free_tail(const struct mercury_arena *a)
{
	return a->tail_free ? free_before(a, chunk_at(a->end)) : NULL;
}

/* ---- Giving pages back -------------------------------------------------------------------- */

/* Gives back the inner pages of a free chunk (out of its bin: the flag changes its header). */
static void release_inner(struct mercury_arena *a, struct arena_chunk *c)
{
	uintptr_t from = chunk_inner_start(c), to = chunk_inner_end(c);
	if (from >= to)
		return;
	arena_release(a, from, to);
	chunk_set_flags(c, (uint32_t)(c->head & CHUNK_FLAGS) | CHUNK_RELEASED);
}

enum trim { NOT_TRIMMED, TRIMMED, REMOVED };

/*
 * Shrinks the arena at the free last chunk c (out of its bin): to its start when that is a
 * page boundary (the chunk is gone: REMOVED), else to the smallest chunk that can stay there
 * (TRIMMED). NOT_TRIMMED when the page the shorter chunk's footer needs is not to be had.
 */
static enum trim trim_tail(struct mercury_arena *a, struct arena_chunk *c)
{
	uintptr_t at = (uintptr_t)c;
	if (at % ARENA_PAGE == 0) {
		arena_release(a, at, a->end);
		a->end = at;
		a->tail_free = 0; /* the chunk before c, if any, is used */
		return REMOVED;
	}
	uintptr_t new_end = page_up(at + CHUNK_MIN);
	if (new_end >= a->end || arena_commit(a, at, new_end))
		return NOT_TRIMMED;
	arena_release(a, new_end, a->end);
	a->end = new_end;
	/* What is left has no inner pages. */
	chunk_set(c, new_end - at, (uint32_t)(c->head & CHUNK_PREV_FREE), CHUNK_FREE);
	return TRIMMED;
}

/* A free chunk, out of any bin, is given back what the policy says and put in its bin. */
static void settle_free(struct mercury_arena *a, struct arena_chunk *c)
{
	size_t size = chunk_size(c);
	enum trim trim = NOT_TRIMMED;
	if (chunk_end(c) == a->end && size >= a->trim_min)
		trim = trim_tail(a, c);
	if (trim == REMOVED)
		return;
	if (trim == NOT_TRIMMED && size >= a->release_min)
		release_inner(a, c);
	arena_bin_insert(a, c);
}

/* ---- Freeing ---------------------------------------------------------------------------- */

/*
 * Frees chunk c (sound, used), merging it with free neighbours. Its own header is marked free
 * first, so a pointer to it freed again is seen as a double free even once it is inside a
 * larger chunk. A RELEASED flag on c says some of its inner pages are not committed (the
 * rest of a chunk that was). Returns CORRUPT (changing nothing) if a neighbour's records are
 * wrong.
 */
int arena_free_chunk(struct mercury_arena *a, struct arena_chunk *c)
{
	struct arena_chunk *prev = NULL, *next;
	int bad_prev = 0, bad_next = 0;
	if (c->head & CHUNK_PREV_FREE) {
		prev = free_before(a, c);
		bad_prev = !prev;
	}
	next = arena_chunk_after(a, c, &bad_next);
	if (bad_prev || bad_next)
		return MERCURY_ARENA_ERR_CORRUPT;
	if (next && next->magic != CHUNK_FREE)
		next = NULL;
	uint32_t released = (uint32_t)(c->head & CHUNK_RELEASED);
	struct arena_chunk *merged = c;
	size_t size = chunk_size(c);
	chunk_set(c, size, (uint32_t)(c->head & CHUNK_FLAGS), CHUNK_FREE);
	if (prev) {
		arena_bin_remove(a, prev);
		released |= prev->head & CHUNK_RELEASED;
		merged = prev;
		size += chunk_size(prev);
	}
	if (next) {
		arena_bin_remove(a, next);
		released |= next->head & CHUNK_RELEASED;
		size += chunk_size(next);
	}
	/* Neither neighbour of a free chunk is free: the one before merged is used. */
	chunk_set(merged, size, released, CHUNK_FREE);
	arena_set_prev_free(a, chunk_end(merged), 1);
	settle_free(a, merged);
	return MERCURY_ARENA_OK;
}

int arena_block_chunk(const struct mercury_arena *a, const void *p, struct arena_chunk **out)
{
	uintptr_t at = (uintptr_t)p - CHUNK_HEADER;
	if ((uintptr_t)p < a->start + CHUNK_HEADER || (uintptr_t)p >= a->end ||
	    (uintptr_t)p % MERCURY_ARENA_ALIGN || !arena_page_committed(a, at))
		return MERCURY_ARENA_ERR_INVALID;
	struct arena_chunk *c = chunk_at(at);
	if (sound(a, c, CHUNK_USED)) {
		*out = c;
		return MERCURY_ARENA_OK;
	}
	return sound(a, c, CHUNK_FREE) ? MERCURY_ARENA_ERR_DOUBLE_FREE : MERCURY_ARENA_ERR_INVALID;
}

int mercury_arena_free(struct mercury_arena *a, void *p)
{
	if (!p)
		return MERCURY_ARENA_OK;
	struct arena_chunk *c;
	int err = arena_block_chunk(a, p, &c);
	if (err)
		return err;
	size_t size = chunk_size(c);
	err = arena_free_chunk(a, c);
	if (!err) {
		a->stats.used_bytes -= size;
		a->stats.used_blocks--;
	}
	return err;
}

int mercury_arena_usable(struct mercury_arena *a, const void *p, size_t *size)
{
	struct arena_chunk *c;
	int err = arena_block_chunk(a, p, &c);
	if (!err)
		*size = chunk_size(c) - CHUNK_HEADER;
	return err;
}

void mercury_arena_trim(struct mercury_arena *a)
{
	struct arena_chunk *tail = arena_free_tail(a);
	if (tail) {
		arena_bin_remove(a, tail);
		if (trim_tail(a, tail) != REMOVED)
			arena_bin_insert(a, tail);
	}
	/* Every free chunk's inner pages (the trimmed tail has none). */
	for (unsigned i = 0; i < MERCURY_ARENA_BINS; i++)
		for (struct arena_chunk *c = a->bins[i]; c; c = c->next)
			release_inner(a, c);
}
