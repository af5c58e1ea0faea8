/*
 * Threads in an address space of their own (thread.h, rt_thread_mirror_vspace): a new vspace
 * mapping the program's image pages and the thread's IPC buffer and stack at the addresses
 * they have in the program's own, through copies of the same page capabilities. Separate page
 * tables and ASID, so entering the thread switches address spaces, but the same frames, so
 * the thread runs the program's code on its data.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>

/* Maps copies of the `count` pages in consecutive slots from `first` into vs from vaddr. */
static int map_copies(helios_caddr_t vs, helios_caddr_t first, uint32_t count, uint64_t vaddr,
		      uint64_t rights)
{
	for (uint32_t i = 0; i < count; i++) {
		helios_caddr_t copy = rt_slot_alloc();
		if (copy == HELIOS_CADDR_UNDEF)
			return HELIOS_ERR_CSPACE_FULL;
		int err = helios_cspace_copy(rt_cspace, copy, rt_cspace, first + i, HELIOS_RIGHTS_ALL,
					     NULL);
		if (!err)
			err = rt_map(vs, copy, vaddr + i * HELIOS_PAGE_SIZE, rights);
		if (err)
			return err;
	}
	return HELIOS_OK;
}

int rt_thread_mirror_vspace(struct rt_thread *t, helios_caddr_t *vspace)
{
	uint64_t rwx = HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC;
	uint64_t rw = HELIOS_MAP_READ | HELIOS_MAP_WRITE;
	helios_caddr_t vs;
	int err = rt_alloc(HELIOS_CAP_VSPACE, 0, &vs);
	if (!err)
		err = helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, NULL);
	for (uint32_t i = 0; !err && i < rt_info->image_pages.count; i++) {
		uint64_t vaddr;
		err = helios_page_info(rt_info->image_pages.first + i, NULL, &vaddr, NULL);
		if (!err)
			err = map_copies(vs, rt_info->image_pages.first + i, 1, vaddr, rwx);
	}
	if (!err)
		err = map_copies(vs, t->ipc_page, 1, t->base, rw);
	if (!err)
		err = map_copies(vs, t->stack_pages, RT_THREAD_STACK_PAGES,
				 t->base + RT_STACK_REGION - RT_THREAD_STACK_PAGES * HELIOS_PAGE_SIZE,
				 rw);
	if (!err)
		err = helios_task_set_space(t->task, rt_cspace, vs);
	if (!err && vspace)
		*vspace = vs;
	return err;
}
