/*
 * What a new task is given (task_build.h): copies of its own TASK, CSPACE, VSPACE and MEMORY
 * capabilities, a badged copy of its supervisor's endpoint, the named capabilities, and the
 * startup block that lists them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>
#include <mercury/startup.h>
#include <mercury/startup_block.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <mercury/error.h>
#include <mercury/module.h>

#include "mercury/lib/task_build.h"

#define RW (HELIOS_MAP_READ | HELIOS_MAP_WRITE)

static int copy_in(struct task_build *b, helios_caddr_t to, helios_caddr_t from, uint64_t rights)
{
	return helios_cspace_copy(b->t->cspace, to, rt_cspace, from, rights, NULL);
}

/* The supervisor's endpoint, badged, for the task's fault endpoint and its exit report. */
static int give_supervisor(struct task_build *b)
{
	const struct mercury_spawn *s = b->spec;
	b->fault_ep = rt_slot_alloc();
	if (b->fault_ep == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = s->badge ? helios_cspace_mint(rt_cspace, b->fault_ep, rt_cspace, s->supervisor,
						HELIOS_RIGHT_WRITE, s->badge, NULL)
			   : helios_cspace_copy(rt_cspace, b->fault_ep, rt_cspace, s->supervisor,
						HELIOS_RIGHT_WRITE, NULL);
	if (err) {
		rt_slot_free(b->fault_ep);
		b->fault_ep = HELIOS_CADDR_UNDEF;
		return err;
	}
	return copy_in(b, b->exit_slot, b->fault_ep, HELIOS_RIGHT_WRITE);
}

int task_give_caps(struct task_build *b)
{
	const struct mercury_spawn *s = b->spec;
	struct mercury_task *t = b->t;
	int err = copy_in(b, MERCURY_SLOT_TASK, t->task, HELIOS_RIGHTS_ALL);
	if (!err)
		err = copy_in(b, MERCURY_SLOT_CSPACE, t->cspace, HELIOS_RIGHTS_ALL);
	if (!err)
		err = copy_in(b, MERCURY_SLOT_VSPACE, t->vspace, HELIOS_RIGHTS_ALL);
	if (!err)
		err = copy_in(b, b->memory_slot, t->memory, HELIOS_RIGHTS_ALL);
	if (!err && s->supervisor != HELIOS_CADDR_UNDEF)
		err = give_supervisor(b);
	helios_caddr_t to = b->caps_first;
	for (uint32_t i = 0; !err && i < s->cap_count; i++)
		for (uint32_t k = 0; !err && k < grant_slots(&s->caps[i]); k++)
			err = copy_in(b, to++, s->caps[i].cap + k, s->caps[i].rights);
	return err;
}

/* The type of a grant's capabilities: every one of a range must have the first one's. */
static int grant_type(const struct mercury_cap_grant *g, unsigned *type)
{
	for (uint32_t k = 0; k < grant_slots(g); k++) {
		unsigned t = HELIOS_CAP_NULL;
		int err = helios_identify(g->cap + k, &t, NULL);
		if (err)
			return err;
		if (k > 0 && t != *type)
			return HELIOS_ERR_INVALID_PARAM;
		*type = t;
	}
	return 0;
}

/* The capability table: names (checked for length here, for the rest by the writer), slots
 * and the types the capabilities have. */
static int cap_table(const struct task_build *b, struct mercury_startup_cap *caps)
{
	helios_caddr_t slot = b->caps_first;
	for (uint32_t i = 0; i < b->spec->cap_count; i++) {
		const struct mercury_cap_grant *g = &b->spec->caps[i];
		size_t len = strnlen(g->name, MERCURY_CAP_NAME_MAX);
		unsigned type = HELIOS_CAP_NULL;
		if (len == MERCURY_CAP_NAME_MAX)
			return MERCURY_ERR_STARTUP + MERCURY_STARTUP_ERR_CAP;
		int err = grant_type(g, &type);
		if (err)
			return err;
		memset(&caps[i], 0, sizeof(caps[i]));
		memcpy(caps[i].name, g->name, len);
		caps[i].slot = slot;
		caps[i].type = type;
		caps[i].count = grant_slots(g);
		slot += caps[i].count;
	}
	return 0;
}

/* The block's fixed fields: where everything is in the task. */
static struct mercury_startup fixed_fields(const struct task_build *b)
{
	return (struct mercury_startup){
		.task = MERCURY_SLOT_TASK,
		.cspace = MERCURY_SLOT_CSPACE,
		.vspace = MERCURY_SLOT_VSPACE,
		.exit_endpoint = b->exit_slot,
		.cspace_slots = b->slots,
		.priority = (uint32_t)b->spec->priority,
		.memory = { b->memory_slot, 1 },
		.free_slots = b->free_slots,
		.image_pages = b->image.placed,
		.stack_pages = b->stack.placed,
		.page_tables = b->tables,
		.block_pages = b->block.placed,
		.ipc_page = b->ipc.placed.first,
		.ipc_buffer = MERCURY_TASK_IPC_BUFFER_VADDR,
		.stack_base = MERCURY_TASK_STACK_TOP - MERCURY_TASK_STACK_PAGES * HELIOS_PAGE_SIZE,
		.stack_size = MERCURY_TASK_STACK_PAGES * HELIOS_PAGE_SIZE,
		.image_base = b->img.vbase,
		.image_size = b->img.vend - b->img.vbase,
	};
}

int task_write_block(struct task_build *b)
{
	struct mercury_startup_cap caps[MERCURY_SPAWN_MAX_CAPS];
	int err = cap_table(b, caps);
	if (err)
		return err;
	struct mercury_startup fixed = fixed_fields(b);
	struct mercury_startup_contents contents = { b->spec->argv, b->spec->envp, caps,
						     b->spec->cap_count };
	struct mercury_mapping m;
	err = mercury_map_copies(b->block.tmp, b->block.count, RW, &m);
	if (err)
		return err;
	err = mercury_startup_write(m.data, m.size, MERCURY_STARTUP_VADDR, &fixed, &contents);
	mercury_mapping_unmap(&m);
	return err ? MERCURY_ERR_STARTUP + err : 0;
}
