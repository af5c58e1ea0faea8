// base/fields.h: splitting text into fields.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include <base/fields.h>
}

namespace {

std::vector<std::string> split(const std::string &text, const char *seps, char end, unsigned max)
{
	std::vector<base_field> f(max);
	unsigned n = base_split(text.data(), text.size(), seps, end, f.data(), max);
	std::vector<std::string> out;
	for (unsigned i = 0; i < n; i++)
		out.emplace_back(f[i].s, f[i].len);
	return out;
}

using V = std::vector<std::string>;

TEST(BaseFields, RunsOfSeparators)
{
	EXPECT_EQ(split("  a \t bb:c  ", " \t:", 0, 8), (V{ "a", "bb", "c" }));
	EXPECT_EQ(split("", " ", 0, 8), V{});
	EXPECT_EQ(split("   ", " ", 0, 8), V{});
}

TEST(BaseFields, EndByteStartsAComment)
{
	EXPECT_EQ(split("run a#b c", " ", '#', 8), (V{ "run", "a" }));
	EXPECT_EQ(split("# all comment", " ", '#', 8), V{});
	EXPECT_EQ(split("a#b", " ", 0, 8), (V{ "a#b" }));
}

TEST(BaseFields, AtMostMaxStored)
{
	EXPECT_EQ(split("a b c d e", " ", 0, 3), (V{ "a", "b", "c" }));
}

TEST(BaseFields, NulIsNeverASeparator)
{
	std::string text("a\0b c", 5);
	EXPECT_EQ(split(text, " ", 0, 8), (V{ std::string("a\0b", 3), "c" }));
}

TEST(BaseFields, FieldIs)
{
	const char text[] = "runner";
	EXPECT_TRUE(base_field_is(base_field{ text, 3 }, "run"));
	EXPECT_FALSE(base_field_is(base_field{ text, 6 }, "run"));
	EXPECT_FALSE(base_field_is(base_field{ text, 2 }, "run"));
}

bool number(const char *text, uint64_t max, uint64_t *out)
{
	return base_field_number(base_field{ text, strlen(text) }, max, out);
}

TEST(BaseFields, Number)
{
	uint64_t v = 0;
	EXPECT_TRUE(number("0", UINT64_MAX, &v));
	EXPECT_EQ(v, 0u);
	EXPECT_TRUE(number("4096", UINT64_MAX, &v));
	EXPECT_EQ(v, 4096u);
	EXPECT_TRUE(number("0xfeBF", UINT64_MAX, &v));
	EXPECT_EQ(v, 0xfebfu);
	EXPECT_TRUE(number("18446744073709551615", UINT64_MAX, &v));
	EXPECT_EQ(v, UINT64_MAX);
	EXPECT_TRUE(number("255", 255, &v));
	v = 7;
	EXPECT_FALSE(number("256", 255, &v)); // too large: *out untouched
	EXPECT_EQ(v, 7u);
	EXPECT_FALSE(number("18446744073709551616", UINT64_MAX, &v));
	EXPECT_FALSE(number("0x1ffffffffffffffff", UINT64_MAX, &v));
	EXPECT_FALSE(number("", UINT64_MAX, &v));
	EXPECT_FALSE(number("0x", UINT64_MAX, &v));
	EXPECT_FALSE(number("12a", UINT64_MAX, &v)); // hex digits need 0x
	EXPECT_FALSE(number("-1", UINT64_MAX, &v));
}

} // namespace
