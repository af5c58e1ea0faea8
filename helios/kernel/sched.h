/*
 * The scheduler: 256 priority levels, round-robin within a level, highest level first. Ready
 * tasks wait on their level's queue; the running task (current) is on none while it runs, as
 * in seL4, so handing the CPU straight to another task (IPC) touches no queue. A bitmap of
 * non-empty levels finds the highest in a few instructions.
 *
 * At every kernel exit sched_next decides who runs: the running task goes on unless a task of
 * a higher level is ready (a preempted task goes back to the head of its level, so it resumes
 * first there); a task that gave up its turn (yield, end of time slice) is queued at its
 * level's tail; otherwise a task that a call, reply or fault handed the CPU to runs next when
 * nothing ready outranks it; otherwise the head of the highest level.
 */
#ifndef HELIOS_KERNEL_SCHED_H
#define HELIOS_KERNEL_SCHED_H

#include <stdbool.h>

#include "helios/kernel/task.h"

/* Puts a ready task at the tail of its level's queue (no-op when already queued). */
void sched_enqueue(struct task *t);
/* Takes a task off its queue, or back from a hand-over (no-op when neither). */
void sched_dequeue(struct task *t);
/* The head of the highest non-empty level, left queued, or NULL. */
struct task *sched_choose(void);
/* Moves t behind every other task of its level (yield, end of time slice); the running task
 * is queued at its level's tail. No-op on a task that is not ready. */
void sched_rotate(struct task *t);
/* Changes a task's level, keeping it ready if it was; the running task is queued at the
 * tail of its new level, so tasks already there run first. */
void sched_set_priority(struct task *t, unsigned priority);
/* Whether a ready task waits at a level above `priority`. */
bool sched_higher_ready(unsigned priority);
/* A call, reply or fault made t ready (on no queue) and may have blocked the running task: t
 * runs next if the running task does not go on and nothing ready outranks it (the message's
 * receiver gets the rest of the turn, as on the fastpath); else sched_next queues it. */
void sched_hand_over(struct task *t);
/* The task to run after `running` (current, or NULL when idle) leaves the kernel; it is
 * taken off its queue. NULL: none is ready. */
struct task *sched_next(struct task *running);

/* sched.c's state that the common case of every kernel exit reads inline: a bound on the
 * highest non-empty level (-1: none; raised by every enqueue, made exact whenever a choice
 * is computed, so a dequeue costs nothing) and the task handed the CPU since the last
 * sched_next. */
extern int sched_highest;
extern struct task *sched_handed_to;

/* Whether sched_next(running) would just return running, with nothing to do: it is ready,
 * did not give up its turn, nothing was handed the CPU and nothing ready outranks it (the
 * exit from most syscalls that do not block). */
static inline bool sched_running_goes_on(const struct task *running)
{
	return !sched_handed_to && running->state == HELIOS_TASK_READY && !running->queued &&
	       sched_highest <= (int)running->priority;
}

#endif
