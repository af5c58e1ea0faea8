/*
 * malloc and friends (malloc.h) over the program's heap. The heap is set up at the first call,
 * under its own (statically initialized) lock, so concurrent first calls set it up once.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include <mercury/abort.h>
#include <mercury/arena.h>
#include <mercury/heap.h>
#include <mercury/lock.h>
#include <mercury/malloc.h>
#include <mercury/vm.h>

#include "mercury/lib/prepare.h"

#define EXTENTS (MERCURY_HEAP_SIZE / MERCURY_PAGES_EXTENT_BYTES)

static struct mercury_page_extent extents[EXTENTS];
static struct mercury_heap heap;
static int heap_state; /* 0 not yet, 1 ready, -1 could not be set up */
static struct mercury_lock setup_lock = MERCURY_LOCK_INIT;

struct mercury_heap *mercury_malloc_heap(void)
{
	int state = __atomic_load_n(&heap_state, __ATOMIC_ACQUIRE);
	if (state == 0) {
		mercury_lock(&setup_lock);
		state = heap_state;
		if (state == 0) {
			int err = mercury_heap_init(&heap, MERCURY_HEAP_BASE, extents, EXTENTS);
			/* No memory now may mean memory later: only a bad range is final. */
			state = err == HELIOS_OK ? 1 : err == HELIOS_ERR_NOMEM ? 0 : -1;
			__atomic_store_n(&heap_state, state, __ATOMIC_RELEASE);
		}
		mercury_unlock(&setup_lock);
	}
	return state == 1 ? &heap : NULL;
}

int mercury_malloc_prepare(void)
{
	int err = mercury_lock_prepare(&setup_lock);
	if (!err && !mercury_malloc_heap())
		err = HELIOS_ERR_NOMEM;
	return err;
}

/* A program error the heap found: the message says what and where. */
static _Noreturn void heap_error(const char *what, const void *p, int err)
{
	mercury_abort("%s(%p): %s", what, p, mercury_arena_strerror(err));
}

void *malloc(size_t size)
{
	return aligned_alloc(MERCURY_ARENA_ALIGN, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	struct mercury_heap *h = mercury_malloc_heap();
	void *p = NULL;
	if (!h || mercury_heap_alloc(h, size, align, &p))
		return NULL;
	return p;
}

void free(void *p)
{
	if (!p)
		return;
	struct mercury_heap *h = mercury_malloc_heap();
	int err = h ? mercury_heap_free(h, p) : MERCURY_ARENA_ERR_INVALID;
	if (err)
		heap_error("free", p, err);
}

void *calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	void *p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	struct mercury_heap *h = mercury_malloc_heap();
	void *moved = NULL;
	int err = h ? mercury_heap_realloc(h, p, size, &moved) : MERCURY_ARENA_ERR_INVALID;
	if (err == MERCURY_ARENA_ERR_NOMEM)
		return NULL;
	if (err)
		heap_error("realloc", p, err);
	return moved;
}

size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	struct mercury_heap *h = mercury_malloc_heap();
	size_t size = 0;
	int err = h ? mercury_heap_usable(h, p, &size) : MERCURY_ARENA_ERR_INVALID;
	if (err)
		heap_error("malloc_usable_size", p, err);
	return size;
}

int malloc_trim(size_t pad)
{
	(void)pad; /* everything free goes back */
	struct mercury_heap *h = mercury_malloc_heap();
	if (h)
		mercury_heap_trim(h);
	return h != NULL;
}
