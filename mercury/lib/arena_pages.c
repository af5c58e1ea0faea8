/*
 * Which pages an arena holds (arena_chunk.h): one bit per page of its range, in a bitmap at
 * the range's start. Bitmap page k records pages [k * BITS_PER_PAGE, (k + 1) * BITS_PER_PAGE)
 * and is itself committed only when one of those is first needed; whether it is, page 0 of
 * the bitmap (committed at init) records.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mercury/lib/arena_chunk.h"
#include "mercury/lib/bitmap.h"

#define BITS_PER_PAGE (MERCURY_ARENA_PAGE * 8u)

static size_t page_index(const struct mercury_arena *a, uintptr_t addr)
{
	return (addr - a->base) / ARENA_PAGE;
}

static int bit(const struct mercury_arena *a, size_t i)
{
	return bitmap_get(a->committed, i);
}

static void set_bits(struct mercury_arena *a, size_t first, size_t count, int on)
{
	bitmap_set_run(a->committed, first, count, on);
}

/* Whether the bitmap page recording page i is there to be read. */
static int recorded(const struct mercury_arena *a, size_t i)
{
	size_t bitmap_page = i / BITS_PER_PAGE;
	return bitmap_page == 0 || bit(a, bitmap_page);
}

int arena_page_committed(const struct mercury_arena *a, uintptr_t addr)
{
	if (addr < a->base || addr >= a->limit)
		return 0;
	size_t i = page_index(a, addr);
	return recorded(a, i) && bit(a, i);
}

/* Makes sure the bitmap page recording page i is there (a fresh one is cleared). */
static int commit_record(struct mercury_arena *a, size_t i)
{
	size_t bitmap_page = i / BITS_PER_PAGE;
	if (recorded(a, i))
		return MERCURY_ARENA_OK;
	uintptr_t addr = a->base + bitmap_page * ARENA_PAGE;
	if (a->pages.commit(a->pages.ctx, addr, 1))
		return MERCURY_ARENA_ERR_NOMEM;
	memset((void *)addr, 0, ARENA_PAGE);
	set_bits(a, bitmap_page, 1, 1);
	a->stats.committed_pages++;
	return MERCURY_ARENA_OK;
}

int arena_commit(struct mercury_arena *a, uintptr_t from, uintptr_t to)
{
	size_t i = page_index(a, page_down(from)), last = page_index(a, page_up(to));
	while (i < last) {
		if (commit_record(a, i))
			return MERCURY_ARENA_ERR_NOMEM;
		if (bit(a, i)) {
			i++;
			continue;
		}
		/* A run of uncommitted pages recorded by one bitmap page. */
		size_t run = 1;
		while (i + run < last && (i + run) % BITS_PER_PAGE && !bit(a, i + run))
			run++;
		if (a->pages.commit(a->pages.ctx, a->base + i * ARENA_PAGE, run))
			return MERCURY_ARENA_ERR_NOMEM;
		set_bits(a, i, run, 1);
		a->stats.committed_pages += run;
		i += run;
	}
	return MERCURY_ARENA_OK;
}

void arena_release(struct mercury_arena *a, uintptr_t from, uintptr_t to)
{
	size_t i = page_index(a, from), last = page_index(a, to);
	while (i < last) {
		if (!recorded(a, i) || !bit(a, i)) {
			i++;
			continue;
		}
		size_t run = 1;
		while (i + run < last && (i + run) % BITS_PER_PAGE && bit(a, i + run))
			run++;
		a->pages.release(a->pages.ctx, a->base + i * ARENA_PAGE, run);
		set_bits(a, i, run, 0);
		a->stats.committed_pages -= run;
		i += run;
	}
}

int arena_pages_init(struct mercury_arena *a)
{
	a->committed = (uint64_t *)a->base;
	if (a->pages.commit(a->pages.ctx, a->base, 1))
		return MERCURY_ARENA_ERR_NOMEM;
	memset(a->committed, 0, ARENA_PAGE);
	set_bits(a, 0, 1, 1);
	a->stats.committed_pages = 1;
	return MERCURY_ARENA_OK;
}

void arena_pages_destroy(struct mercury_arena *a)
{
	size_t bitmap_pages = page_index(a, a->start);
	arena_release(a, a->start, a->limit);
	/* The bitmap: its later pages (recorded in page 0), then page 0 itself. */
	for (size_t k = bitmap_pages; k-- > 1;)
		if (bit(a, k))
			a->pages.release(a->pages.ctx, a->base + k * ARENA_PAGE, 1);
	a->pages.release(a->pages.ctx, a->base, 1);
	a->stats.committed_pages = 0;
}
