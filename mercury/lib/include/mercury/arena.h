/*
 * An arena: the allocator behind malloc, over one range of virtual addresses whose pages a
 * page source backs on demand. Pure C with no syscalls (the page source does those), so the
 * host tests run it over a fake source; <mercury/heap.h> puts a lock and real pages around
 * it, and <mercury/malloc.h> is the program's arena.
 *
 * Blocks are 16-byte aligned chunks with a 16-byte header, kept between the range's start and
 * a moving end: free chunks merge with free neighbours and wait in size-class bins; the end
 * grows by whole pages when no free chunk fits. Memory goes back to the page source where
 * that is worth it: a free chunk at the end longer than trim_min shrinks the arena, and a
 * free chunk of at least release_min bytes gives back the pages inside it (they come back
 * when the chunk is used again). The arena records which pages it holds in a bitmap at the
 * start of the range (one bit per page), so each page is committed and released exactly once.
 *
 * Errors a program makes are found where that is cheap, and the arena is left as it was: a
 * pointer outside the arena or misaligned, a block freed twice (its header says free), a
 * header that was overwritten (a checksum of its size and address no longer matches).
 * mercury_arena_check walks everything.
 */
#ifndef MERCURY_ARENA_H
#define MERCURY_ARENA_H

#include <stddef.h>
#include <stdint.h>

#define MERCURY_ARENA_ALIGN 16
#define MERCURY_ARENA_PAGE 4096u
#define MERCURY_ARENA_BINS 112

/* Where an arena's pages come from. */
struct mercury_page_source {
	/* Backs [addr, addr + pages * MERCURY_ARENA_PAGE) with readable, writable memory; all
	 * of it or none. Returns 0 or an error (the arena then fails with NOMEM). */
	int (*commit)(void *ctx, uintptr_t addr, size_t pages);
	/* Gives back pages committed earlier. */
	void (*release)(void *ctx, uintptr_t addr, size_t pages);
	void *ctx;
};

enum mercury_arena_error {
	MERCURY_ARENA_OK = 0,
	MERCURY_ARENA_ERR_NOMEM,       /* the range is full or the page source has no memory */
	MERCURY_ARENA_ERR_INVALID,     /* not a block of this arena (or its header was
					* overwritten) */
	MERCURY_ARENA_ERR_DOUBLE_FREE, /* the block is free already */
	MERCURY_ARENA_ERR_CORRUPT,     /* the arena's own records are inconsistent */
	MERCURY_ARENA_ERR_PARAM,       /* an alignment that is not a power of two, a bad range */
};

struct mercury_arena_stats {
	size_t used_bytes;      /* bytes of the blocks handed out, headers included */
	size_t used_blocks;
	size_t committed_pages; /* pages held from the page source (the bitmap's too) */
};

struct arena_chunk;

struct mercury_arena {
	uintptr_t base, limit;   /* the range */
	uintptr_t start, end;    /* chunks cover [start, end), end page-aligned */
	int tail_free;           /* the last chunk is free */
	uint64_t *committed;     /* the bitmap, at base */
	struct mercury_page_source pages;
	struct arena_chunk *bins[MERCURY_ARENA_BINS];
	uint64_t nonempty[(MERCURY_ARENA_BINS + 63) / 64];
	/* Policy (the defaults are set by init; tests change them). */
	size_t release_min; /* free chunks this large give back their inner pages */
	size_t trim_min;    /* a free last chunk this large shrinks the arena */
	size_t grow_min;    /* the arena grows by at least this many bytes */
	struct mercury_arena_stats stats;
};

/* A message for an error, never NULL. */
const char *mercury_arena_strerror(int err);

/*
 * An arena over [base, base + size) (both page-aligned); commits the bitmap's first page.
 * Returns PARAM for a range too small or misaligned, NOMEM when the page cannot be had.
 */
int mercury_arena_init(struct mercury_arena *a, uintptr_t base, size_t size,
		       const struct mercury_page_source *pages);
/* Gives back every page the arena holds; it must not be used after. */
void mercury_arena_destroy(struct mercury_arena *a);

/* A block of at least `size` bytes aligned to `align` (a power of two; up to 16 costs
 * nothing more) in *out. NOMEM or PARAM leave *out untouched. */
int mercury_arena_alloc(struct mercury_arena *a, size_t size, size_t align, void **out);
/* Frees a block (NULL: nothing to do). */
int mercury_arena_free(struct mercury_arena *a, void *p);
/* Resizes a block in place when it can, else moves it (p NULL: alloc). On any error the
 * block is as it was and *out untouched. */
int mercury_arena_realloc(struct mercury_arena *a, void *p, size_t size, void **out);
/* The bytes a block can hold. */
int mercury_arena_usable(struct mercury_arena *a, const void *p, size_t *size);
/* Gives back every whole free page, whatever the policy. */
void mercury_arena_trim(struct mercury_arena *a);
/* Walks every chunk, bin and page record: CORRUPT at the first inconsistency. */
int mercury_arena_check(const struct mercury_arena *a);

#endif
