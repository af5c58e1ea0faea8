/*
 * The scheduler: 256 priority levels, round-robin within a level, highest level first. Ready
 * tasks sit on their level's queue, the running one included (at the head); a bitmap of
 * non-empty levels finds the highest in a few instructions. Preemption falls out of picking
 * again at every kernel exit: a task woken at a higher level runs as soon as the kernel
 * returns. The timer rotates the running task's level every tick (one time slice).
 */
#ifndef HELIOS_KERNEL_SCHED_H
#define HELIOS_KERNEL_SCHED_H

#include <stdbool.h>

struct task;

/* Puts a ready task at the tail of its level's queue (no-op when already queued). */
void sched_enqueue(struct task *t);
/* Takes a task off its queue (no-op when not queued). */
void sched_dequeue(struct task *t);
/* The task to run: head of the highest non-empty level, or NULL. */
struct task *sched_choose(void);
/* Moves t behind every other task of its level (yield, end of time slice). */
void sched_rotate(struct task *t);
/* Changes a task's level, keeping it ready if it was. */
void sched_set_priority(struct task *t, unsigned priority);

#endif
