/*
 * Starting programs (task.h): the order of the steps, and undoing them. All of the task is
 * made from its own memory capability, so one revoke of it takes back whatever a failed
 * build or a destroyed task left, wherever it is.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/regs.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/task.h>

#include "mercury/lib/task_build.h"

#define STACK_BASE (MERCURY_TASK_STACK_TOP - MERCURY_TASK_STACK_PAGES * HELIOS_PAGE_SIZE)

/* The task's memory, then its objects from that memory, then its ASID. */
static int make_objects(struct task_build *b)
{
	struct mercury_task *t = b->t;
	helios_caddr_t pool = b->spec->asid_pool;
	if (pool == HELIOS_CADDR_UNDEF)
		pool = HELIOS_INIT_ASID_POOL;
	int err = rt_alloc(HELIOS_CAP_MEMORY, b->memory_bytes, &t->memory);
	if (err) {
		t->memory = HELIOS_CADDR_UNDEF;
		return err;
	}
	struct {
		uint64_t type, size;
		helios_caddr_t *slot;
	} objects[] = {
		{ HELIOS_CAP_CSPACE, b->slots, &t->cspace },
		{ HELIOS_CAP_VSPACE, 0, &t->vspace },
		{ HELIOS_CAP_TASK, 0, &t->task },
	};
	for (size_t i = 0; !err && i < sizeof(objects) / sizeof(objects[0]); i++) {
		err = rt_alloc_objects_from(t->memory, objects[i].type, objects[i].size, 1,
					    objects[i].slot);
		if (err)
			*objects[i].slot = HELIOS_CADDR_UNDEF;
	}
	if (!err)
		err = helios_asid_pool_assign(pool, t->vspace, NULL);
	return err;
}

/* Its spaces, IPC buffer, fault endpoint and priority; then its first registers: the entry
 * point with the startup block as its argument, on its stack. */
static int configure(struct task_build *b)
{
	struct mercury_task *t = b->t;
	int err = helios_task_configure(t->task, t->cspace, t->vspace, b->ipc.tmp,
					MERCURY_TASK_IPC_BUFFER_VADDR, b->fault_ep,
					b->spec->priority);
	struct helios_regs regs;
	rt_regs_init(&regs, b->img.entry, MERCURY_TASK_STACK_TOP, MERCURY_STARTUP_VADDR);
	if (!err)
		err = helios_task_write_registers(t->task, &regs);
	t->entry = b->img.entry;
	return err;
}

/* Takes back everything a task was given (its memory, and so all made from it). */
static void take_back(struct mercury_task *t)
{
	if (t->memory != HELIOS_CADDR_UNDEF)
		helios_cspace_revoke(rt_cspace, t->memory);
	/* The revoke emptied these slots: they were made from the memory. */
	rt_slot_free(t->task);
	rt_slot_free(t->cspace);
	rt_slot_free(t->vspace);
	if (t->memory != HELIOS_CADDR_UNDEF)
		rt_free(t->memory);
	*t = (struct mercury_task){ HELIOS_CADDR_UNDEF, HELIOS_CADDR_UNDEF, HELIOS_CADDR_UNDEF,
				    HELIOS_CADDR_UNDEF, 0 };
}

int mercury_task_create(const struct mercury_spawn *spec, struct mercury_task *t)
{
	struct task_build b = {
		.spec = spec,
		.t = t,
		.fault_ep = HELIOS_CADDR_UNDEF,
		.image.tmp = HELIOS_CADDR_UNDEF,
		.stack.tmp = HELIOS_CADDR_UNDEF,
		.ipc.tmp = HELIOS_CADDR_UNDEF,
		.block.tmp = HELIOS_CADDR_UNDEF,
	};
	*t = (struct mercury_task){ HELIOS_CADDR_UNDEF, HELIOS_CADDR_UNDEF, HELIOS_CADDR_UNDEF,
				    HELIOS_CADDR_UNDEF, 0 };
	int err = task_plan(&b);
	if (err)
		return err;
	err = make_objects(&b);
	if (!err)
		err = task_give_caps(&b);
	if (!err)
		err = task_map_image(&b);
	if (!err)
		err = task_map_fresh(&b, &b.stack, STACK_BASE);
	if (!err)
		err = task_map_fresh(&b, &b.ipc, MERCURY_TASK_IPC_BUFFER_VADDR);
	if (!err)
		err = task_map_fresh(&b, &b.block, MERCURY_STARTUP_VADDR);
	if (!err)
		err = task_write_block(&b);
	if (!err)
		err = configure(&b);
	if (!err)
		err = task_place_pages(&b);
	if (b.fault_ep != HELIOS_CADDR_UNDEF)
		rt_free(b.fault_ep); /* the task and its cspace keep their own copies */
	if (err) {
		take_back(t);
		task_forget_pages(&b);
	}
	return err;
}

int mercury_task_start(struct mercury_task *t)
{
	return helios_task_resume(t->task);
}

int mercury_task_spawn(const struct mercury_spawn *spec, struct mercury_task *t)
{
	int err = mercury_task_create(spec, t);
	if (!err) {
		err = mercury_task_start(t);
		if (err)
			take_back(t);
	}
	return err;
}

int mercury_task_set_fault_endpoint(struct mercury_task *t, helios_caddr_t endpoint)
{
	return helios_task_set_fault_endpoint(t->task, endpoint);
}

void mercury_task_destroy(struct mercury_task *t)
{
	if (t->task != HELIOS_CADDR_UNDEF)
		helios_task_suspend(t->task);
	take_back(t);
}
