/*
 * Objects, pages and page tables for userspace (mem.h).
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>

int rt_alloc_objects_from(helios_caddr_t memory, uint64_t type, uint64_t size, uint32_t count,
			  helios_caddr_t *first)
{
	helios_caddr_t dest = rt_slot_alloc_range(count);
	if (dest == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = HELIOS_ERR_NOMEM;
	if (memory != HELIOS_CADDR_UNDEF)
		err = helios_memory_retype(memory, type, size, count, dest, NULL);
	for (uint32_t i = 0; memory == HELIOS_CADDR_UNDEF && i < rt_memory.count; i++) {
		err = helios_memory_retype(rt_memory.first + i, type, size, count, dest, NULL);
		if (err != HELIOS_ERR_NOMEM)
			break;
	}
	if (err) {
		rt_slot_free_range(dest, count);
		return err;
	}
	*first = dest;
	return HELIOS_OK;
}

int rt_alloc_objects(uint64_t type, uint64_t size, uint32_t count, helios_caddr_t *first)
{
	return rt_alloc_objects_from(HELIOS_CADDR_UNDEF, type, size, count, first);
}

int rt_alloc(uint64_t type, uint64_t size, helios_caddr_t *slot)
{
	return rt_alloc_objects(type, size, 1, slot);
}

int rt_free(helios_caddr_t slot)
{
	int err = helios_cspace_delete(rt_cspace, slot);
	rt_slot_free(slot);
	return err;
}

void rt_free_range(helios_caddr_t first, uint32_t count)
{
	for (uint32_t i = count; i--;)
		rt_free(first + i);
}

/* The address range one table of `type` maps: a table is mapped at the start of its range. */
static uint64_t table_span(unsigned type)
{
	switch (type) {
	case HELIOS_CAP_PDPT:
		return 1ull << 39;
	case HELIOS_CAP_PD:
		return 1ull << 30;
	default:
		return 1ull << 21;
	}
}

int rt_map_with(helios_caddr_t vspace, helios_caddr_t page, uint64_t vaddr, uint64_t rights,
		const struct rt_table_source *tables)
{
	helios_caddr_t memory = tables ? tables->memory : HELIOS_CADDR_UNDEF;
	/* At most one table per level is missing: PDPT, PD, PT, then the page maps. */
	for (int tries = 0; tries < 4; tries++) {
		unsigned missing = 0;
		int err = helios_page_map(page, vspace, vaddr, rights, &missing);
		if (err != HELIOS_ERR_MISSING_TABLES)
			return err;
		helios_caddr_t table;
		err = rt_alloc_objects_from(memory, missing, 0, 1, &table);
		if (err)
			return err;
		uint64_t base = vaddr & ~(table_span(missing) - 1);
		err = helios_table_map(missing, table, vspace, base, NULL);
		if (!err && tables && tables->mapped)
			err = tables->mapped(tables->ctx, table);
		if (err) {
			rt_free(table);
			return err;
		}
	}
	return HELIOS_ERR_MISSING_TABLES;
}

int rt_map(helios_caddr_t vspace, helios_caddr_t page, uint64_t vaddr, uint64_t rights)
{
	return rt_map_with(vspace, page, vaddr, rights, NULL);
}

int rt_map_pages(uint64_t vaddr, uint32_t count, uint64_t rights, helios_caddr_t *first)
{
	helios_caddr_t pages;
	int err = rt_alloc_objects(HELIOS_CAP_PAGE, 0, count, &pages);
	if (err)
		return err;
	for (uint32_t i = 0; i < count; i++) {
		err = rt_map(rt_vspace, pages + i, vaddr + i * HELIOS_PAGE_SIZE, rights);
		if (err) {
			rt_free_range(pages, count);
			return err;
		}
	}
	*first = pages;
	return HELIOS_OK;
}

void rt_unmap_pages(helios_caddr_t first, uint32_t count)
{
	rt_free_range(first, count);
}

uint64_t rt_memory_free(void)
{
	uint64_t total = 0;
	for (uint32_t i = 0; i < rt_memory.count; i++) {
		struct helios_memory_info info;
		if (helios_memory_info(rt_memory.first + i, &info) == HELIOS_OK)
			total += info.free;
	}
	return total;
}

helios_caddr_t rt_device_memory_find(uint64_t phys, uint64_t *offset)
{
	for (uint32_t i = 0; i < rt_info->device_memory.count; i++) {
		const struct helios_init_region *r = &rt_info->device_regions[i];
		if (phys >= r->base && phys - r->base < r->size) {
			*offset = phys - r->base;
			return rt_info->device_memory.first + i;
		}
	}
	return HELIOS_CADDR_UNDEF;
}

void rt_mark(struct rt_mark *m)
{
	rt_slot_mark(&m->slots);
	rt_thread_regions_save(m->regions);
}

/* Suspends the task in slot, if it holds one: first pass of rt_release_since. */
static void suspend_task(helios_caddr_t slot, void *ctx)
{
	(void)ctx;
	unsigned type;
	if (helios_identify(slot, &type, NULL) == HELIOS_OK && type == HELIOS_CAP_TASK)
		helios_task_suspend(slot);
}

/* Deletes whatever the slot holds and frees it: second pass. */
static void delete_slot(helios_caddr_t slot, void *ctx)
{
	(void)ctx;
	helios_cspace_delete(rt_cspace, slot);
	rt_slot_free(slot);
}

void rt_release_since(const struct rt_mark *m)
{
	rt_slot_each_since(&m->slots, suspend_task, NULL);
	rt_slot_each_since(&m->slots, delete_slot, NULL);
	rt_thread_regions_restore(m->regions);
}
