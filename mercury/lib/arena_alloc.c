/*
 * Allocating and resizing the arena's blocks (arena.h): finding a free chunk or growing the
 * arena, splitting, alignment, growing in place. Every step that can fail commits what it
 * needs before it changes a chunk.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mercury/lib/arena_chunk.h"

/* Bytes of chunk for a block of `size` bytes, 0 when too large for any arena. */
static size_t chunk_bytes(size_t size)
{
	if (size > SIZE_MAX / 2)
		return 0;
	size_t bytes = (size + CHUNK_HEADER + MERCURY_ARENA_ALIGN - 1) &
		       ~(size_t)(MERCURY_ARENA_ALIGN - 1);
	return bytes < CHUNK_MIN ? CHUNK_MIN : bytes;
}

/*
 * Grows the arena so a free chunk of `need` bytes exists at its end (the free last chunk
 * extended, or a new one), in its bin. NOMEM when the range or the page source runs out.
 */
static int grow(struct mercury_arena *a, size_t need)
{
	struct arena_chunk *tail = arena_free_tail(a);
	size_t have = tail ? chunk_size(tail) : 0;
	size_t want = page_up(need - have);
	if (want < a->grow_min)
		want = page_up(a->grow_min);
	if (want > a->limit - a->end)
		want = page_up(need - have);
	if (want > a->limit - a->end || arena_commit(a, a->end, a->end + want))
		return MERCURY_ARENA_ERR_NOMEM;
	uintptr_t old_end = a->end;
	a->end += want;
	if (tail) {
		arena_bin_remove(a, tail);
		chunk_set(tail, have + want, (uint32_t)(tail->head & CHUNK_FLAGS), CHUNK_FREE);
		arena_bin_insert(a, tail);
	} else {
		chunk_set(chunk_at(old_end), want, 0, CHUNK_FREE);
		arena_bin_insert(a, chunk_at(old_end));
		a->tail_free = 1;
	}
	return MERCURY_ARENA_OK;
}

/*
 * Commits what taking `need` bytes from free chunk c will use: the block, and the header and
 * links of what is left over. Only a RELEASED chunk can lack any of it.
 */
static int prepare(struct mercury_arena *a, struct arena_chunk *c, size_t need)
{
	if (!(c->head & CHUNK_RELEASED))
		return MERCURY_ARENA_OK;
	uintptr_t to = (uintptr_t)c + need + CHUNK_FREE_HEADER;
	return arena_commit(a, (uintptr_t)c, to < chunk_end(c) ? to : chunk_end(c));
}

/*
 * Cuts used chunk c down to `need` bytes when the rest makes a chunk of its own, which is
 * then freed (merging with a free chunk after it). `released`: CHUNK_RELEASED when the rest
 * may lack inner pages (it came from a RELEASED chunk), else 0.
 */
static void shrink(struct mercury_arena *a, struct arena_chunk *c, size_t need,
		   uint32_t released)
{
	size_t size = chunk_size(c);
	if (size - need < CHUNK_MIN)
		return;
	uint32_t flags = (uint32_t)(c->head & CHUNK_PREV_FREE);
	chunk_set(c, need, flags, CHUNK_USED);
	struct arena_chunk *rest = chunk_at((uintptr_t)c + need);
	chunk_set(rest, size - need, released, CHUNK_USED);
	arena_free_chunk(a, rest); /* its neighbours were sound a moment ago */
}

/* Takes free chunk c (prepared, in its bin) for a block: used, cut down to `need`. */
static void take(struct mercury_arena *a, struct arena_chunk *c, size_t need)
{
	arena_bin_remove(a, c);
	size_t size = chunk_size(c);
	uint32_t released = (uint32_t)(c->head & CHUNK_RELEASED);
	if (size - need >= CHUNK_MIN) {
		/* The rest stays free, RELEASED as c was: its inner pages are c's last ones. */
		chunk_set(c, need, 0, CHUNK_USED);
		struct arena_chunk *rest = chunk_at((uintptr_t)c + need);
		chunk_set(rest, size - need, released, CHUNK_FREE);
		arena_bin_insert(a, rest);
	} else {
		chunk_set(c, size, 0, CHUNK_USED);
		arena_set_prev_free(a, chunk_end(c), 0);
	}
}

/* A used chunk of at least `need` bytes, fully committed. */
static int get_chunk(struct mercury_arena *a, size_t need, struct arena_chunk **out)
{
	struct arena_chunk *c = arena_bin_find(a, need);
	if (!c) {
		int err = grow(a, need);
		if (err)
			return err;
		c = arena_bin_find(a, need);
	}
	if (prepare(a, c, need))
		return MERCURY_ARENA_ERR_NOMEM;
	take(a, c, need);
	*out = c;
	return MERCURY_ARENA_OK;
}

/* Moves the start of used chunk c forward to the chunk `at` (at least CHUNK_MIN further),
 * freeing the bytes before it. */
static struct arena_chunk *cut_front(struct mercury_arena *a, struct arena_chunk *c, uintptr_t at)
{
	size_t size = chunk_size(c), front = at - (uintptr_t)c;
	struct arena_chunk *aligned = chunk_at(at);
	chunk_set(aligned, size - front, 0, CHUNK_USED);
	chunk_set(c, front, (uint32_t)(c->head & CHUNK_PREV_FREE), CHUNK_USED);
	arena_free_chunk(a, c); /* marks `aligned` PREV_FREE */
	return aligned;
}

static void count_used(struct mercury_arena *a, const struct arena_chunk *c, int blocks)
{
	a->stats.used_bytes += chunk_size(c);
	a->stats.used_blocks += (size_t)blocks;
}

int mercury_arena_alloc(struct mercury_arena *a, size_t size, size_t align, void **out)
{
	if (align & (align - 1))
		return MERCURY_ARENA_ERR_PARAM;
	size_t need = chunk_bytes(size);
	if (!need)
		return MERCURY_ARENA_ERR_NOMEM;
	/* A larger alignment: room to move the block forward past a chunk of its own. */
	size_t extra = align > MERCURY_ARENA_ALIGN ? align + CHUNK_MIN : 0;
	if (need + extra < need || need + extra > a->limit - a->start)
		return MERCURY_ARENA_ERR_NOMEM;
	struct arena_chunk *c;
	int err = get_chunk(a, need + extra, &c);
	if (err)
		return err;
	uintptr_t block = ((uintptr_t)c + CHUNK_HEADER + align - 1) & ~(uintptr_t)(align - 1);
	if (extra && block - CHUNK_HEADER != (uintptr_t)c) {
		if (block - CHUNK_HEADER - (uintptr_t)c < CHUNK_MIN)
			block += align;
		c = cut_front(a, c, block - CHUNK_HEADER);
	}
	shrink(a, c, need, 0);
	count_used(a, c, 1);
	*out = (void *)((uintptr_t)c + CHUNK_HEADER);
	return MERCURY_ARENA_OK;
}

/*
 * Grows used chunk c in place to at least `need` bytes: into the free chunk after it (whose
 * RELEASED flag goes to *released: what is beyond `need` may lack pages), or, as the last
 * chunk, by growing the arena. NOMEM when neither can (nothing changed then).
 */
static int grow_in_place(struct mercury_arena *a, struct arena_chunk *c, size_t need,
			 uint32_t *released)
{
	size_t size = chunk_size(c);
	int bad = 0;
	struct arena_chunk *next = arena_chunk_after(a, c, &bad);
	if (bad)
		return MERCURY_ARENA_ERR_CORRUPT;
	if (!next) {
		size_t more = page_up(need - size);
		if (more > a->limit - a->end || arena_commit(a, a->end, a->end + more))
			return MERCURY_ARENA_ERR_NOMEM;
		a->end += more;
		chunk_set(c, size + more, (uint32_t)(c->head & CHUNK_PREV_FREE), CHUNK_USED);
		return MERCURY_ARENA_OK;
	}
	if (next->magic != CHUNK_FREE || size + chunk_size(next) < need)
		return MERCURY_ARENA_ERR_NOMEM;
	if (prepare(a, next, need - size))
		return MERCURY_ARENA_ERR_NOMEM;
	/* next's header stays marked free inside c: a stale pointer to it is a double free. */
	arena_bin_remove(a, next);
	*released = (uint32_t)(next->head & CHUNK_RELEASED);
	arena_set_prev_free(a, chunk_end(next), 0);
	chunk_set(c, size + chunk_size(next), (uint32_t)(c->head & CHUNK_PREV_FREE), CHUNK_USED);
	return MERCURY_ARENA_OK;
}

int mercury_arena_realloc(struct mercury_arena *a, void *p, size_t size, void **out)
{
	if (!p)
		return mercury_arena_alloc(a, size, MERCURY_ARENA_ALIGN, out);
	struct arena_chunk *c;
	int err = arena_block_chunk(a, p, &c);
	if (err)
		return err;
	size_t need = chunk_bytes(size), old = chunk_size(c);
	if (!need)
		return MERCURY_ARENA_ERR_NOMEM;
	uint32_t released = 0;
	if (need <= old || grow_in_place(a, c, need, &released) == MERCURY_ARENA_OK) {
		shrink(a, c, need, released);
		a->stats.used_bytes += chunk_size(c);
		a->stats.used_bytes -= old;
		*out = p;
		return MERCURY_ARENA_OK;
	}
	void *moved;
	err = mercury_arena_alloc(a, size, MERCURY_ARENA_ALIGN, &moved);
	if (err)
		return err;
	memcpy(moved, p, old - CHUNK_HEADER);
	*out = moved;
	return mercury_arena_free(a, p);
}

