// Checking and building virtio-blk requests (../request.h).
#include <cstdint>

#include <gtest/gtest.h>

extern "C" {
#include "venus/virtio_blk/request.h"
}

namespace {

constexpr uint64_t kSectors = 2048;
constexpr uint32_t kBuffer = 4 * 4096;

TEST(BlkCheckTest, RangesInsideTheDiskAndBufferPass)
{
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, 0, 32), BLK_CHECK_OK);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 512, kSectors - 1, 1), BLK_CHECK_OK);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, kBuffer - 512, 7, 1), BLK_CHECK_OK);
}

TEST(BlkCheckTest, RangesOutsideTheDiskAreOutOfRange)
{
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, kSectors, 1), BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, kSectors - 1, 2),
		  BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, UINT64_MAX, 1), BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, 0, 0), BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, 0, 33), BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 0, 0, UINT32_MAX), BLK_CHECK_OUT_OF_RANGE);
	EXPECT_EQ(blk_check_request(0, kBuffer, 0, 0, 1), BLK_CHECK_OUT_OF_RANGE);
}

TEST(BlkCheckTest, RangesOutsideTheBufferAreBadBuffers)
{
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, kBuffer - 512, 0, 2), BLK_CHECK_BAD_BUFFER);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, 100, 0, 1), BLK_CHECK_BAD_BUFFER);
	EXPECT_EQ(blk_check_request(kSectors, 4096, 0, 0, 9), BLK_CHECK_BAD_BUFFER);
	EXPECT_EQ(blk_check_request(kSectors, kBuffer, UINT32_MAX - 511, 0, 1),
		  BLK_CHECK_BAD_BUFFER);
}

TEST(BlkBuffersTest, ScatteredPagesGiveOneBufferEach)
{
	const uint64_t phys[4] = {0x10000, 0x50000, 0x30000, 0x90000};
	virtq_buffer out[BLK_BUFFER_PAGES];
	ASSERT_EQ(blk_data_buffers(phys, 4, 3584, 5 * 512, true, out), 2u);
	EXPECT_EQ(out[0].addr, 0x10000u + 3584);
	EXPECT_EQ(out[0].len, 512u);
	EXPECT_TRUE(out[0].device_writes);
	EXPECT_EQ(out[1].addr, 0x50000u);
	EXPECT_EQ(out[1].len, 2048u);
	ASSERT_EQ(blk_data_buffers(phys, 4, 0, 4 * 4096, false, out), 4u);
	EXPECT_EQ(out[3].addr, 0x90000u);
	EXPECT_EQ(out[3].len, 4096u);
	EXPECT_FALSE(out[3].device_writes);
}

TEST(BlkBuffersTest, ContiguousPagesMerge)
{
	const uint64_t phys[4] = {0x10000, 0x11000, 0x12000, 0x20000};
	virtq_buffer out[BLK_BUFFER_PAGES];
	ASSERT_EQ(blk_data_buffers(phys, 4, 512, 4 * 4096 - 512, true, out), 2u);
	EXPECT_EQ(out[0].addr, 0x10200u);
	EXPECT_EQ(out[0].len, 3 * 4096u - 512);
	EXPECT_EQ(out[1].addr, 0x20000u);
	EXPECT_EQ(out[1].len, 4096u);
}

TEST(BlkBuffersTest, RangesOutsideTheBufferGiveNothing)
{
	const uint64_t phys[4] = {0x10000, 0x11000, 0x12000, 0x20000};
	virtq_buffer out[BLK_BUFFER_PAGES];
	EXPECT_EQ(blk_data_buffers(phys, 2, 4096, 4097, true, out), 0u);
	EXPECT_EQ(blk_data_buffers(phys, 4, 0, 0, true, out), 0u);
	EXPECT_EQ(blk_data_buffers(phys, 5, 0, 512, true, out), 0u);
	EXPECT_EQ(blk_data_buffers(phys, 4, UINT32_MAX, 2, true, out), 0u);
}

} // namespace
