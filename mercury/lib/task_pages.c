/*
 * A new task's pages (task_build.h): made from the task's memory in temporary slots of the
 * builder's cspace, mapped into the task's vspace (each new page table moved straight into the
 * task's cspace), written through mapped copies where they need contents, and moved into
 * the task's cspace once it is configured.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include "boot/elf.h"
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/image.h>
#include <mercury/module.h>

#include "mercury/lib/task_build.h"

#define RW (HELIOS_MAP_READ | HELIOS_MAP_WRITE)

/* A page table just mapped in the task's vspace: to the next table slot of its cspace. */
static int keep_table(void *ctx, helios_caddr_t table)
{
	struct task_build *b = ctx;
	if (b->tables.count == b->table_slots)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_cspace_move(b->t->cspace, b->tables.first + b->tables.count, rt_cspace,
				     table, NULL);
	if (err)
		return err;
	rt_slot_free(table);
	b->tables.count++;
	return HELIOS_OK;
}

static int map_in_task(struct task_build *b, helios_caddr_t page, uint64_t vaddr,
		       uint64_t rights)
{
	struct rt_table_source tables = { b->t->memory, keep_table, b };
	return rt_map_with(b->t->vspace, page, vaddr, rights, &tables);
}

static int make_pages(struct task_build *b, struct task_pages *p, uint32_t count)
{
	int err = rt_alloc_objects_from(b->t->memory, HELIOS_CAP_PAGE, 0, count, &p->tmp);
	if (err) {
		p->tmp = HELIOS_CADDR_UNDEF;
		return err;
	}
	p->count = count;
	return HELIOS_OK;
}

int task_map_fresh(struct task_build *b, struct task_pages *p, uint64_t vaddr)
{
	int err = make_pages(b, p, p->placed.count);
	for (uint32_t i = 0; !err && i < p->count; i++)
		err = map_in_task(b, p->tmp + i, vaddr + i * HELIOS_PAGE_SIZE, RW);
	return err;
}

int task_map_image(struct task_build *b)
{
	const struct elf_image *img = &b->img;
	int err = make_pages(b, &b->image, mercury_image_pages(img));
	for (uint32_t i = 0; !err && i < b->image.count; i++) {
		uint64_t vaddr = img->vbase + i * HELIOS_PAGE_SIZE;
		uint64_t rights = mercury_image_page_rights(img, vaddr);
		if (rights)
			err = map_in_task(b, b->image.tmp + i, vaddr, rights);
	}
	/* The contents: the whole image range at once, as the kernel loads init. */
	struct mercury_mapping m;
	if (!err)
		err = mercury_map_copies(b->image.tmp, b->image.count, RW, &m);
	if (!err) {
		elf_load(img, b->spec->image, m.data);
		mercury_mapping_unmap(&m);
	}
	return err;
}

/* Moves page i of p to slot `to` of the task's cspace (UNDEF: deletes it). */
static int place(struct task_build *b, struct task_pages *p, uint32_t i, helios_caddr_t to)
{
	helios_caddr_t page = p->tmp + i;
	int err = to == HELIOS_CADDR_UNDEF
			  ? helios_cspace_delete(rt_cspace, page)
			  : helios_cspace_move(b->t->cspace, to, rt_cspace, page, NULL);
	if (!err) {
		rt_slot_free(page);
		p->moved++;
	}
	return err;
}

int task_place_pages(struct task_build *b)
{
	int err = HELIOS_OK;
	uint32_t next = b->image.placed.first;
	for (uint32_t i = 0; !err && i < b->image.count; i++) {
		uint64_t vaddr = b->img.vbase + i * HELIOS_PAGE_SIZE;
		int mapped = mercury_image_page_rights(&b->img, vaddr) != 0;
		err = place(b, &b->image, i, mapped ? next++ : HELIOS_CADDR_UNDEF);
	}
	struct task_pages *runs[] = { &b->stack, &b->ipc, &b->block };
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++)
		for (uint32_t i = 0; !err && i < runs[r]->count; i++)
			err = place(b, runs[r], i, runs[r]->placed.first + i);
	return err;
}

void task_forget_pages(struct task_build *b)
{
	struct task_pages *runs[] = { &b->image, &b->stack, &b->ipc, &b->block };
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		struct task_pages *p = runs[r];
		if (p->tmp != HELIOS_CADDR_UNDEF)
			rt_slot_free_range(p->tmp + p->moved, p->count - p->moved);
		p->tmp = HELIOS_CADDR_UNDEF;
	}
}
