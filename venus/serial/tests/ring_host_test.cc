// The byte ring (../ring.h): order kept across the wrap, a full ring refuses, take bounded.
#include <cstdint>
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "venus/serial/ring.h"
}

namespace {

TEST(SerialRing, KeepsOrderAcrossTheWrap)
{
	static serial_ring r;
	serial_ring_init(&r);
	uint8_t out[SERIAL_RING_SIZE];
	// Move the head near the end, then fill past it.
	for (unsigned i = 0; i < SERIAL_RING_SIZE - 3; i++)
		ASSERT_TRUE(serial_ring_put(&r, 0));
	ASSERT_EQ(serial_ring_take(&r, out, SERIAL_RING_SIZE), SERIAL_RING_SIZE - 3u);
	for (unsigned i = 0; i < 10; i++)
		ASSERT_TRUE(serial_ring_put(&r, (uint8_t)i));
	EXPECT_EQ(serial_ring_count(&r), 10u);
	ASSERT_EQ(serial_ring_take(&r, out, 4), 4u);
	ASSERT_EQ(serial_ring_take(&r, out + 4, 100), 6u);
	for (unsigned i = 0; i < 10; i++)
		EXPECT_EQ(out[i], i);
	EXPECT_EQ(serial_ring_take(&r, out, 1), 0u);
}

TEST(SerialRing, FullRefusesAndKeepsWhatItHas)
{
	static serial_ring r;
	serial_ring_init(&r);
	for (unsigned i = 0; i < SERIAL_RING_SIZE; i++)
		ASSERT_TRUE(serial_ring_put(&r, (uint8_t)i));
	EXPECT_EQ(serial_ring_room(&r), 0u);
	EXPECT_FALSE(serial_ring_put(&r, 0xff));
	uint8_t first;
	ASSERT_EQ(serial_ring_take(&r, &first, 1), 1u);
	EXPECT_EQ(first, 0);
	EXPECT_TRUE(serial_ring_put(&r, 0xee));
	EXPECT_EQ(serial_ring_count(&r), (size_t)SERIAL_RING_SIZE);
}

TEST(SerialRing, TakeZeroTakesNothing)
{
	static serial_ring r;
	serial_ring_init(&r);
	ASSERT_TRUE(serial_ring_put(&r, 1));
	uint8_t b = 9;
	EXPECT_EQ(serial_ring_take(&r, &b, 0), 0u);
	EXPECT_EQ(b, 9);
	EXPECT_EQ(serial_ring_count(&r), 1u);
}

} // namespace
