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

} // namespace
