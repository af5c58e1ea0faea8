/*
 * Private heaps (heap.h) over pages on demand (pages.h): a random workload checked as it
 * goes, heap errors reported to the caller (the check API: a double free, a pointer from
 * elsewhere, an overwritten header), memory given back while the heap lives and all of it
 * when it is destroyed, running out of room without losing anything, and threads of
 * different priorities sharing one heap.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mercury/lib/tests/suite.h"

static struct mercury_page_extent extents[16]; /* 8 MiB */
static struct mercury_heap heap;

static void heap_up(size_t extent_count)
{
	KT_OK(mercury_heap_init(&heap, MT_HEAP, extents, extent_count));
}

static void *heap_alloc(size_t size, size_t align)
{
	void *p = NULL;
	int err = mercury_heap_alloc(&heap, size, align, &p);
	if (err)
		KT_FAIL("allocating %zu bytes: %s", size, mercury_arena_strerror(err));
	return p;
}

static void heap_free(void *p)
{
	int err = mercury_heap_free(&heap, p);
	if (err)
		KT_FAIL("freeing %p: %s", p, mercury_arena_strerror(err));
}

static void heap_checked(void)
{
	int err = mercury_heap_check(&heap);
	if (err)
		KT_FAIL("heap check: %s", mercury_arena_strerror(err));
}

KTEST_LONG(heap_random_workload, 20)
{
	heap_up(KT_COUNT(extents));
	uint64_t before = rt_memory_free();
	static struct {
		uint8_t *p;
		size_t size;
	} live[64];
	uint32_t seed = 7;
	for (int step = 0; step < 4000; step++) {
		seed = seed * 1664525u + 1013904223u;
		unsigned i = (seed >> 8) % KT_COUNT(live);
		if (live[i].p) {
			for (size_t k = 0; k < live[i].size; k += 13)
				if (live[i].p[k] != (uint8_t)i)
					KT_FAIL("step %d: block %u overwritten", step, i);
			if (seed & 1) {
				heap_free(live[i].p);
				live[i].p = NULL;
				continue;
			}
			size_t size = (seed >> 12) % 40000;
			void *q = NULL;
			KT_OK(mercury_heap_realloc(&heap, live[i].p, size, &q));
			live[i].p = q;
			live[i].size = size;
		} else {
			int large = (seed >> 4) % 16 == 0;
			live[i].size = (seed >> 12) % (large ? 300000 : 600);
			live[i].p = heap_alloc(live[i].size, (seed >> 3) % 8 ? 16 : 256);
		}
		memset(live[i].p, (int)i, live[i].size);
		if (step % 500 == 0)
			heap_checked();
	}
	heap_checked();
	for (size_t i = 0; i < KT_COUNT(live); i++)
		heap_free(live[i].p);
	KT_EQ(mercury_heap_stats(&heap).used_blocks, 0);
	mercury_heap_destroy(&heap);
	KT_CHECK(rt_memory_free() >= before); /* every page back (the first, too) */
}

KTEST(heap_reports_program_errors)
{
	heap_up(1);
	void *p = heap_alloc(64, 16), *keep = heap_alloc(100, 16), *after = heap_alloc(64, 16);
	heap_free(p);
	KT_EQ(mercury_heap_free(&heap, p), MERCURY_ARENA_ERR_DOUBLE_FREE);
	int local;
	KT_EQ(mercury_heap_free(&heap, &local), MERCURY_ARENA_ERR_INVALID);
	KT_EQ(mercury_heap_free(&heap, (uint8_t *)keep + 32), MERCURY_ARENA_ERR_INVALID);
	heap_checked(); /* refusals change nothing */
	/* A block written past its end: its neighbour's header no longer checks out. */
	size_t usable = 0;
	KT_OK(mercury_heap_usable(&heap, keep, &usable));
	memset(keep, 0x41, usable + 8);
	KT_EQ(mercury_heap_free(&heap, after), MERCURY_ARENA_ERR_INVALID);
	KT_EQ(mercury_heap_check(&heap), MERCURY_ARENA_ERR_CORRUPT);
	mercury_heap_destroy(&heap); /* gives its pages back all the same */
}

KTEST(heap_gives_pages_back_while_alive)
{
	heap_up(KT_COUNT(extents));
	void *big = heap_alloc(2u << 20, 16), *after = heap_alloc(16, 16);
	memset(big, 1, 2u << 20);
	uint64_t used = rt_memory_free();
	heap_free(big); /* a large free block gives its inner pages back */
	KT_CHECK(rt_memory_free() >= used + (2u << 20) - 3 * HELIOS_PAGE_SIZE);
	void *again = heap_alloc(2u << 20, 16);
	KT_EQ(again, big);
	memset(again, 2, 2u << 20); /* its pages came back */
	heap_free(again);
	heap_free(after);
	heap_checked();
	mercury_heap_destroy(&heap);
}

KTEST(heap_full_loses_nothing)
{
	heap_up(1); /* 512 KiB, its bitmap's page first */
	uint8_t *p = heap_alloc(1000, 16);
	memset(p, 9, 1000);
	void *q = NULL;
	KT_EQ(mercury_heap_alloc(&heap, 600 * 1024, 16, &q), MERCURY_ARENA_ERR_NOMEM);
	KT_CHECK(q == NULL);
	KT_EQ(mercury_heap_realloc(&heap, p, 600 * 1024, &q), MERCURY_ARENA_ERR_NOMEM);
	for (int i = 0; i < 1000; i++)
		KT_EQ(p[i], 9);
	heap_checked();
	heap_free(p);
	mercury_heap_destroy(&heap);
}

static int share_heap(void *arg)
{
	uintptr_t id = (uintptr_t)arg;
	void *held[4] = { 0 };
	for (int i = 0; i < 1000; i++) {
		unsigned k = (unsigned)i % 4;
		if (held[k]) {
			KT_EQ(*(uintptr_t *)held[k], id);
			KT_OK(mercury_heap_free(&heap, held[k]));
		}
		KT_OK(mercury_heap_alloc(&heap, 24 + (size_t)i % 500, 16, &held[k]));
		*(uintptr_t *)held[k] = id;
		if (i % 50 == 0)
			helios_yield();
	}
	for (unsigned k = 0; k < 4; k++)
		KT_OK(mercury_heap_free(&heap, held[k]));
	return 0;
}

/* Threads at two priorities share one heap; every block stays its owner's. */
KTEST_LONG(heap_shared_by_threads, 20)
{
	heap_up(KT_COUNT(extents));
	struct rt_thread threads[4];
	for (uintptr_t i = 0; i < KT_COUNT(threads); i++)
		kt_spawn(&threads[i], share_heap, (void *)(i + 1), KT_PRIORITY - (i % 2) * 10);
	for (size_t i = 0; i < KT_COUNT(threads); i++)
		KT_EQ(kt_join(&threads[i]), 0);
	KT_EQ(mercury_heap_stats(&heap).used_blocks, 0);
	heap_checked();
	mercury_heap_destroy(&heap);
}
