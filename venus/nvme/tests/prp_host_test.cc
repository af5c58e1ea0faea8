// PRP entries (prp.h): one page, two pages, a list, offsets within the buffer, and refusals.
#include <gtest/gtest.h>

extern "C" {
#include "venus/nvme/prp.h"
}

namespace {

const uint64_t kPages[4] = { 0x10000, 0x7000, 0x23000, 0x5000 };
const uint64_t kList = 0x99020;

TEST(Prp, OnePage)
{
	nvme_prp p;
	ASSERT_EQ(nvme_prp_build(kPages, 4, 512, 1024, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x10200u);
	EXPECT_EQ(p.prp2, 0u);
	EXPECT_EQ(p.list_count, 0u);
	ASSERT_EQ(nvme_prp_build(kPages, 1, 0, 4096, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x10000u);
	EXPECT_EQ(p.prp2, 0u);
}

TEST(Prp, TwoPagesNeedNoList)
{
	nvme_prp p;
	ASSERT_EQ(nvme_prp_build(kPages, 4, 3584, 1024, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x10e00u);
	EXPECT_EQ(p.prp2, 0x7000u);
	EXPECT_EQ(p.list_count, 0u);
	ASSERT_EQ(nvme_prp_build(kPages, 4, 8192, 8192, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x23000u);
	EXPECT_EQ(p.prp2, 0x5000u);
}

TEST(Prp, MoreThanTwoPagesUseTheList)
{
	nvme_prp p;
	ASSERT_EQ(nvme_prp_build(kPages, 4, 0, 16384, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x10000u);
	EXPECT_EQ(p.prp2, kList);
	ASSERT_EQ(p.list_count, 3u);
	EXPECT_EQ(p.list[0], 0x7000u);
	EXPECT_EQ(p.list[1], 0x23000u);
	EXPECT_EQ(p.list[2], 0x5000u);
	ASSERT_EQ(nvme_prp_build(kPages, 4, 4096 - 512, 4096 + 1024, kList, &p), 0);
	EXPECT_EQ(p.prp1, 0x10e00u);
	EXPECT_EQ(p.prp2, kList);
	ASSERT_EQ(p.list_count, 2u);
	EXPECT_EQ(p.list[0], 0x7000u);
	EXPECT_EQ(p.list[1], 0x23000u);
}

TEST(Prp, RefusesWhatIsNotATransferInTheBuffer)
{
	nvme_prp p;
	EXPECT_EQ(nvme_prp_build(kPages, 4, 0, 0, kList, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 2, 4096, 4097, kList, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 0, 0, 512, kList, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 5, 0, 512, kList, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 4, 0xffffffffu, 0xffffffffu, kList, &p), -1);
	const uint64_t unaligned[2] = { 0x10000, 0x7008 };
	EXPECT_EQ(nvme_prp_build(unaligned, 2, 0, 512, kList, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 4, 0, 512, kList + 4, &p), -1);
	EXPECT_EQ(nvme_prp_build(kPages, 4, 0, 512, 0x99ff0, &p), -1); // list crosses a page
}

} // namespace
