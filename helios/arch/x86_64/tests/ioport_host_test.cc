// I/O port capability ranges (helios/arch/x86_64/ioport.h): what IO_CONTROL_ISSUE accepts and
// which accesses an IO_PORT capability allows.
#include <cstdint>

#include <gtest/gtest.h>

extern "C" {
#include "helios/arch/x86_64/ioport.h"
}

namespace {

TEST(IoportRangeTest, IssueNeedsFirstAtMostLastAtMostFfff)
{
	EXPECT_TRUE(ioport_range_valid(0x3f8, 0x3ff));
	EXPECT_TRUE(ioport_range_valid(0x80, 0x80));
	EXPECT_TRUE(ioport_range_valid(0, 0xffff));
	EXPECT_FALSE(ioport_range_valid(0x3ff, 0x3f8));
	EXPECT_FALSE(ioport_range_valid(0, 0x10000));
	EXPECT_FALSE(ioport_range_valid(0x10000, 0x10000));
	EXPECT_FALSE(ioport_range_valid(0xffffffffffffffffull, 0xffffffffffffffffull));
}

TEST(IoportRangeTest, CapabilityDataHoldsBothEnds)
{
	uint64_t d = ioport_cap_data(0x3f8, 0xffff);
	EXPECT_EQ(d, 0x3f8u | 0xffffull << 16);
	EXPECT_EQ(ioport_first(d), 0x3f8u);
	EXPECT_EQ(ioport_last(d), 0xffffu);
}

TEST(IoportAccessTest, WholeAccessMustBeInside)
{
	uint64_t d = ioport_cap_data(0x3f8, 0x3ff);
	for (unsigned w : { 1u, 2u, 4u }) {
		EXPECT_TRUE(ioport_access_ok(d, 0x3f8, w)) << w;
		EXPECT_TRUE(ioport_access_ok(d, 0x400 - w, w)) << w;
		EXPECT_FALSE(ioport_access_ok(d, 0x401 - w, w)) << w; // one byte past the end
		EXPECT_FALSE(ioport_access_ok(d, 0x3f7, w)) << w;
	}
	EXPECT_FALSE(ioport_access_ok(d, 0x3f8 + (1ull << 16), 1)); // no wrap into the range
	EXPECT_FALSE(ioport_access_ok(d, ~0ull, 1));
}

TEST(IoportAccessTest, SinglePortAllowsOnlyByteAccess)
{
	uint64_t d = ioport_cap_data(0x80, 0x80);
	EXPECT_TRUE(ioport_access_ok(d, 0x80, 1));
	EXPECT_FALSE(ioport_access_ok(d, 0x80, 2));
	EXPECT_FALSE(ioport_access_ok(d, 0x80, 4));
	EXPECT_FALSE(ioport_access_ok(d, 0x7f, 2));
}

TEST(IoportAccessTest, TopOfThePortSpace)
{
	uint64_t d = ioport_cap_data(0xfffc, 0xffff);
	EXPECT_TRUE(ioport_access_ok(d, 0xfffc, 4));
	EXPECT_FALSE(ioport_access_ok(d, 0xfffd, 4));
	EXPECT_TRUE(ioport_access_ok(d, 0xffff, 1));
	EXPECT_FALSE(ioport_access_ok(d, 0x10000, 1));
}

} // namespace
