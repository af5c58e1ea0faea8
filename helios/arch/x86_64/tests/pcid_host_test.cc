// CR3 values with and without PCIDs (helios/arch/x86_64/pcid.c): which loads keep a PCID's
// TLB entries and which flush them.
#include <cstdint>

#include <gtest/gtest.h>

extern "C" {
#include "helios/arch/x86_64/pcid.h"
}

namespace {

constexpr uint64_t kRoot = 0x12345000ull;
constexpr uint64_t kNoFlush = 1ull << 63;

TEST(Pcid, WithoutPcidsCr3IsTheRootOnly)
{
	pcid_init(false);
	EXPECT_FALSE(pcid_enabled());
	EXPECT_EQ(pcid_cr3(kRoot, 0), kRoot);
	EXPECT_EQ(pcid_cr3(kRoot, 7), kRoot);
	EXPECT_EQ(pcid_cr3(kRoot, 7), kRoot); // never a PCID, never the no-flush bit
	pcid_mark_stale(7);
	EXPECT_EQ(pcid_cr3(kRoot, 4095), kRoot);
}

TEST(Pcid, AsidIsThePcidFlushedOnFirstLoadOnly)
{
	pcid_init(true);
	EXPECT_TRUE(pcid_enabled());
	EXPECT_EQ(pcid_cr3(kRoot, 5), kRoot | 5); // nothing known yet: flush
	EXPECT_EQ(pcid_cr3(kRoot, 5), kRoot | 5 | kNoFlush);
	EXPECT_EQ(pcid_cr3(kRoot, 5), kRoot | 5 | kNoFlush);
	EXPECT_EQ(pcid_cr3(kRoot, 4095), kRoot | 4095);
	EXPECT_EQ(pcid_cr3(kRoot, 4095), kRoot | 4095 | kNoFlush);
}

TEST(Pcid, NoAsidIsPcidZeroAlwaysFlushed)
{
	pcid_init(true);
	EXPECT_EQ(pcid_cr3(kRoot, 0), kRoot);
	EXPECT_EQ(pcid_cr3(kRoot, 0), kRoot);
	pcid_mark_stale(0); // ignored: PCID 0 is flushed anyway
	EXPECT_EQ(pcid_cr3(kRoot, 0), kRoot);
}

TEST(Pcid, StaleAsidFlushedOnceAtItsNextLoad)
{
	pcid_init(true);
	pcid_cr3(kRoot, 1);
	pcid_cr3(kRoot, 2);
	pcid_mark_stale(1);
	pcid_mark_stale(1);
	EXPECT_EQ(pcid_cr3(kRoot, 2), kRoot | 2 | kNoFlush); // others keep their entries
	EXPECT_EQ(pcid_cr3(kRoot, 1), kRoot | 1);
	EXPECT_EQ(pcid_cr3(kRoot, 1), kRoot | 1 | kNoFlush);
	pcid_mark_stale(64); // another word of the bitmap
	EXPECT_EQ(pcid_cr3(kRoot, 64), kRoot | 64);
	EXPECT_EQ(pcid_cr3(kRoot, 64), kRoot | 64 | kNoFlush);
}

TEST(Pcid, InitForgetsWhatWasKnown)
{
	pcid_init(true);
	pcid_cr3(kRoot, 9);
	pcid_init(true);
	EXPECT_EQ(pcid_cr3(kRoot, 9), kRoot | 9);
}

TEST(Pcid, OutOfRangeAsidIsNeverAPcid)
{
	pcid_init(true);
	pcid_mark_stale(4096); // ignored, no write past the bitmap
	EXPECT_EQ(pcid_cr3(kRoot, 4096), kRoot);
	EXPECT_EQ(pcid_cr3(kRoot, 0xffffffffu), kRoot);
}

TEST(Pcid, OnlyTheRootsAddressBitsAreUsed)
{
	pcid_init(true);
	EXPECT_EQ(pcid_cr3(kRoot | 0x18, 0), kRoot); // no PWT/PCD leaking into the PCID
	EXPECT_EQ(pcid_cr3(kRoot | 0xfff, 3), kRoot | 3);
}

} // namespace
