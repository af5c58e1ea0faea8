/* Ready queues and the choice of the next task (see sched.h). */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

/* Circular doubly linked queues, one per level; head[p] is the next to run at level p. */
static struct task *head[HELIOS_PRIORITY_COUNT];
static uint64_t nonempty[HELIOS_PRIORITY_COUNT / 64];
/* Bit w: nonempty[w] has a bit set. Two levels, so the highest level is two bit scans. */
static uint64_t nonempty_words;
_Static_assert(HELIOS_PRIORITY_COUNT / 64 <= 64, "one word of nonempty_words");
/* sched.h: at least the highest non-empty level (-1: none), and who sched_hand_over named
 * since the last sched_next. */
int sched_highest = -1;
struct task *sched_handed_to;

/* The highest non-empty level, or -1; sched_highest becomes exact. */
static inline int highest_level(void)
{
	int level = -1;
	if (nonempty_words) {
		int word = 63 - __builtin_clzll(nonempty_words);
		level = word * 64 + 63 - __builtin_clzll(nonempty[word]);
	}
	sched_highest = level;
	return level;
}

/* Links t into its level's ring, before the head: at the tail. */
static void ring_insert(struct task *t)
{
	unsigned p = t->priority;
	struct task *h = head[p];
	if (!h) {
		t->next = t->prev = t;
		head[p] = t;
		nonempty[p / 64] |= 1ull << (p % 64);
		nonempty_words |= 1ull << (p / 64);
		if ((int)p > sched_highest)
			sched_highest = (int)p;
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
	if (!t->queued) {
		if (t == sched_handed_to)
			sched_handed_to = NULL; /* suspended, or woken again, before it could run */
		return;
	}
	unsigned p = t->priority;
	if (t->next == t) {
		head[p] = NULL;
		nonempty[p / 64] &= ~(1ull << (p % 64));
		if (!nonempty[p / 64])
			nonempty_words &= ~(1ull << (p / 64));
		/* sched_highest stays: a bound, made exact when a choice needs it. */
	} else {
		t->prev->next = t->next;
		t->next->prev = t->prev;
		if (head[p] == t)
			head[p] = t->next;
	}
	t->next = t->prev = NULL;
	t->queued = 0;
}

struct task *sched_choose(void)
{
	int p = highest_level();
	return p < 0 ? NULL : head[p];
}

bool sched_higher_ready(unsigned priority)
{
	return sched_highest > (int)priority && highest_level() > (int)priority;
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
	bool ready = t->state == HELIOS_TASK_READY &&
		     (t->queued || t == current || t == sched_handed_to);
	sched_dequeue(t);
	t->priority = (uint8_t)priority;
	if (ready)
		sched_enqueue(t);
}

void sched_hand_over(struct task *t)
{
	if (sched_handed_to && sched_handed_to != t)
		sched_enqueue(sched_handed_to);
	sched_handed_to = t;
}

struct task *sched_next(struct task *running)
{
	struct task *to = sched_handed_to;
	sched_handed_to = NULL;
	if (running && running->state == HELIOS_TASK_READY && !running->queued) {
		if (!sched_higher_ready(running->priority)) {
			if (to && to->state == HELIOS_TASK_READY)
				sched_enqueue(to); /* the running task goes on: to waits its turn */
			return running;
		}
		enqueue_head(running);
	}
	if (to && to->state == HELIOS_TASK_READY) {
		if (!sched_higher_ready(to->priority)) {
			sched_dequeue(to); /* in case it was queued after all */
			return to;
		}
		sched_enqueue(to);
	}
	struct task *t = sched_choose();
	if (t)
		sched_dequeue(t);
	return t;
}
