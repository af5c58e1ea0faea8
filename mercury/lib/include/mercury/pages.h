/*
 * Pages on demand over a range of the program's address space: the page source of an arena
 * (<mercury/arena.h>) on Helios. Every page is a PAGE capability retyped from the program's
 * memory (rt_alloc), mapped read-write, then moved out of the program's cspace into a small
 * cspace of its own per extent of MERCURY_PAGES_PER_EXTENT pages: a heap of any size takes one
 * slot of the program's cspace per extent, not one per page, and the page at an address is
 * found (to give it back) by its index alone. An extent's cspace is made when its first page
 * comes and deleted when its last goes. Page tables come from rt_map and stay with the address
 * space. Not locked: the arena's owner locks.
 */
#ifndef MERCURY_PAGES_H
#define MERCURY_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <mercury/arena.h>

#define MERCURY_PAGES_PER_EXTENT 128
#define MERCURY_PAGES_EXTENT_BYTES ((uint64_t)MERCURY_PAGES_PER_EXTENT * HELIOS_PAGE_SIZE)

struct mercury_page_extent {
	helios_caddr_t cspace; /* HELIOS_CADDR_UNDEF while the extent has no page */
	uint32_t pages;        /* how many of its slots hold one */
};

struct mercury_pages {
	uintptr_t base;
	size_t extent_count;
	struct mercury_page_extent *extents; /* extent_count of them, the caller's storage */
};

/* The range [base, base + extent_count * MERCURY_PAGES_EXTENT_BYTES), no page yet. */
void mercury_pages_init(struct mercury_pages *p, uintptr_t base,
			struct mercury_page_extent *extents, size_t extent_count);
/* count fresh zeroed pages from addr (page-aligned): all or none. Returns a helios_error. */
int mercury_pages_commit(struct mercury_pages *p, uintptr_t addr, size_t count);
/* Gives back count committed pages from addr (memory and mappings). */
void mercury_pages_release(struct mercury_pages *p, uintptr_t addr, size_t count);
/* The area as an arena's page source. */
struct mercury_page_source mercury_pages_source(struct mercury_pages *p);

#endif
