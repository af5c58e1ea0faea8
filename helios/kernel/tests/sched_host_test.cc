// Host tests of the scheduler's ready queues: priority order, FIFO within a level, rotation
// (yield and time slices), dequeue from any position and priority changes; and of the choice
// at kernel exit (sched_next): the running task off the queues, preemption, hand-over.
#include <gtest/gtest.h>

#include <vector>

extern "C" {
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

struct task *current; // task.c's, which the host build does not have
}

namespace {

class SchedTest : public ::testing::Test {
protected:
	void TearDown() override
	{
		// Leave the global queues empty for the next test.
		for (auto &t : tasks)
			sched_dequeue(&t);
		current = nullptr;
		sched_next(nullptr); // forget any hand-over
	}
	struct task *make(unsigned priority)
	{
		tasks.emplace_back();
		struct task *t = &tasks.back();
		*t = {};
		t->priority = static_cast<uint8_t>(priority);
		t->state = HELIOS_TASK_READY;
		return t;
	}
	// Stable addresses: reserve up front.
	SchedTest() { tasks.reserve(512); }
	std::vector<struct task> tasks;
};

TEST_F(SchedTest, EmptyChoosesNothing)
{
	EXPECT_EQ(sched_choose(), nullptr);
}

TEST_F(SchedTest, HighestPriorityFirst)
{
	struct task *low = make(1), *high = make(200), *mid = make(64);
	sched_enqueue(low);
	sched_enqueue(high);
	sched_enqueue(mid);
	EXPECT_EQ(sched_choose(), high);
	sched_dequeue(high);
	EXPECT_EQ(sched_choose(), mid);
	sched_dequeue(mid);
	EXPECT_EQ(sched_choose(), low);
}

TEST_F(SchedTest, ExtremeLevels)
{
	struct task *zero = make(0), *top = make(255), *edge = make(63), *edge2 = make(64);
	sched_enqueue(zero);
	EXPECT_EQ(sched_choose(), zero);
	sched_enqueue(edge);
	EXPECT_EQ(sched_choose(), edge);
	sched_enqueue(edge2);
	EXPECT_EQ(sched_choose(), edge2);
	sched_enqueue(top);
	EXPECT_EQ(sched_choose(), top);
}

TEST_F(SchedTest, RoundRobinWithinALevel)
{
	struct task *a = make(10), *b = make(10), *c = make(10);
	sched_enqueue(a);
	sched_enqueue(b);
	sched_enqueue(c);
	std::vector<struct task *> order;
	for (int i = 0; i < 6; i++) {
		struct task *t = sched_choose();
		order.push_back(t);
		sched_rotate(t);
	}
	std::vector<struct task *> want = { a, b, c, a, b, c };
	EXPECT_EQ(order, want);
}

TEST_F(SchedTest, RotateAloneKeepsRunning)
{
	struct task *a = make(5);
	sched_enqueue(a);
	sched_rotate(a);
	EXPECT_EQ(sched_choose(), a);
}

TEST_F(SchedTest, RotateNotAtHeadGoesToTail)
{
	struct task *a = make(5), *b = make(5), *c = make(5);
	sched_enqueue(a);
	sched_enqueue(b);
	sched_enqueue(c);
	sched_rotate(b); // a, c, b
	EXPECT_EQ(sched_choose(), a);
	sched_dequeue(a);
	EXPECT_EQ(sched_choose(), c);
	sched_dequeue(c);
	EXPECT_EQ(sched_choose(), b);
}

TEST_F(SchedTest, EnqueueTwiceIsHarmless)
{
	struct task *a = make(3), *b = make(3);
	sched_enqueue(a);
	sched_enqueue(a);
	sched_enqueue(b);
	sched_dequeue(a);
	EXPECT_EQ(sched_choose(), b);
	sched_dequeue(b);
	EXPECT_EQ(sched_choose(), nullptr);
}

TEST_F(SchedTest, DequeueMiddleAndUnqueued)
{
	struct task *a = make(7), *b = make(7), *c = make(7), *d = make(7);
	sched_enqueue(a);
	sched_enqueue(b);
	sched_enqueue(c);
	sched_dequeue(b);
	sched_dequeue(d); // never queued: no effect
	EXPECT_EQ(sched_choose(), a);
	sched_rotate(a);
	EXPECT_EQ(sched_choose(), c);
	EXPECT_FALSE(b->queued);
}

TEST_F(SchedTest, SetPriorityMovesAReadyTask)
{
	struct task *a = make(10), *b = make(20);
	sched_enqueue(a);
	sched_enqueue(b);
	EXPECT_EQ(sched_choose(), b);
	sched_set_priority(a, 30);
	EXPECT_EQ(sched_choose(), a);
	sched_set_priority(a, 1);
	EXPECT_EQ(sched_choose(), b);
	EXPECT_EQ(a->priority, 1);
}

TEST_F(SchedTest, SetPriorityOfBlockedTaskDoesNotQueueIt)
{
	struct task *a = make(10);
	a->state = HELIOS_TASK_BLOCKED_RECV;
	sched_set_priority(a, 50);
	EXPECT_EQ(a->priority, 50);
	EXPECT_EQ(sched_choose(), nullptr);
}

TEST_F(SchedTest, ManyTasksAllLevels)
{
	for (unsigned p = 0; p < 256; p++)
		sched_enqueue(make(p));
	for (int p = 255; p >= 0; p--) {
		struct task *t = sched_choose();
		ASSERT_NE(t, nullptr);
		EXPECT_EQ(t->priority, p);
		sched_dequeue(t);
	}
	EXPECT_EQ(sched_choose(), nullptr);
}


// ---- sched_next: who runs when the kernel returns to user mode -----------------------

// The running task: ready, on no queue.
struct task *Running(struct task *t)
{
	sched_dequeue(t);
	current = t;
	return t;
}

TEST_F(SchedTest, RunningTaskGoesOnBesideEqualOnes)
{
	struct task *a = Running(make(10)), *b = make(10);
	sched_enqueue(b);
	EXPECT_EQ(sched_next(a), a);
	EXPECT_FALSE(a->queued);
	EXPECT_TRUE(b->queued);
}

TEST_F(SchedTest, HigherReadyTaskPreemptsAndThePreemptedResumesFirst)
{
	struct task *a = Running(make(10)), *b = make(10), *c = make(20);
	sched_enqueue(b);
	sched_enqueue(c);
	EXPECT_EQ(sched_next(a), c);
	EXPECT_TRUE(a->queued);
	c->state = HELIOS_TASK_BLOCKED_RECV;
	EXPECT_EQ(sched_next(c), a); // ahead of b, which was waiting before a was preempted
	EXPECT_TRUE(b->queued);
}

TEST_F(SchedTest, YieldGoesBehindItsLevel)
{
	struct task *a = Running(make(10)), *b = make(10);
	sched_enqueue(b);
	sched_rotate(a);
	EXPECT_TRUE(a->queued);
	EXPECT_EQ(sched_next(a), b);
	EXPECT_EQ(sched_next(b), b);
	sched_rotate(b);
	EXPECT_EQ(sched_next(b), a);
}

TEST_F(SchedTest, YieldAloneKeepsRunning)
{
	struct task *a = Running(make(10));
	sched_rotate(a);
	EXPECT_EQ(sched_next(a), a);
	EXPECT_FALSE(a->queued);
}

TEST_F(SchedTest, BlockedTaskIsNotRequeued)
{
	struct task *a = Running(make(10)), *b = make(5);
	sched_enqueue(b);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	EXPECT_EQ(sched_next(a), b);
	EXPECT_FALSE(a->queued);
	b->state = HELIOS_TASK_BLOCKED_RECV;
	EXPECT_EQ(sched_next(b), nullptr);
}

TEST_F(SchedTest, HandOverRunsTheReceiverBeforeEqualOnes)
{
	struct task *a = Running(make(10)), *b = make(10), *r = make(10);
	sched_enqueue(b);
	sched_enqueue(r); // woken by a's call: at the tail
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	sched_hand_over(r);
	EXPECT_EQ(sched_next(a), r);
	EXPECT_FALSE(r->queued);
	EXPECT_TRUE(b->queued);
}

// The slow path's hand-over, as endpoint.c does it: the receiver is made ready on no queue.
TEST_F(SchedTest, HandOverOfAnUnqueuedTaskRunsIt)
{
	struct task *a = Running(make(10)), *b = make(10), *r = make(10);
	sched_enqueue(b);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	sched_hand_over(r);
	EXPECT_EQ(sched_next(a), r);
	EXPECT_FALSE(r->queued);
	EXPECT_EQ(sched_next(nullptr), b);
}

TEST_F(SchedTest, UnqueuedHandOverIsQueuedWhenTheRunningTaskGoesOn)
{
	struct task *a = Running(make(10)), *r = make(10);
	sched_hand_over(r); // a replied without blocking
	EXPECT_EQ(sched_next(a), a);
	EXPECT_TRUE(r->queued);
	a->state = HELIOS_TASK_BLOCKED_RECV;
	EXPECT_EQ(sched_next(a), r);
}

TEST_F(SchedTest, UnqueuedHandOverIsQueuedBehindAHigherReadyTask)
{
	struct task *a = Running(make(10)), *c = make(20), *r = make(10);
	sched_enqueue(c);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	sched_hand_over(r);
	EXPECT_EQ(sched_next(a), c);
	EXPECT_TRUE(r->queued);
}

TEST_F(SchedTest, SecondHandOverQueuesTheFirst)
{
	struct task *a = Running(make(10)), *r1 = make(10), *r2 = make(10);
	sched_hand_over(r1);
	sched_hand_over(r2);
	EXPECT_TRUE(r1->queued);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	EXPECT_EQ(sched_next(a), r2);
	EXPECT_EQ(sched_next(nullptr), r1);
}

TEST_F(SchedTest, DequeueCancelsAHandOver)
{
	struct task *a = Running(make(10)), *b = make(10), *r = make(10);
	sched_enqueue(b);
	sched_hand_over(r);
	sched_dequeue(r); // suspended before it ran
	r->state = HELIOS_TASK_INACTIVE;
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	EXPECT_EQ(sched_next(a), b);
	EXPECT_FALSE(r->queued);
}

TEST_F(SchedTest, PriorityChangeKeepsAHandedOverTaskReady)
{
	struct task *a = Running(make(10)), *r = make(10);
	sched_hand_over(r);
	sched_set_priority(r, 12);
	EXPECT_TRUE(r->queued);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	EXPECT_EQ(sched_next(a), r);
}

TEST_F(SchedTest, HandOverYieldsToAHigherReadyTask)
{
	struct task *a = Running(make(10)), *c = make(20), *r = make(10);
	sched_enqueue(c);
	sched_enqueue(r);
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	sched_hand_over(r);
	EXPECT_EQ(sched_next(a), c);
	EXPECT_TRUE(r->queued);
}

TEST_F(SchedTest, HandOverIsIgnoredWhileTheRunningTaskGoesOn)
{
	struct task *a = Running(make(10)), *b = make(10), *r = make(10);
	sched_enqueue(b);
	sched_enqueue(r);
	sched_hand_over(r); // a replied without blocking
	EXPECT_EQ(sched_next(a), a);
	a->state = HELIOS_TASK_BLOCKED_RECV;
	EXPECT_EQ(sched_next(a), b); // the hand-over was used up
}

TEST_F(SchedTest, HandOverToATaskNoLongerReadyIsIgnored)
{
	struct task *a = Running(make(10)), *b = make(10), *r = make(10);
	sched_enqueue(b);
	r->state = HELIOS_TASK_INACTIVE;
	a->state = HELIOS_TASK_BLOCKED_REPLY;
	sched_hand_over(r);
	EXPECT_EQ(sched_next(a), b);
}

TEST_F(SchedTest, IdleTakesTheHighest)
{
	struct task *a = make(3), *b = make(9);
	sched_enqueue(a);
	sched_enqueue(b);
	EXPECT_EQ(sched_next(nullptr), b);
	EXPECT_FALSE(b->queued);
}

TEST_F(SchedTest, RunningTaskLoweredGoesBehindItsNewLevel)
{
	struct task *a = Running(make(10)), *b = make(5);
	sched_enqueue(b);
	sched_set_priority(a, 5);
	EXPECT_TRUE(a->queued);
	EXPECT_EQ(sched_next(a), b);
}

TEST_F(SchedTest, HigherReadyIsStrict)
{
	struct task *a = make(10);
	sched_enqueue(a);
	EXPECT_TRUE(sched_higher_ready(9));
	EXPECT_FALSE(sched_higher_ready(10));
	EXPECT_FALSE(sched_higher_ready(255));
}

} // namespace
