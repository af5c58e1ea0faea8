/*
 * The arena's blocks (arena.h): finding or growing a free chunk, splitting it, merging freed
 * chunks with their neighbours, and giving pages back. Every function that can fail checks
 * and commits what it needs before it changes a chunk, so a failure leaves the arena as it
 * was.
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

/* Records whether the chunk ending at `addr` is free: in the next chunk's header, or for the
 * last chunk in the arena itself. */
static void set_prev_free(struct mercury_arena *a, uintptr_t addr, int free)
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

/* The chunk after c, NULL at the end; *bad set if its header is not sound. */
static struct arena_chunk *chunk_after(const struct mercury_arena *a, const struct arena_chunk *c,
				       int *bad)
{
	uintptr_t next = chunk_end(c);
	if (next >= a->end)
		return NULL;
	struct arena_chunk *n = chunk_at(next);
	*bad = !sound(a, n, CHUNK_USED) && !sound(a, n, CHUNK_FREE);
	return n;
}

/* The last chunk when it is free, else NULL. */
static struct arena_chunk *free_tail(const struct mercury_arena *a)
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
static int free_chunk(struct mercury_arena *a, struct arena_chunk *c)
{
	struct arena_chunk *prev = NULL, *next;
	int bad_prev = 0, bad_next = 0;
	if (c->head & CHUNK_PREV_FREE) {
		prev = free_before(a, c);
		bad_prev = !prev;
	}
	next = chunk_after(a, c, &bad_next);
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
	set_prev_free(a, chunk_end(merged), 1);
	settle_free(a, merged);
	return MERCURY_ARENA_OK;
}

/* The used chunk of a block a program hands back, or the error that says why it is none. */
static int block_chunk(const struct mercury_arena *a, const void *p, struct arena_chunk **out)
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
	int err = block_chunk(a, p, &c);
	if (err)
		return err;
	size_t size = chunk_size(c);
	err = free_chunk(a, c);
	if (!err) {
		a->stats.used_bytes -= size;
		a->stats.used_blocks--;
	}
	return err;
}

/* ---- Allocating ------------------------------------------------------------------------- */

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
	struct arena_chunk *tail = free_tail(a);
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
	free_chunk(a, rest); /* its neighbours were sound a moment ago */
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
		set_prev_free(a, chunk_end(c), 0);
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
	free_chunk(a, c); /* marks `aligned` PREV_FREE */
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

int mercury_arena_usable(struct mercury_arena *a, const void *p, size_t *size)
{
	struct arena_chunk *c;
	int err = block_chunk(a, p, &c);
	if (!err)
		*size = chunk_size(c) - CHUNK_HEADER;
	return err;
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
	struct arena_chunk *next = chunk_after(a, c, &bad);
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
	set_prev_free(a, chunk_end(next), 0);
	chunk_set(c, size + chunk_size(next), (uint32_t)(c->head & CHUNK_PREV_FREE), CHUNK_USED);
	return MERCURY_ARENA_OK;
}

int mercury_arena_realloc(struct mercury_arena *a, void *p, size_t size, void **out)
{
	if (!p)
		return mercury_arena_alloc(a, size, MERCURY_ARENA_ALIGN, out);
	struct arena_chunk *c;
	int err = block_chunk(a, p, &c);
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

void mercury_arena_trim(struct mercury_arena *a)
{
	struct arena_chunk *tail = free_tail(a);
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
