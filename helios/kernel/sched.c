/* Ready queues (see sched.h). */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

/* Circular doubly linked queues, one per level; head[p] is the next to run at level p. */
static struct task *head[HELIOS_PRIORITY_COUNT];
static uint64_t nonempty[HELIOS_PRIORITY_COUNT / 64];

void sched_enqueue(struct task *t)
{
	if (t->queued)
		return;
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

struct task *sched_choose(void)
{
	for (int word = HELIOS_PRIORITY_COUNT / 64 - 1; word >= 0; word--) {
		if (nonempty[word]) {
			unsigned p = (unsigned)word * 64 + 63 - (unsigned)__builtin_clzll(nonempty[word]);
			return head[p];
		}
	}
	return NULL;
}

void sched_rotate(struct task *t)
{
	if (t->queued && head[t->priority] == t)
		head[t->priority] = t->next;
	else if (t->queued) {
		sched_dequeue(t);
		sched_enqueue(t);
	}
}

void sched_set_priority(struct task *t, unsigned priority)
{
	int was_queued = t->queued;
	sched_dequeue(t);
	t->priority = (uint8_t)priority;
	if (was_queued)
		sched_enqueue(t);
}
