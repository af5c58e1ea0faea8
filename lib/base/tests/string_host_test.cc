// lib/base/string.c, compiled for the host under other names (ares_memcpy ...) so it
// can be compared with the host C library without replacing it.
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
void *ares_memcpy(void *dest, const void *src, size_t n);
void *ares_memmove(void *dest, const void *src, size_t n);
void *ares_memset(void *dest, int c, size_t n);
int ares_memcmp(const void *a, const void *b, size_t n);
void *ares_memchr(const void *s, int c, size_t n);
size_t ares_strlen(const char *s);
size_t ares_strnlen(const char *s, size_t max);
char *ares_strchr(const char *s, int c);
char *ares_strrchr(const char *s, int c);
int ares_strcmp(const char *a, const char *b);
int ares_strncmp(const char *a, const char *b, size_t n);
unsigned long ares_strtoul(const char *s, char **end, int base);
}

namespace {

int Sign(int v)
{
	return (v > 0) - (v < 0);
}

std::vector<unsigned char> Pattern(size_t n, unsigned seed)
{
	std::vector<unsigned char> v(n);
	for (size_t i = 0; i < n; i++)
		v[i] = (unsigned char)(i * 131 + seed * 17 + 1);
	return v;
}

TEST(StringTest, MemcpyEveryAlignmentAndLength)
{
	std::vector<unsigned char> src = Pattern(128, 1);
	for (size_t so = 0; so < 9; so++) {
		for (size_t dof = 0; dof < 9; dof++) {
			for (size_t n = 0; n < 80; n++) {
				std::vector<unsigned char> dst(128, 0xee), want(128, 0xee);
				memcpy(want.data() + dof, src.data() + so, n);
				void *r = ares_memcpy(dst.data() + dof, src.data() + so, n);
				ASSERT_EQ(r, dst.data() + dof);
				ASSERT_EQ(dst, want) << so << " " << dof << " " << n;
			}
		}
	}
}

TEST(StringTest, MemmoveOverlapsBothWays)
{
	for (size_t from = 0; from < 24; from++) {
		for (size_t to = 0; to < 24; to++) {
			for (size_t n = 0; n + std::max(from, to) <= 64; n += 3) {
				std::vector<unsigned char> buf = Pattern(64, 2), want = buf;
				memmove(want.data() + to, want.data() + from, n);
				void *r = ares_memmove(buf.data() + to, buf.data() + from, n);
				ASSERT_EQ(r, buf.data() + to);
				ASSERT_EQ(buf, want) << from << " -> " << to << " n " << n;
			}
		}
	}
}

TEST(StringTest, Memset)
{
	for (size_t off = 0; off < 9; off++) {
		for (size_t n = 0; n < 70; n++) {
			for (int c : {0, 0xab, 0x1ff, -1}) {
				std::vector<unsigned char> buf(96, 0x11), want(96, 0x11);
				memset(want.data() + off, c, n);
				ASSERT_EQ(ares_memset(buf.data() + off, c, n), buf.data() + off);
				ASSERT_EQ(buf, want) << off << " " << n << " " << c;
			}
		}
	}
}

TEST(StringTest, MemcmpAndMemchr)
{
	unsigned char a[] = {1, 2, 3, 0x80, 5};
	unsigned char b[] = {1, 2, 3, 0x7f, 5};
	EXPECT_EQ(ares_memcmp(a, a, 5), 0);
	EXPECT_GT(ares_memcmp(a, b, 5), 0); // bytes compare unsigned
	EXPECT_LT(ares_memcmp(b, a, 5), 0);
	EXPECT_EQ(ares_memcmp(a, b, 3), 0);
	EXPECT_EQ(ares_memcmp(a, b, 0), 0);
	EXPECT_EQ(ares_memchr(a, 3, 5), a + 2);
	EXPECT_EQ(ares_memchr(a, 0x80, 5), a + 3);
	EXPECT_EQ(ares_memchr(a, 0x180, 5), a + 3); // c converted to unsigned char
	EXPECT_EQ(ares_memchr(a, 5, 4), nullptr);
	EXPECT_EQ(ares_memchr(a, 9, 5), nullptr);
}

TEST(StringTest, Lengths)
{
	EXPECT_EQ(ares_strlen(""), 0u);
	EXPECT_EQ(ares_strlen("helios"), 6u);
	EXPECT_EQ(ares_strnlen("helios", 3), 3u);
	EXPECT_EQ(ares_strnlen("helios", 6), 6u);
	EXPECT_EQ(ares_strnlen("helios", 100), 6u);
	EXPECT_EQ(ares_strnlen("helios", 0), 0u);
	char unterminated[4] = {'a', 'b', 'c', 'd'};
	EXPECT_EQ(ares_strnlen(unterminated, 4), 4u); // reads no further
}

TEST(StringTest, Strchr)
{
	const char *s = "a/b/c";
	EXPECT_EQ(ares_strchr(s, '/'), s + 1);
	EXPECT_EQ(ares_strrchr(s, '/'), s + 3);
	EXPECT_EQ(ares_strchr(s, 'x'), nullptr);
	EXPECT_EQ(ares_strrchr(s, 'x'), nullptr);
	EXPECT_EQ(ares_strchr(s, '\0'), s + 5); // the terminator counts
	EXPECT_EQ(ares_strrchr(s, '\0'), s + 5);
	EXPECT_EQ(ares_strchr(s, 'a'), s);
	EXPECT_EQ(ares_strrchr(s, 'a'), s);
	EXPECT_EQ(ares_strchr(s, 'c' + 256), s + 4); // c converted to char
}

TEST(StringTest, Compare)
{
	const char *words[] = {"", "a", "ab", "abc", "abd", "b", "\x80", "\x7f", "ab\x80"};
	for (const char *x : words) {
		for (const char *y : words) {
			EXPECT_EQ(Sign(ares_strcmp(x, y)), Sign(strcmp(x, y))) << x << " " << y;
			for (size_t n = 0; n < 5; n++)
				EXPECT_EQ(Sign(ares_strncmp(x, y, n)), Sign(strncmp(x, y, n)))
					<< x << " " << y << " " << n;
		}
	}
}

TEST(StringTest, StrtoulLikeHost)
{
	const char *inputs[] = {"0",
				"123",
				"  42",
				"\t\n 7x",
				"+5",
				"-1",
				"-0x10",
				"0x1f",
				"0X1F",
				"0x",
				"0xg",
				"077",
				"08",
				"0",
				"",
				"   ",
				"-",
				"z",
				"Zz",
				"18446744073709551615",
				"18446744073709551616",
				"99999999999999999999999",
				"0xffffffffffffffff",
				"0x10000000000000000",
				"-18446744073709551615",
				"4294967295",
				"4294967296",
				"1010102",
				"12abc"};
	for (const char *s : inputs) {
		for (int base : {0, 2, 8, 10, 16, 36}) {
			char *want_end = nullptr, *got_end = nullptr;
			errno = 0;
			unsigned long want = strtoul(s, &want_end, base);
			unsigned long got = ares_strtoul(s, &got_end, base);
			EXPECT_EQ(got, want) << '"' << s << "\" base " << base;
			EXPECT_EQ(got_end - s, want_end - s) << '"' << s << "\" base " << base;
		}
	}
	EXPECT_EQ(ares_strtoul("123", nullptr, 10), 123u); // end may be null
	char *end;
	EXPECT_EQ(ares_strtoul("12", &end, 1), 0u);        // invalid base
	EXPECT_EQ(ares_strtoul("12", &end, 37), 0u);
}

} // namespace
