/*
 * A locked heap over pages on demand (heap.h): each operation is the arena's, under the lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/mem.h>
#include <mercury/arena.h>
#include <mercury/heap.h>
#include <mercury/lock.h>
#include <mercury/pages.h>

int mercury_heap_init(struct mercury_heap *h, uintptr_t base,
		      struct mercury_page_extent *extents, size_t extent_count)
{
	h->lock = (struct mercury_lock)MERCURY_LOCK_INIT;
	int err = mercury_lock_prepare(&h->lock);
	if (err)
		return err;
	mercury_pages_init(&h->pages, base, extents, extent_count);
	struct mercury_page_source source = mercury_pages_source(&h->pages);
	err = mercury_arena_init(&h->arena, base, extent_count * MERCURY_PAGES_EXTENT_BYTES,
				 &source);
	if (!err)
		return HELIOS_OK;
	rt_free(h->lock.notification);
	return err == MERCURY_ARENA_ERR_NOMEM ? HELIOS_ERR_NOMEM : HELIOS_ERR_INVALID_PARAM;
}

void mercury_heap_destroy(struct mercury_heap *h)
{
	mercury_lock(&h->lock);
	mercury_arena_destroy(&h->arena);
	mercury_unlock(&h->lock);
}

int mercury_heap_alloc(struct mercury_heap *h, size_t size, size_t align, void **out)
{
	mercury_lock(&h->lock);
	int err = mercury_arena_alloc(&h->arena, size, align, out);
	mercury_unlock(&h->lock);
	return err;
}

int mercury_heap_free(struct mercury_heap *h, void *p)
{
	mercury_lock(&h->lock);
	int err = mercury_arena_free(&h->arena, p);
	mercury_unlock(&h->lock);
	return err;
}

int mercury_heap_realloc(struct mercury_heap *h, void *p, size_t size, void **out)
{
	mercury_lock(&h->lock);
	int err = mercury_arena_realloc(&h->arena, p, size, out);
	mercury_unlock(&h->lock);
	return err;
}

int mercury_heap_usable(struct mercury_heap *h, const void *p, size_t *size)
{
	mercury_lock(&h->lock);
	int err = mercury_arena_usable(&h->arena, p, size);
	mercury_unlock(&h->lock);
	return err;
}

void mercury_heap_trim(struct mercury_heap *h)
{
	mercury_lock(&h->lock);
	mercury_arena_trim(&h->arena);
	mercury_unlock(&h->lock);
}

int mercury_heap_check(struct mercury_heap *h)
{
	mercury_lock(&h->lock);
	int err = mercury_arena_check(&h->arena);
	mercury_unlock(&h->lock);
	return err;
}

struct mercury_arena_stats mercury_heap_stats(struct mercury_heap *h)
{
	mercury_lock(&h->lock);
	struct mercury_arena_stats stats = h->arena.stats;
	mercury_unlock(&h->lock);
	return stats;
}
