/* Ready queues and the choice of the next task (see sched.h). */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

/* Circular doubly linked queues, one per level; head[p] is the next to run at level p. */
static struct task *head[HELIOS_PRIORITY_COUNT];
static uint64_t nonempty[HELIOS_PRIORITY_COUNT / 64];
/* Who sched_hand_over named since the last sched_next. */
static struct task *handed_to;

/* Links t into its level's ring, before the head: at the tail. */
static void ring_insert(struct task *t)
{
	unsigned p = t->priority;
	struct task *h = head[p];
	if (!h) {
		t->next = t->prev = t;
		head[p] = t;
		nonempty[p / 64] |= 1ull << (p % 64);
	} else {
		t->next = h;
		t->prev = h->prev;
		h->prev->next = t;
		h->prev = t;
	}
	t->queued = 1;
}

void sched_enqueue(struct task *t)
{
	if (!t->queued)
		ring_insert(t);
}

/* At the head of its level: a preempted task resumes first there. */
static void enqueue_head(struct task *t)
{
	if (!t->queued) {
		ring_insert(t);
		head[t->priority] = t;
	}
}

void sched_dequeue(struct task *t)
{
	if (!t->queued)
		return;
	unsigned p = t->priority;
	if (t->next == t) {
		head[p] = NULL;
		nonempty[p / 64] &= ~(1ull << (p % 64));
	} else {
		t->prev->next = t->next;
		t->next->prev = t->prev;
		if (head[p] == t)
			head[p] = t->next;
	}
	t->next = t->prev = NULL;
	t->queued = 0;
}

/* The highest non-empty level, or -1. */
static int highest_level(void)
{
	for (int word = HELIOS_PRIORITY_COUNT / 64 - 1; word >= 0; word--)
		if (nonempty[word])
			return word * 64 + 63 - __builtin_clzll(nonempty[word]);
	return -1;
}

struct task *sched_choose(void)
{
	int p = highest_level();
	return p < 0 ? NULL : head[p];
}

bool sched_higher_ready(unsigned priority)
{
	return highest_level() > (int)priority;
}

void sched_rotate(struct task *t)
{
	if (t->state != HELIOS_TASK_READY)
		return;
	if (t->queued && head[t->priority] == t)
		head[t->priority] = t->next;
	else if (t->queued)
		sched_dequeue(t);
	sched_enqueue(t);
}

void sched_set_priority(struct task *t, unsigned priority)
{
	bool ready = t->queued || (t == current && t->state == HELIOS_TASK_READY);
	sched_dequeue(t);
	t->priority = (uint8_t)priority;
	if (ready)
		sched_enqueue(t);
}

void sched_hand_over(struct task *t)
{
	handed_to = t;
}

struct task *sched_next(struct task *running)
{
	struct task *to = handed_to;
	handed_to = NULL;
	if (running && running->state == HELIOS_TASK_READY && !running->queued) {
		if (!sched_higher_ready(running->priority))
			return running;
		enqueue_head(running);
	}
	if (to && to->state == HELIOS_TASK_READY && to->queued && !sched_higher_ready(to->priority)) {
		sched_dequeue(to);
		return to;
	}
	struct task *t = sched_choose();
	if (t)
		sched_dequeue(t);
	return t;
}
