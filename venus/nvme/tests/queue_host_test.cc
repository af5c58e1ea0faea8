// Queue bookkeeping (queue.h): the phase bit across wraps, submission tails, command ids, and
// every check a completion must pass before it is believed.
#include <gtest/gtest.h>

extern "C" {
#include "venus/nvme/queue.h"
}

namespace {

nvme_completion Entry(uint16_t cid, uint16_t phase, uint16_t sq_id = 1, uint16_t sq_head = 0,
		      uint16_t code = 0)
{
	nvme_completion c{};
	c.cid = cid;
	c.sq_id = sq_id;
	c.sq_head = sq_head;
	c.status = static_cast<uint16_t>(phase | code << 1);
	return c;
}

TEST(CompletionQueue, TakesOnlyEntriesOfTheCurrentPhaseAndFlipsItAtTheEnd)
{
	nvme_completion ring[3] = {};
	nvme_cq cq;
	nvme_cq_init(&cq, ring, 3);
	nvme_completion out;
	EXPECT_FALSE(nvme_cq_next(&cq, &out)); // zeroed memory is phase 0: nothing new
	ring[0] = Entry(5, 1);
	ring[1] = Entry(6, 1);
	ASSERT_TRUE(nvme_cq_next(&cq, &out));
	EXPECT_EQ(out.cid, 5);
	ASSERT_TRUE(nvme_cq_next(&cq, &out));
	EXPECT_EQ(out.cid, 6);
	EXPECT_FALSE(nvme_cq_next(&cq, &out));
	ring[2] = Entry(7, 1);
	ASSERT_TRUE(nvme_cq_next(&cq, &out));
	EXPECT_EQ(cq.head, 0);
	EXPECT_EQ(cq.phase, 0);
	// The old entry at 0 still says phase 1: on the second pass it is stale.
	EXPECT_FALSE(nvme_cq_next(&cq, &out));
	ring[0] = Entry(8, 0);
	ASSERT_TRUE(nvme_cq_next(&cq, &out));
	EXPECT_EQ(out.cid, 8);
	EXPECT_EQ(cq.head, 1);
}

TEST(SubmissionQueue, CopiesAtTheTailAndWraps)
{
	nvme_command ring[2] = {};
	nvme_sq sq;
	nvme_sq_init(&sq, ring, 2);
	nvme_command cmd{};
	cmd.cdw0 = NVME_CDW0(NVME_CMD_READ, 3);
	cmd.prp1 = 0x1234000;
	EXPECT_EQ(nvme_sq_push(&sq, &cmd), 1);
	EXPECT_EQ(ring[0].cdw0, 0x30002u);
	EXPECT_EQ(ring[0].prp1, 0x1234000u);
	EXPECT_EQ(nvme_sq_push(&sq, &cmd), 0);
	EXPECT_EQ(nvme_sq_push(&sq, &cmd), 1);
}

TEST(Slots, HandsOutEachIdOnceUpToTheCount)
{
	nvme_slots s;
	nvme_slots_init(&s, 3);
	uint16_t a, b, c, d;
	ASSERT_TRUE(nvme_slot_alloc(&s, &a));
	ASSERT_TRUE(nvme_slot_alloc(&s, &b));
	ASSERT_TRUE(nvme_slot_alloc(&s, &c));
	EXPECT_FALSE(nvme_slot_alloc(&s, &d));
	EXPECT_NE(a, b);
	EXPECT_NE(b, c);
	EXPECT_EQ(nvme_slots_in_flight(&s), 3u);
	nvme_slot_free(&s, b);
	ASSERT_TRUE(nvme_slot_alloc(&s, &d));
	EXPECT_EQ(d, b);
	nvme_slot_free(&s, 999); // out of range: nothing happens
	EXPECT_EQ(nvme_slots_in_flight(&s), 3u);
}

TEST(Slots, CountIsClamped)
{
	nvme_slots s;
	nvme_slots_init(&s, 0);
	EXPECT_EQ(s.count, 1);
	nvme_slots_init(&s, 1000);
	EXPECT_EQ(s.count, NVME_SLOTS_MAX);
	uint16_t cid;
	for (int i = 0; i < NVME_SLOTS_MAX; i++)
		ASSERT_TRUE(nvme_slot_alloc(&s, &cid));
	EXPECT_FALSE(nvme_slot_alloc(&s, &cid));
	EXPECT_EQ(cid, NVME_SLOTS_MAX - 1);
}

TEST(CompletionCheck, BelievesOnlyAnOutstandingIdOnItsQueue)
{
	nvme_slots s;
	nvme_slots_init(&s, 4);
	uint16_t cid;
	ASSERT_TRUE(nvme_slot_alloc(&s, &cid));
	nvme_completion ok = Entry(cid, 1, 1, 3);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &ok), NVME_COMPLETION_OK);
	nvme_completion failed = Entry(cid, 1, 1, 3, 0x80);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &failed), NVME_COMPLETION_FAILED);
	nvme_completion typed = Entry(cid, 1, 1, 3);
	typed.status |= 2 << 9; // status code type 2, code 0: still an error
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &typed), NVME_COMPLETION_FAILED);
	nvme_completion other_queue = Entry(cid, 1, 0, 3);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &other_queue), NVME_COMPLETION_WRONG_QUEUE);
	nvme_completion far = Entry(4, 1);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &far), NVME_COMPLETION_BAD_CID);
	nvme_completion huge = Entry(0xffff, 1);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &huge), NVME_COMPLETION_BAD_CID);
	nvme_completion idle = Entry(static_cast<uint16_t>(cid + 1), 1);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &idle), NVME_COMPLETION_NOT_OUTSTANDING);
	nvme_completion head = Entry(cid, 1, 1, 8);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &head), NVME_COMPLETION_BAD_SQ_HEAD);
	// Once freed, the same id completing again is a duplicate.
	nvme_slot_free(&s, cid);
	EXPECT_EQ(nvme_completion_check(&s, 1, 8, &ok), NVME_COMPLETION_NOT_OUTSTANDING);
	EXPECT_STREQ(nvme_completion_verdict_name(NVME_COMPLETION_NOT_OUTSTANDING),
		     "command id not in flight");
}

} // namespace
