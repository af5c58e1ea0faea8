// Days since 1970 (civil.h): fixed dates whose seconds are known, every day from 1970 to 2500
// against the host's timegm, and the dates that are not ones.
#include <ctime>

#include <gtest/gtest.h>

extern "C" {
#include "venus/cmos_rtc/civil.h"
}

namespace {

constexpr uint64_t kDay = 86400;

uint64_t Days(uint32_t y, unsigned m, unsigned d)
{
	uint64_t days = ~0ull;
	EXPECT_TRUE(civil_days_since_1970(y, m, d, &days)) << y << "-" << m << "-" << d;
	return days;
}

bool Valid(uint32_t y, unsigned m, unsigned d)
{
	uint64_t days = 12345;
	bool ok = civil_days_since_1970(y, m, d, &days);
	if (!ok)
		EXPECT_EQ(days, 12345u) << "untouched when refused";
	return ok;
}

TEST(Civil, LeapYears)
{
	EXPECT_FALSE(civil_is_leap(1970));
	EXPECT_TRUE(civil_is_leap(1972));
	EXPECT_TRUE(civil_is_leap(2000)); // divisible by 400
	EXPECT_FALSE(civil_is_leap(2100)); // by 100, not by 400
	EXPECT_FALSE(civil_is_leap(1900));
	EXPECT_TRUE(civil_is_leap(2400));
	EXPECT_TRUE(civil_is_leap(2024));
	EXPECT_FALSE(civil_is_leap(2023));
	EXPECT_EQ(civil_month_days(2000, 2), 29u);
	EXPECT_EQ(civil_month_days(2100, 2), 28u);
	EXPECT_EQ(civil_month_days(2023, 4), 30u);
	EXPECT_EQ(civil_month_days(2023, 12), 31u);
	EXPECT_EQ(civil_month_days(2023, 0), 0u);
	EXPECT_EQ(civil_month_days(2023, 13), 0u);
}

TEST(Civil, KnownDates)
{
	EXPECT_EQ(Days(1970, 1, 1), 0u);
	EXPECT_EQ(Days(1970, 1, 2), 1u);
	EXPECT_EQ(Days(1971, 1, 1), 365u);
	EXPECT_EQ(Days(1973, 1, 1), 365u * 3 + 1); // 1972 was leap
	EXPECT_EQ(Days(2000, 1, 1) * kDay, 946684800u);
	EXPECT_EQ(Days(2000, 2, 29) * kDay, 951782400u);
	EXPECT_EQ(Days(2000, 3, 1) * kDay, 951868800u);
	// 2^31 seconds: 2038-01-19 03:14:08, where a signed 32-bit count ends.
	EXPECT_EQ(Days(2038, 1, 19) * kDay + 3 * 3600 + 14 * 60 + 8, 1ull << 31);
	// 2^32 seconds: 2106-02-07 06:28:16, where an unsigned one (the PL031's) ends.
	EXPECT_EQ(Days(2106, 2, 7) * kDay + 6 * 3600 + 28 * 60 + 16, 1ull << 32);
	EXPECT_EQ(Days(2100, 1, 1) * kDay, 4102444800u);
	EXPECT_EQ(Days(2100, 3, 1) * kDay, 4107542400u); // no 29 February in 2100
	EXPECT_EQ(Days(9999, 12, 31) * kDay + kDay - 1, 253402300799u);
}

TEST(Civil, EveryDayAgreesWithTheHost)
{
	uint64_t expected = 0;
	for (uint32_t y = 1970; y <= 2500; y++) {
		for (unsigned m = 1; m <= 12; m++) {
			for (unsigned d = 1; d <= civil_month_days(y, m); d++) {
				struct tm tm = {};
				tm.tm_year = (int)y - 1900;
				tm.tm_mon = (int)m - 1;
				tm.tm_mday = (int)d;
				ASSERT_EQ(Days(y, m, d), expected) << y << "-" << m << "-" << d;
				ASSERT_EQ((uint64_t)timegm(&tm), expected * kDay)
				    << y << "-" << m << "-" << d;
				expected++;
			}
		}
	}
}

TEST(Civil, NotDates)
{
	EXPECT_FALSE(Valid(1969, 12, 31)); // before 1970
	EXPECT_FALSE(Valid(1900, 1, 1));
	EXPECT_FALSE(Valid(10000, 1, 1));
	EXPECT_FALSE(Valid(2024, 0, 1));
	EXPECT_FALSE(Valid(2024, 13, 1));
	EXPECT_FALSE(Valid(2024, 1, 0));
	EXPECT_FALSE(Valid(2024, 1, 32));
	EXPECT_FALSE(Valid(2024, 4, 31));
	EXPECT_FALSE(Valid(2023, 2, 29));
	EXPECT_FALSE(Valid(2100, 2, 29));
	EXPECT_TRUE(Valid(2000, 2, 29));
	EXPECT_TRUE(Valid(2024, 2, 29));
	EXPECT_FALSE(Valid(UINT32_MAX, 1, 1));
	EXPECT_FALSE(Valid(2024, UINT32_MAX, 1));
	EXPECT_FALSE(Valid(2024, 1, UINT32_MAX));
}

} // namespace
