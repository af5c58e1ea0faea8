/*
 * The layout of a new task's cspace (task_build.h), decided before anything is allocated:
 *
 *   1, 2, 3              its TASK, CSPACE and VSPACE (MERCURY_SLOT_*)
 *   16                   its MEMORY
 *   17                   the supervisor endpoint it reports its exit to (if any)
 *   then                 the named capabilities, in the order given
 *   then                 image pages, stack pages, IPC buffer page, startup block pages,
 *                        MERCURY_TASK_TABLE_SLOTS for page tables
 *   the rest             free slots, for its slot allocator
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>
#include <mercury/startup_block.h>

#include <mercury/error.h>
#include <mercury/image.h>
#include <mercury/task.h>

#include "mercury/lib/task_build.h"

/* The fewest free slots a task starts with (its first allocations need some). */
#define MIN_FREE_SLOTS 16

/* The image pages a segment touches (the others are not mapped). */
static uint32_t mapped_image_pages(const struct elf_image *img)
{
	uint32_t n = 0;
	for (uint64_t v = img->vbase; v < img->vend; v += HELIOS_PAGE_SIZE)
		n += mercury_image_page_rights(img, v) != 0;
	return n;
}

/* The next range of `count` slots from *at. */
static struct helios_cap_range take(uint32_t *at, uint32_t count)
{
	struct helios_cap_range r = { *at, count };
	*at += count;
	return r;
}

static int measure_block(struct task_build *b)
{
	const struct mercury_spawn *s = b->spec;
	/* Names are checked when the block is written; their number matters now. */
	struct mercury_startup_contents c = { s->argv, s->envp, NULL, s->cap_count };
	int err = mercury_startup_measure(&c, &b->block_bytes);
	return err ? MERCURY_ERR_STARTUP + err : 0;
}

int task_plan(struct task_build *b)
{
	const struct mercury_spawn *s = b->spec;
	int err = mercury_image_parse(s->image, s->image_size, mercury_image_machine(), &b->img);
	if (err)
		return err;
	if (s->cap_count > MERCURY_SPAWN_MAX_CAPS)
		return MERCURY_ERR_TOO_MANY;
	uint32_t cap_slots = 0;
	for (uint32_t i = 0; i < s->cap_count; i++) {
		cap_slots += grant_slots(&s->caps[i]);
		if (cap_slots > MERCURY_SPAWN_MAX_CAP_SLOTS)
			return MERCURY_ERR_TOO_MANY;
	}
	err = measure_block(b);
	if (err)
		return err;
	/* By default the given capabilities come on top of the usual room, and as much again is
	 * left free: a task given pages maps them through copies (mercury_map_copies). */
	b->slots = s->cspace_slots ? s->cspace_slots : MERCURY_SPAWN_SLOTS + 2 * cap_slots;
	uint64_t bytes = s->memory ? s->memory : MERCURY_SPAWN_MEMORY;
	b->memory_bytes = (bytes + HELIOS_PAGE_SIZE - 1) & ~(HELIOS_PAGE_SIZE - 1);

	uint32_t at = MERCURY_SLOT_FIRST_RANGE;
	b->memory_slot = at++;
	b->exit_slot = s->supervisor != HELIOS_CADDR_UNDEF ? at++ : HELIOS_CADDR_UNDEF;
	b->caps_first = at;
	at += cap_slots;
	b->image.placed = take(&at, mapped_image_pages(&b->img));
	b->stack.placed = take(&at, MERCURY_TASK_STACK_PAGES);
	b->ipc.placed = take(&at, 1);
	b->block.placed = take(&at, (uint32_t)((b->block_bytes + HELIOS_PAGE_SIZE - 1) /
					       HELIOS_PAGE_SIZE));
	b->tables = take(&at, 0);
	b->table_slots = MERCURY_TASK_TABLE_SLOTS;
	at += MERCURY_TASK_TABLE_SLOTS;
	if (b->slots > HELIOS_CSPACE_MAX_SLOTS || at + MIN_FREE_SLOTS > b->slots)
		return HELIOS_ERR_INVALID_PARAM;
	b->free_slots = (struct helios_cap_range){ at, b->slots - at };
	return 0;
}
