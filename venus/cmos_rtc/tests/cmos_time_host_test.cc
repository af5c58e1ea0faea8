// The CMOS registers into seconds (cmos_time.h): BCD and binary, 12- and 24-hour, the century,
// and every kind of register a broken clock could report.
#include <random>

#include <gtest/gtest.h>

extern "C" {
#include "venus/cmos_rtc/cmos_time.h"
}

namespace {

constexpr uint8_t kBcd24 = CMOS_B_24_HOUR;
constexpr uint8_t kBinary24 = CMOS_B_24_HOUR | CMOS_B_BINARY;

// 2024-02-29 13:45:56 (BCD, 24-hour, century 20): 1709214356.
cmos_time Sample()
{
	cmos_time t = {};
	t.seconds = 0x56;
	t.minutes = 0x45;
	t.hours = 0x13;
	t.day = 0x29;
	t.month = 0x02;
	t.year = 0x24;
	t.century = 0x20;
	t.status_b = kBcd24;
	t.status_d = CMOS_D_VALID;
	return t;
}

constexpr uint64_t kSample = 1709214356;

uint64_t Seconds(const cmos_time &t)
{
	uint64_t s = ~0ull;
	EXPECT_TRUE(cmos_time_to_unix(&t, &s));
	return s;
}

bool Valid(const cmos_time &t)
{
	uint64_t s = 0;
	return cmos_time_to_unix(&t, &s);
}

TEST(CmosTime, BcdDecodingOfEveryByte)
{
	for (unsigned b = 0; b < 256; b++) {
		uint8_t v = 0xee;
		bool ok = cmos_bcd_decode((uint8_t)b, &v);
		EXPECT_EQ(ok, (b >> 4) <= 9 && (b & 15) <= 9) << b;
		if (ok)
			EXPECT_EQ(v, (b >> 4) * 10 + (b & 15)) << b;
		else
			EXPECT_EQ(v, 0xee) << "untouched when refused";
	}
}

TEST(CmosTime, Bcd24Hour)
{
	EXPECT_EQ(Seconds(Sample()), kSample);
}

TEST(CmosTime, Binary)
{
	cmos_time t = Sample();
	t.status_b = kBinary24;
	t.seconds = 56;
	t.minutes = 45;
	t.hours = 13;
	t.day = 29;
	t.month = 2;
	t.year = 24;
	t.century = 20;
	EXPECT_EQ(Seconds(t), kSample);
	t.month = 0x02;
	t.day = 0x29; // 41 in binary: no such day
	EXPECT_FALSE(Valid(t));
}

TEST(CmosTime, TwelveHour)
{
	cmos_time t = Sample();
	t.status_b = 0; // BCD, 12-hour
	t.hours = CMOS_HOUR_PM | 0x01;
	EXPECT_EQ(Seconds(t), kSample);
	t.hours = 0x12; // 12 AM: midnight
	EXPECT_EQ(Seconds(t), kSample - 13 * 3600);
	t.hours = CMOS_HOUR_PM | 0x12; // 12 PM: noon
	EXPECT_EQ(Seconds(t), kSample - 3600);
	t.hours = 0x11;
	EXPECT_EQ(Seconds(t), kSample - 2 * 3600);
	t.hours = CMOS_HOUR_PM | 0x11;
	EXPECT_EQ(Seconds(t), kSample + 10 * 3600);
	for (uint8_t bad : { 0x00, 0x13, 0x1a, 0x20, 0x80, 0x93 }) {
		t.hours = bad;
		EXPECT_FALSE(Valid(t)) << (unsigned)bad;
	}
	t.status_b = CMOS_B_BINARY; // binary, 12-hour
	t.seconds = 56;
	t.minutes = 45;
	t.day = 29;
	t.month = 2;
	t.year = 24;
	t.century = 20;
	t.hours = CMOS_HOUR_PM | 1;
	EXPECT_EQ(Seconds(t), kSample);
	t.hours = 13;
	EXPECT_FALSE(Valid(t));
}

TEST(CmosTime, Century)
{
	cmos_time t = Sample();
	t.century = 0x00; // QEMU's pc may leave it 0: implausible, 20 assumed
	EXPECT_EQ(Seconds(t), kSample);
	t.century = 0xff; // not BCD: 20 assumed
	EXPECT_EQ(Seconds(t), kSample);
	t.century = 0x18;
	EXPECT_EQ(Seconds(t), kSample);
	t.century = 0x19; // 1924: before 1970, not a time
	EXPECT_FALSE(Valid(t));
	t.year = 0x99;
	t.month = 0x12;
	t.day = 0x31;
	t.hours = 0x23;
	t.minutes = 0x59;
	t.seconds = 0x59;
	EXPECT_EQ(Seconds(t), 946684799u); // 1999-12-31 23:59:59
	t.century = 0x21;
	t.year = 0x00;
	t.month = 0x01;
	t.day = 0x01;
	t.hours = t.minutes = t.seconds = 0;
	EXPECT_EQ(Seconds(t), 4102444800u); // 2100-01-01
	t.month = 0x02;
	t.day = 0x29; // 2100 is no leap year
	EXPECT_FALSE(Valid(t));
	t = Sample();
	t.year = 0x70;
	t.month = 0x01;
	t.day = 0x01;
	t.hours = t.minutes = t.seconds = 0;
	t.century = 0x19;
	EXPECT_EQ(Seconds(t), 0u);
}

TEST(CmosTime, InvalidFields)
{
	struct Case {
		const char *what;
		uint8_t cmos_time::*field;
		uint8_t value;
	} cases[] = {
		{ "month 13", &cmos_time::month, 0x13 },
		{ "month 0", &cmos_time::month, 0x00 },
		{ "month not BCD", &cmos_time::month, 0x0a },
		{ "day 0", &cmos_time::day, 0x00 },
		{ "day 32", &cmos_time::day, 0x32 },
		{ "day 30 of February", &cmos_time::day, 0x30 },
		{ "day not BCD", &cmos_time::day, 0x1f },
		{ "seconds 60", &cmos_time::seconds, 0x60 },
		{ "seconds not BCD", &cmos_time::seconds, 0x5a },
		{ "minutes 60", &cmos_time::minutes, 0x60 },
		{ "minutes not BCD", &cmos_time::minutes, 0xa0 },
		{ "hours 24", &cmos_time::hours, 0x24 },
		{ "hours not BCD", &cmos_time::hours, 0x0c },
		{ "year not BCD", &cmos_time::year, 0x2b },
		{ "year 0xff", &cmos_time::year, 0xff },
		{ "status D: time lost", &cmos_time::status_d, 0x00 },
	};
	for (const Case &c : cases) {
		cmos_time t = Sample();
		t.*c.field = c.value;
		uint64_t s = 777;
		EXPECT_FALSE(cmos_time_to_unix(&t, &s)) << c.what;
		EXPECT_EQ(s, 777u) << c.what << ": untouched when refused";
	}
	cmos_time t = Sample();
	t.month = 0x04;
	t.day = 0x31;
	EXPECT_FALSE(Valid(t)) << "31 April";
}

// Registers of random bytes: never a crash, and any time accepted is at most 9999-12-31
// 23:59:59 (century 99, year 99).
TEST(CmosTime, RandomRegisters)
{
	std::mt19937 rng(15);
	unsigned accepted = 0;
	for (int i = 0; i < 200000; i++) {
		cmos_time t;
		uint8_t *bytes[] = { &t.seconds, &t.minutes, &t.hours, &t.day, &t.month,
				     &t.year, &t.century, &t.status_b, &t.status_d };
		for (uint8_t *b : bytes)
			*b = (uint8_t)rng();
		uint64_t s = 0;
		if (cmos_time_to_unix(&t, &s)) {
			accepted++;
			EXPECT_LE(s, 253402300799u);
		}
	}
	EXPECT_GT(accepted, 0u);
}

} // namespace
