/*
 * Mapping copies of page capabilities (module.h): a reserved range, a run of slots for the
 * copies, each copied and mapped in turn; any failure undoes all of it.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/module.h>
#include <mercury/vm.h>

/* Copies and maps the pages in order; *mapped = how many made it. */
static int copy_and_map(helios_caddr_t first, uint64_t rights, struct mercury_mapping *m,
			uint32_t *mapped)
{
	uint64_t write = rights & HELIOS_MAP_WRITE ? HELIOS_RIGHT_WRITE : 0;
	for (*mapped = 0; *mapped < m->pages; ++*mapped) {
		helios_caddr_t copy = m->first_copy + *mapped;
		uint64_t vaddr = (uintptr_t)m->data + (uint64_t)*mapped * HELIOS_PAGE_SIZE;
		int err = helios_cspace_copy(rt_cspace, copy, rt_cspace, first + *mapped,
					     HELIOS_RIGHT_READ | write, NULL);
		if (!err)
			err = rt_map(rt_vspace, copy, vaddr, rights);
		if (err) {
			helios_cspace_delete(rt_cspace, copy); /* if the copy was made */
			return err;
		}
	}
	return HELIOS_OK;
}

int mercury_map_copies(helios_caddr_t first, uint32_t count, uint64_t rights,
		       struct mercury_mapping *out)
{
	size_t bytes = (size_t)count * HELIOS_PAGE_SIZE;
	struct mercury_mapping m = { .size = bytes, .pages = count };
	uintptr_t base;
	int err = mercury_vm_reserve(bytes, &base);
	if (err)
		return err;
	m.data = (void *)base;
	m.first_copy = rt_slot_alloc_range(count);
	if (m.first_copy == HELIOS_CADDR_UNDEF) {
		mercury_vm_release(base, bytes);
		return HELIOS_ERR_CSPACE_FULL;
	}
	uint32_t mapped;
	err = copy_and_map(first, rights, &m, &mapped);
	if (err) {
		rt_free_range(m.first_copy, mapped);
		rt_slot_free_range(m.first_copy + mapped, count - mapped);
		mercury_vm_release(base, bytes);
		return err;
	}
	*out = m;
	return HELIOS_OK;
}

void mercury_mapping_unmap(struct mercury_mapping *m)
{
	rt_free_range(m->first_copy, m->pages); /* deleting a copy unmaps it */
	mercury_vm_release((uintptr_t)m->data, (size_t)m->pages * HELIOS_PAGE_SIZE);
	m->pages = 0;
}
