/*
 * Building a task (task.h), shared by the files that do it: task.c (the order of the steps,
 * undoing them), task_plan.c (the layout of the task's cspace), task_pages.c (its pages and
 * page tables), task_caps.c (the capabilities it gets and its startup block).
 */
#ifndef MERCURY_LIB_TASK_BUILD_H
#define MERCURY_LIB_TASK_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include "boot/elf.h"
#include <mercury/task.h>

/* A run of pages: made in consecutive temporary slots of the builder's cspace, mapped into
 * the task's vspace, then moved to their range of the task's cspace. */
struct task_pages {
	helios_caddr_t tmp;             /* first temporary slot; UNDEF when there are none */
	uint32_t count;                 /* pages made */
	uint32_t moved;                 /* of which this many have left their temporary slots */
	struct helios_cap_range placed; /* where they go in the task's cspace */
};

struct task_build {
	const struct mercury_spawn *spec;
	struct mercury_task *t;
	struct elf_image img;
	uint32_t slots;           /* of the task's cspace */
	uint64_t memory_bytes;
	/* The task's cspace (task_plan.c). */
	helios_caddr_t memory_slot;
	helios_caddr_t exit_slot; /* HELIOS_CADDR_UNDEF: no supervisor */
	helios_caddr_t caps_first;
	struct task_pages image, stack, ipc, block;
	struct helios_cap_range tables; /* count: how many are used so far */
	uint32_t table_slots;
	struct helios_cap_range free_slots;
	size_t block_bytes;
	/* A badged copy of the supervisor, while the task is configured. */
	helios_caddr_t fault_ep;
};

/* task_plan.c: checks the executable and the startup block's contents, lays out the cspace. */
int task_plan(struct task_build *b);

/* task_pages.c */
int task_map_image(struct task_build *b);
/* count fresh pages mapped read-write in the task at vaddr. */
int task_map_fresh(struct task_build *b, struct task_pages *p, uint64_t vaddr);
/* Moves every page to its place in the task's cspace (the image's gap pages are deleted). */
int task_place_pages(struct task_build *b);
/* Frees the temporary slots still held (their capabilities are gone or going). */
void task_forget_pages(struct task_build *b);

/* task_caps.c */
/* The slots a grant takes in the task (its range's count, or 1). */
static inline uint32_t grant_slots(const struct mercury_cap_grant *g)
{
	return g->count ? g->count : 1;
}
int task_give_caps(struct task_build *b);
int task_write_block(struct task_build *b);

#endif
