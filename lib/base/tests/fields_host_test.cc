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

std::vector<std::string> lines(const std::string &text)
{
	std::vector<std::string> out;
	size_t pos = 0;
	base_field line;
	while (base_next_line(text.data(), text.size(), &pos, &line))
		out.emplace_back(line.s, line.len);
	return out;
}

TEST(BaseFields, Lines)
{
	EXPECT_EQ(lines(""), V{});
	EXPECT_EQ(lines("a"), (V{ "a" }));
	EXPECT_EQ(lines("a\n"), (V{ "a" }));
	EXPECT_EQ(lines("a\n\nb\r\nc"), (V{ "a", "", "b\r", "c" }));
	EXPECT_EQ(lines("\n"), (V{ "" }));
}

bool is_name(const std::string &s)
{
	return base_field_is_name(base_field{ s.data(), s.size() });
}

TEST(BaseFields, Names)
{
	EXPECT_TRUE(is_name("virtio-blk.0_a"));
	EXPECT_FALSE(is_name(""));
	EXPECT_FALSE(is_name("Upper"));
	EXPECT_FALSE(is_name("a*"));
	EXPECT_FALSE(is_name("a/b"));
	EXPECT_FALSE(is_name(std::string("a\0", 2)));
}

TEST(BaseFields, Copy)
{
	char buf[4];
	EXPECT_TRUE(base_field_copy(buf, sizeof(buf), base_field{ "abcdef", 3 }));
	EXPECT_STREQ(buf, "abc");
	memcpy(buf, "xyz", 4);
	EXPECT_FALSE(base_field_copy(buf, sizeof(buf), base_field{ "abcdef", 4 }));
	EXPECT_STREQ(buf, "xyz");
}

bool number(const std::string &s, unsigned base, uint64_t max, uint64_t *v)
{
	return base_field_number(base_field{ s.data(), s.size() }, base, max, v);
}

TEST(BaseFields, Numbers)
{
	uint64_t v = 0;
	EXPECT_TRUE(number("1b36", 16, 0xffff, &v));
	EXPECT_EQ(v, 0x1b36u);
	EXPECT_TRUE(number("0xFEE00000", 16, UINT64_MAX, &v));
	EXPECT_EQ(v, 0xfee00000u);
	EXPECT_TRUE(number("ffffffffffffffff", 16, UINT64_MAX, &v));
	EXPECT_EQ(v, UINT64_MAX);
	EXPECT_FALSE(number("10000000000000000", 16, UINT64_MAX, &v));
	EXPECT_TRUE(number("42", 10, 42, &v));
	EXPECT_EQ(v, 42u);
	EXPECT_FALSE(number("43", 10, 42, &v));
	EXPECT_FALSE(number("9", 10, 5, &v));
	EXPECT_FALSE(number("1a", 10, 100, &v));
	EXPECT_FALSE(number("0x10", 10, 100, &v));
	EXPECT_FALSE(number("0x", 16, 100, &v));
	EXPECT_FALSE(number("", 16, 100, &v));
	EXPECT_FALSE(number("-1", 10, 100, &v));
	EXPECT_FALSE(number("g", 16, 100, &v));
}

bool number(const char *text, uint64_t max, uint64_t *out)
{
	return base_field_number(base_field{ text, strlen(text) }, 0, max, out);
}

TEST(BaseFields, NumberOfEitherBase)
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
