/*
 * Address spaces: PAGE_MAP of a 4 KiB page where the page tables already exist, and
 * PAGE_UNMAP of it, each as the invocation a pager makes (a call to the page capability).
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>

#include "bench.h"

/* Where the page goes: a part of the address space nothing else uses. */
#define BENCH_MAP_VADDR 0x0000300000000000ull

static int map_unmap(void *arg)
{
	helios_caddr_t page = (helios_caddr_t)(uintptr_t)arg;
	uint32_t n = bench_iterations();
	uint64_t rw = HELIOS_MAP_READ | HELIOS_MAP_WRITE;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		int err = helios_page_map(page, rt_vspace, BENCH_MAP_VADDR, rw, NULL);
		t = bench_stamp();
		bench_a.end[i] = t;
		if (err)
			return err;
		t = bench_stamp();
		bench_b.start[i] = t;
		err = helios_page_unmap(page);
		t = bench_stamp();
		bench_b.end[i] = t;
		if (err)
			return err;
	}
	return HELIOS_OK;
}

void bench_vm(void)
{
	static struct rt_thread t; /* program data: mirrored vspaces see it */
	helios_caddr_t page;
	bench_begin();
	/* Mapped once with rt_map, which makes the missing tables; they stay for the benchmark. */
	int err = rt_alloc(HELIOS_CAP_PAGE, 0, &page);
	if (!err)
		err = rt_map(rt_vspace, page, BENCH_MAP_VADDR, HELIOS_MAP_READ);
	if (!err)
		err = helios_page_unmap(page);
	if (!err)
		err = bench_thread(&t, map_unmap, (void *)(uintptr_t)page, BENCH_PRIORITY, false,
				   HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_join(&t);
	if (err) {
		bench_error("page_map", "map and unmap", err);
	} else {
		bench_report("page_map", &bench_a);
		bench_report("page_unmap", &bench_b);
	}
	bench_cleanup();
}
