// Split virtqueue bookkeeping (../virtq.h) against a fake device working on the same memory:
// chains made available in order, taken back in any order, and a device that lies about ids,
// lengths and its used index.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "venus/virtio/virtq.h"
}

namespace {

struct Area {
	alignas(4096) uint8_t bytes[VIRTQ_AREA_BYTES];
};

// The device's side: reads the available ring, writes the used ring.
class FakeDevice {
public:
	explicit FakeDevice(virtq *q) : q_(q) {}
	// The heads made available since the last call, in order.
	std::vector<uint16_t> Take()
	{
		std::vector<uint16_t> heads;
		while (seen_ != q_->avail->idx)
			heads.push_back((uint16_t)q_->avail->ring[seen_++ & (q_->size - 1)]);
		return heads;
	}
	// Buffers of the chain at `head`, as the device walks it.
	std::vector<virtq_desc> Chain(uint16_t head)
	{
		std::vector<virtq_desc> out;
		uint16_t at = head;
		for (;;) {
			virtq_desc d;
			d.addr = q_->desc[at].addr;
			d.len = q_->desc[at].len;
			d.flags = q_->desc[at].flags;
			d.next = q_->desc[at].next;
			out.push_back(d);
			if (!(d.flags & VIRTQ_DESC_F_NEXT) || out.size() > q_->size)
				break;
			at = d.next;
		}
		return out;
	}
	void Done(uint32_t id, uint32_t len)
	{
		q_->used->ring[used_ & (q_->size - 1)].id = id;
		q_->used->ring[used_ & (q_->size - 1)].len = len;
		q_->used->idx = ++used_;
	}
	void SetUsedIdx(uint16_t idx)
	{
		used_ = idx;
		q_->used->idx = idx;
	}

private:
	virtq *q_;
	uint16_t seen_ = 0, used_ = 0;
};

class VirtqTest : public ::testing::Test {
protected:
	void SetUp() override { ASSERT_EQ(virtq_init(&q, area.bytes, 8), VIRTQ_OK); }

	uint16_t Add(std::vector<virtq_buffer> buffers)
	{
		uint16_t head = 0xffff;
		EXPECT_EQ(virtq_add(&q, buffers.data(), (unsigned)buffers.size(), &head), VIRTQ_OK);
		return head;
	}

	Area area;
	virtq q;
	FakeDevice device{&q};
};

// A block request's shape: a header the device reads, data, a status byte it writes.
std::vector<virtq_buffer> Request(uint32_t data, bool device_writes_data)
{
	return {{0x1000, 16, false}, {0x20000, data, device_writes_data}, {0x1010, 1, true}};
}

TEST(VirtqLayoutTest, PartsAreAlignedAndFitThePage)
{
	for (uint16_t size = 1; size <= VIRTQ_MAX_SIZE; size *= 2) {
		EXPECT_EQ(virtq_avail_offset(size) % 2, 0u);
		EXPECT_EQ(virtq_used_offset(size) % 4, 0u);
		EXPECT_GE(virtq_used_offset(size), virtq_avail_offset(size) + 6 + 2u * size);
		EXPECT_LE(virtq_used_offset(size) + 6 + 8u * size, (size_t)VIRTQ_AREA_BYTES);
	}
}

TEST(VirtqLayoutTest, BadSizesAreRefused)
{
	Area area;
	virtq q;
	EXPECT_EQ(virtq_init(&q, area.bytes, 0), VIRTQ_BAD_ARGUMENT);
	EXPECT_EQ(virtq_init(&q, area.bytes, 3), VIRTQ_BAD_ARGUMENT);
	EXPECT_EQ(virtq_init(&q, area.bytes, 2 * VIRTQ_MAX_SIZE), VIRTQ_BAD_ARGUMENT);
	EXPECT_EQ(virtq_init(&q, area.bytes + 4, 8), VIRTQ_BAD_ARGUMENT);
}

TEST_F(VirtqTest, TheDeviceSeesTheChainAsAdded)
{
	uint16_t head = Add(Request(512, true));
	std::vector<uint16_t> heads = device.Take();
	ASSERT_EQ(heads.size(), 1u);
	EXPECT_EQ(heads[0], head);
	std::vector<virtq_desc> chain = device.Chain(head);
	ASSERT_EQ(chain.size(), 3u);
	EXPECT_EQ(chain[0].addr, 0x1000u);
	EXPECT_EQ(chain[0].len, 16u);
	EXPECT_EQ(chain[0].flags, VIRTQ_DESC_F_NEXT);
	EXPECT_EQ(chain[1].addr, 0x20000u);
	EXPECT_EQ(chain[1].flags, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE);
	EXPECT_EQ(chain[2].len, 1u);
	EXPECT_EQ(chain[2].flags, VIRTQ_DESC_F_WRITE);
	EXPECT_EQ(virtq_in_flight(&q), 1u);
}

TEST_F(VirtqTest, CompletionsInAnyOrderFreeTheirDescriptors)
{
	uint16_t a = Add(Request(512, true)), b = Add(Request(512, false));
	uint16_t head;
	uint32_t len;
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_EMPTY);
	EXPECT_EQ(q.free_count, 2u);
	device.Done(b, 1);
	device.Done(a, 513);
	ASSERT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_OK);
	EXPECT_EQ(head, b);
	EXPECT_EQ(len, 1u);
	ASSERT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_OK);
	EXPECT_EQ(head, a);
	EXPECT_EQ(len, 513u);
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_EMPTY);
	EXPECT_EQ(q.free_count, 8u);
	EXPECT_EQ(virtq_in_flight(&q), 0u);
}

TEST_F(VirtqTest, AFullQueueRefusesAndStaysAsItWas)
{
	Add(Request(512, true));
	Add(Request(512, true));
	std::vector<virtq_buffer> r = Request(512, true);
	uint16_t head;
	EXPECT_EQ(virtq_add(&q, r.data(), 3, &head), VIRTQ_FULL);
	EXPECT_EQ(q.free_count, 2u);
	EXPECT_EQ(q.avail->idx, 2u);
	virtq_buffer two[2] = {{0x1000, 16, false}, {0x1010, 1, true}};
	EXPECT_EQ(virtq_add(&q, two, 2, &head), VIRTQ_OK);
	EXPECT_EQ(q.free_count, 0u);
}

TEST_F(VirtqTest, BadBuffersAreRefused)
{
	virtq_buffer empty[1] = {{0x1000, 0, false}};
	uint16_t head;
	EXPECT_EQ(virtq_add(&q, empty, 1, &head), VIRTQ_BAD_ARGUMENT);
	EXPECT_EQ(virtq_add(&q, empty, 0, &head), VIRTQ_BAD_ARGUMENT);
	std::vector<virtq_buffer> many(9, virtq_buffer{0x1000, 1, false});
	EXPECT_EQ(virtq_add(&q, many.data(), 9, &head), VIRTQ_BAD_ARGUMENT);
}

// The queue wraps around many times: indices are free-running 16-bit counters.
TEST_F(VirtqTest, ManyRoundsWrapTheIndices)
{
	for (unsigned round = 0; round < 70000; round++) {
		uint16_t a = Add(Request(512, true)), b = Add(Request(1024, false));
		device.Take();
		device.Done(a, 513);
		device.Done(b, 1);
		uint16_t head;
		uint32_t len;
		ASSERT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_OK);
		ASSERT_EQ(head, a);
		ASSERT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_OK);
		ASSERT_EQ(head, b);
	}
	EXPECT_EQ(q.free_count, 8u);
}

TEST_F(VirtqTest, AnIdOutOfRangeBreaksTheQueue)
{
	Add(Request(512, true));
	device.Done(8, 1);
	uint16_t head;
	uint32_t len;
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
	// Nothing more is believed, nor added.
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
	std::vector<virtq_buffer> r = Request(512, true);
	EXPECT_EQ(virtq_add(&q, r.data(), 3, &head), VIRTQ_DEVICE_ERROR);
}

TEST_F(VirtqTest, AnIdThatHeadsNoChainInFlightBreaksTheQueue)
{
	uint16_t a = Add(Request(512, true));
	uint16_t head;
	uint32_t len;
	device.Done((uint32_t)a + 1, 1); // inside the chain, not its head
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
}

TEST_F(VirtqTest, AChainFinishedTwiceBreaksTheQueue)
{
	uint16_t a = Add(Request(512, true));
	uint16_t head;
	uint32_t len;
	Add(Request(512, true));
	device.Done(a, 513);
	device.Done(a, 513);
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_OK);
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
}

TEST_F(VirtqTest, ALengthBeyondTheWritableBytesBreaksTheQueue)
{
	uint16_t a = Add(Request(512, false)); // the device may write only the status byte
	uint16_t head;
	uint32_t len;
	device.Done(a, 2);
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
}

TEST_F(VirtqTest, AUsedIndexAheadOfWhatIsInFlightBreaksTheQueue)
{
	Add(Request(512, true));
	device.SetUsedIdx(2);
	uint16_t head;
	uint32_t len;
	EXPECT_EQ(virtq_take_used(&q, &head, &len), VIRTQ_DEVICE_ERROR);
}

} // namespace
