/*
 * A heap: an arena (<mercury/arena.h>) over pages on demand (<mercury/pages.h>) behind a lock,
 * safe to share between the threads of a program. malloc (<mercury/malloc.h>) is one of
 * these over MERCURY_HEAP_BASE; a program may make others (a private heap it can throw away
 * at once, tests).
 */
#ifndef MERCURY_HEAP_H
#define MERCURY_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include <mercury/arena.h>
#include <mercury/lock.h>
#include <mercury/pages.h>

struct mercury_heap {
	struct mercury_lock lock;
	struct mercury_pages pages;
	struct mercury_arena arena;
};

/*
 * A heap over [base, base + extent_count * MERCURY_PAGES_EXTENT_BYTES) of the program's
 * address space, free for it; `extents` (the caller's, extent_count entries) records its
 * pages. Takes its first page and the lock's notification at once. Returns a helios_error.
 */
int mercury_heap_init(struct mercury_heap *h, uintptr_t base,
		      struct mercury_page_extent *extents, size_t extent_count);
/* Gives back every page; the heap's blocks are gone with them. */
void mercury_heap_destroy(struct mercury_heap *h);

/* The arena's operations under the lock: each returns an enum mercury_arena_error. */
int mercury_heap_alloc(struct mercury_heap *h, size_t size, size_t align, void **out);
int mercury_heap_free(struct mercury_heap *h, void *p);
int mercury_heap_realloc(struct mercury_heap *h, void *p, size_t size, void **out);
int mercury_heap_usable(struct mercury_heap *h, const void *p, size_t *size);
void mercury_heap_trim(struct mercury_heap *h);
int mercury_heap_check(struct mercury_heap *h);
struct mercury_arena_stats mercury_heap_stats(struct mercury_heap *h);

#endif
