/*
 * malloc and friends on the program's heap: sizes, alignment, reuse, calloc's zeroes,
 * realloc's contents, memory given back, threads, and what is refused. The heap was set up
 * before the first test (suite.c); each test gives back what it took (mt_settle_heap), so the
 * runner's leak check holds it to that, and stays within the heap's first extent (set up with
 * it), which no test's clean-up can take away.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mercury/lib/tests/malloc_exercise.h"
#include "mercury/lib/tests/suite.h"

static size_t used_blocks(void)
{
	return mercury_heap_stats(mercury_malloc_heap()).used_blocks;
}

KTEST(malloc_sizes_alignment_and_contents)
{
	static uint8_t *blocks[300];
	size_t before = used_blocks();
	for (size_t i = 0; i < KT_COUNT(blocks); i++) {
		blocks[i] = malloc(i * 7);
		KT_CHECK(blocks[i] != NULL);
		KT_EQ((uintptr_t)blocks[i] % 16, 0);
		KT_CHECK(malloc_usable_size(blocks[i]) >= i * 7);
		memset(blocks[i], (int)i, i * 7);
	}
	for (size_t i = 0; i < KT_COUNT(blocks); i++)
		for (size_t k = 0; k < i * 7; k++)
			if (blocks[i][k] != (uint8_t)i)
				KT_FAIL("block %zu (%zu bytes) overwritten at %zu", i, i * 7, k);
	KT_EQ(used_blocks(), before + KT_COUNT(blocks));
	for (size_t i = 0; i < KT_COUNT(blocks); i++)
		free(blocks[i]);
	KT_EQ(used_blocks(), before);
	free(NULL);
	mt_settle_heap();
}

KTEST(malloc_reuses_freed_blocks)
{
	void *p = malloc(64);
	free(p);
	KT_EQ(malloc(64), p);
	void *big = malloc(5000), *guard = malloc(16);
	free(big);
	KT_EQ(malloc(3000), big); /* split from the freed block */
	free(big);
	free(guard);
	free(p);
	mt_settle_heap();
}

KTEST(malloc_calloc_zeroes)
{
	uint8_t *dirty = malloc(256);
	memset(dirty, 0xa5, 256);
	free(dirty);
	uint8_t *z = calloc(16, 16);
	KT_EQ(z, dirty); /* the dirty block, reused */
	for (int i = 0; i < 256; i++)
		KT_EQ(z[i], 0);
	free(z);
	KT_CHECK(calloc(SIZE_MAX / 2, 4) == NULL); /* count * size overflows */
	mt_settle_heap();
}

KTEST(malloc_aligned_alloc)
{
	for (size_t align = 16; align <= 8192; align *= 2) {
		void *p = aligned_alloc(align, 100);
		KT_CHECK(p != NULL);
		KT_EQ((uintptr_t)p % align, 0);
		memset(p, 1, 100);
		free(p);
	}
	KT_CHECK(aligned_alloc(48, 16) == NULL); /* not a power of two */
	mt_settle_heap();
}

KTEST(malloc_realloc_keeps_contents)
{
	uint8_t *p = realloc(NULL, 16);
	KT_CHECK(p != NULL);
	for (int i = 0; i < 16; i++)
		p[i] = (uint8_t)(i * 3);
	for (size_t size = 32; size <= 128 * 1024; size *= 2) {
		void *guard = malloc(32); /* so growing in place is not always possible */
		p = realloc(p, size);
		KT_CHECK(p != NULL);
		for (int i = 0; i < 16; i++)
			KT_EQ(p[i], (uint8_t)(i * 3));
		free(guard);
	}
	uint8_t *same = realloc(p, 8);
	KT_EQ(same, p); /* shrinking stays in place */
	void *zero = realloc(same, 0);
	KT_CHECK(zero != NULL); /* a block, not NULL: NULL always means failure */
	free(zero);
	mt_settle_heap();
}

KTEST(malloc_gives_memory_back)
{
	uint64_t before = rt_memory_free();
	static void *blocks[40];
	for (size_t i = 0; i < KT_COUNT(blocks); i++)
		blocks[i] = malloc(4000);
	void *big = malloc(150 * 1024);
	KT_CHECK(big != NULL);
	KT_CHECK(rt_memory_free() + 300 * 1024 <= before);
	free(big);
	for (size_t i = 0; i < KT_COUNT(blocks); i++)
		free(blocks[i]);
	malloc_trim(0);
	KT_EQ(rt_memory_free(), before); /* every page back, none kept */
	mt_settle_heap();
}

static int malloc_worker(void *arg)
{
	return malloc_exercise((uint32_t)(uintptr_t)arg, 1500, 2048);
}

KTEST_LONG(malloc_from_many_threads, 20)
{
	size_t before = used_blocks();
	struct rt_thread threads[4];
	for (uintptr_t i = 0; i < KT_COUNT(threads); i++)
		kt_spawn(&threads[i], malloc_worker, (void *)(i + 1), KT_PRIORITY);
	KT_EQ(malloc_worker((void *)99), MALLOC_EXERCISE_OK);
	for (size_t i = 0; i < KT_COUNT(threads); i++)
		KT_EQ(kt_join(&threads[i]), MALLOC_EXERCISE_OK);
	KT_EQ(used_blocks(), before);
	mt_settle_heap();
}

KTEST(malloc_refuses_the_impossible)
{
	KT_CHECK(malloc(MERCURY_HEAP_SIZE) == NULL);
	KT_CHECK(malloc(SIZE_MAX) == NULL);
	KT_CHECK(aligned_alloc((size_t)1 << 62, 8) == NULL);
	void *p = malloc(32);
	KT_CHECK(realloc(p, SIZE_MAX - 64) == NULL);
	KT_CHECK(malloc_usable_size(p) >= 32); /* still there */
	free(p);
	mt_settle_heap();
}
