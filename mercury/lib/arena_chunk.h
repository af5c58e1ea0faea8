/*
 * The arena's chunks (arena.h), shared by its files. Every chunk starts with a header; a free
 * chunk also holds its bin links after the header and its size in its last 8 bytes (the
 * footer), so the chunk after it can find its start. A header's check word ties it to its
 * size, flags, magic and address: a header that something overwrote no longer matches.
 *
 * Which pages are committed: every page holding a header, the bin links or a footer, and
 * every page of a used chunk. Only a free chunk marked RELEASED may lack pages, and only its
 * inner pages (chunk_inner_*).
 */
#ifndef MERCURY_LIB_ARENA_CHUNK_H
#define MERCURY_LIB_ARENA_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#include <mercury/arena.h>

struct arena_chunk {
	uint64_t head;  /* size | flags */
	uint32_t magic; /* CHUNK_USED or CHUNK_FREE */
	uint32_t check; /* chunk_check_word() */
	/* Free chunks only: */
	struct arena_chunk *next, *prev;
};

#define CHUNK_HEADER 16u             /* before the block handed out */
#define CHUNK_FREE_HEADER 32u        /* header and bin links */
#define CHUNK_FOOTER 8u
#define CHUNK_MIN 48u                /* header, links, footer, rounded to 16 */
#define CHUNK_USED 0x75736564u       /* "used" */
#define CHUNK_FREE 0x66726565u       /* "free" */

#define CHUNK_PREV_FREE 1u /* the chunk before is free (its footer holds its size) */
#define CHUNK_RELEASED 2u  /* free, and its inner pages may be given back */
#define CHUNK_FLAGS 15u

#define ARENA_PAGE ((uintptr_t)MERCURY_ARENA_PAGE)

static inline uintptr_t page_down(uintptr_t x)
{
	return x & ~(ARENA_PAGE - 1);
}

static inline uintptr_t page_up(uintptr_t x)
{
	return (x + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1);
}

static inline size_t chunk_size(const struct arena_chunk *c)
{
	return (size_t)(c->head & ~(uint64_t)CHUNK_FLAGS);
}

static inline uint32_t chunk_check_word(const struct arena_chunk *c)
{
	uint64_t x = c->head ^ (uintptr_t)c ^ c->magic ^ 0x9e3779b97f4a7c15ull;
	return (uint32_t)(x ^ x >> 32);
}

/* Writes a header (and the footer of a free chunk). */
static inline void chunk_set(struct arena_chunk *c, size_t size, uint32_t flags, uint32_t magic)
{
	c->head = size | flags;
	c->magic = magic;
	c->check = chunk_check_word(c);
	if (magic == CHUNK_FREE)
		*(uint64_t *)((uintptr_t)c + size - CHUNK_FOOTER) = size;
}

static inline void chunk_set_flags(struct arena_chunk *c, uint32_t flags)
{
	chunk_set(c, chunk_size(c), flags, c->magic);
}

static inline struct arena_chunk *chunk_at(uintptr_t addr)
{
	return (struct arena_chunk *)addr;
}

static inline uintptr_t chunk_end(const struct arena_chunk *c)
{
	return (uintptr_t)c + chunk_size(c);
}

/* The inner pages of a free chunk: the whole pages between its links and its footer. */
static inline uintptr_t chunk_inner_start(const struct arena_chunk *c)
{
	return page_up((uintptr_t)c + CHUNK_FREE_HEADER);
}

static inline uintptr_t chunk_inner_end(const struct arena_chunk *c)
{
	return page_down(chunk_end(c) - CHUNK_FOOTER);
}

/* ---- Pages (arena_pages.c) ----------------------------------------------------------- */

/* Whether the page holding addr is committed. */
int arena_page_committed(const struct mercury_arena *a, uintptr_t addr);
/* Commits every page of [from, to) not yet committed (rounded out to pages): 0 or NOMEM.
 * Pages committed before a failure stay committed (and recorded). */
int arena_commit(struct mercury_arena *a, uintptr_t from, uintptr_t to);
/* Releases every committed page of [from, to) (both page-aligned). */
void arena_release(struct mercury_arena *a, uintptr_t from, uintptr_t to);
/* Sets up the bitmap for [base, base + size): commits its first page. */
int arena_pages_init(struct mercury_arena *a);
/* Releases every page, the bitmap's last. */
void arena_pages_destroy(struct mercury_arena *a);

/* ---- Blocks (arena.c, for arena_alloc.c) ---------------------------------------------- */

/* Records whether the chunk ending at addr is free (in the next chunk's header, or for the
 * last chunk in the arena itself). */
void arena_set_prev_free(struct mercury_arena *a, uintptr_t addr, int free);
/* The chunk after c, NULL at the end; *bad set if its header is not sound. */
struct arena_chunk *arena_chunk_after(const struct mercury_arena *a,
				      const struct arena_chunk *c, int *bad);
/* The last chunk when it is free, else NULL. */
struct arena_chunk *arena_free_tail(const struct mercury_arena *a);
/* Frees used chunk c, merging it with free neighbours and giving back pages as the policy
 * says; CORRUPT (nothing changed) if a neighbour's records are wrong. */
int arena_free_chunk(struct mercury_arena *a, struct arena_chunk *c);
/* The used chunk of a block a program hands back, or the error that says why it is none. */
int arena_block_chunk(const struct mercury_arena *a, const void *p, struct arena_chunk **out);

/* ---- Bins (arena_bins.c) ------------------------------------------------------------- */

void arena_bin_insert(struct mercury_arena *a, struct arena_chunk *c);
void arena_bin_remove(struct mercury_arena *a, struct arena_chunk *c);
/* A free chunk of at least `size` bytes, still in its bin; NULL when none. */
struct arena_chunk *arena_bin_find(const struct mercury_arena *a, size_t size);
unsigned arena_bin_index(size_t size);

#endif
