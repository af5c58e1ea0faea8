/*
 * Pages on demand (pages.h). A commit retypes a batch of pages into consecutive slots of the
 * program's cspace, maps each, and moves each into its extent's cspace at slot index + 1
 * (slot 0 of a cspace is never valid); a release deletes it there, which unmaps it and gives
 * its memory back. A commit that fails undoes its own pages.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/pages.h>

#define PAGE HELIOS_PAGE_SIZE

void mercury_pages_init(struct mercury_pages *p, uintptr_t base,
			struct mercury_page_extent *extents, size_t extent_count)
{
	p->base = base;
	p->extents = extents;
	p->extent_count = extent_count;
	for (size_t i = 0; i < extent_count; i++)
		extents[i] = (struct mercury_page_extent){ HELIOS_CADDR_UNDEF, 0 };
}

static struct mercury_page_extent *extent_of(struct mercury_pages *p, uintptr_t addr)
{
	return &p->extents[(addr - p->base) / MERCURY_PAGES_EXTENT_BYTES];
}

/* The slot of the page at addr in its extent's cspace. */
static helios_caddr_t slot_of(struct mercury_pages *p, uintptr_t addr)
{
	return (helios_caddr_t)((addr - p->base) % MERCURY_PAGES_EXTENT_BYTES / PAGE) + 1;
}

static void release_page(struct mercury_pages *p, uintptr_t addr)
{
	struct mercury_page_extent *e = extent_of(p, addr);
	helios_cspace_delete(e->cspace, slot_of(p, addr));
	if (--e->pages == 0) {
		rt_free(e->cspace);
		e->cspace = HELIOS_CADDR_UNDEF;
	}
}

void mercury_pages_release(struct mercury_pages *p, uintptr_t addr, size_t count)
{
	for (size_t i = 0; i < count; i++)
		release_page(p, addr + i * PAGE);
}

/* Commits count pages from addr, all within one extent. */
static int commit_in_extent(struct mercury_pages *p, uintptr_t addr, uint32_t count)
{
	struct mercury_page_extent *e = extent_of(p, addr);
	if (e->cspace == HELIOS_CADDR_UNDEF) {
		int err = rt_alloc(HELIOS_CAP_CSPACE, MERCURY_PAGES_PER_EXTENT + 1, &e->cspace);
		if (err) {
			e->cspace = HELIOS_CADDR_UNDEF;
			return err;
		}
	}
	helios_caddr_t first = HELIOS_CADDR_UNDEF;
	int err = rt_alloc_objects(HELIOS_CAP_PAGE, 0, count, &first);
	uint32_t done = 0;
	for (; !err && done < count; done++) {
		uintptr_t at = addr + done * PAGE;
		err = rt_map(rt_vspace, first + done, at, HELIOS_MAP_READ | HELIOS_MAP_WRITE);
		if (!err)
			err = helios_cspace_move(e->cspace, slot_of(p, at), rt_cspace, first + done,
						 NULL);
		if (err)
			break;
		rt_slot_free(first + done);
		e->pages++;
	}
	if (err) {
		if (done < count && first != HELIOS_CADDR_UNDEF)
			rt_free_range(first + done, count - done); /* not moved yet */
		mercury_pages_release(p, addr, done);
		if (e->pages == 0 && e->cspace != HELIOS_CADDR_UNDEF) {
			rt_free(e->cspace);
			e->cspace = HELIOS_CADDR_UNDEF;
		}
	}
	return err;
}

int mercury_pages_commit(struct mercury_pages *p, uintptr_t addr, size_t count)
{
	uint64_t size = p->extent_count * MERCURY_PAGES_EXTENT_BYTES;
	if (addr < p->base || addr % PAGE || addr - p->base > size ||
	    count > (size - (addr - p->base)) / PAGE)
		return HELIOS_ERR_INVALID_PARAM;
	size_t done = 0;
	while (done < count) {
		uintptr_t at = addr + done * PAGE;
		size_t room = MERCURY_PAGES_PER_EXTENT - (slot_of(p, at) - 1);
		uint32_t n = (uint32_t)(count - done < room ? count - done : room);
		int err = commit_in_extent(p, at, n);
		if (err) {
			mercury_pages_release(p, addr, done);
			return err;
		}
		done += n;
	}
	return HELIOS_OK;
}

static int source_commit(void *ctx, uintptr_t addr, size_t pages)
{
	return mercury_pages_commit(ctx, addr, pages);
}

static void source_release(void *ctx, uintptr_t addr, size_t pages)
{
	mercury_pages_release(ctx, addr, pages);
}

struct mercury_page_source mercury_pages_source(struct mercury_pages *p)
{
	return (struct mercury_page_source){ source_commit, source_release, p };
}
