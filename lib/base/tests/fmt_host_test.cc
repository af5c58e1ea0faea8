// fmt against the host C library's snprintf, which defines what every conversion means,
// plus the places where base/fmt.h deliberately differs (%p, unknown conversions).
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <base/fmt.h>
}

// Some tests pass formats the compiler's checker rightly dislikes (unknown conversions).
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"

namespace {

struct Result {
	std::string text; // everything produced, NULs included
	int ret;
};

Result Ours(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	EXPECT_GE(n, 0);
	EXPECT_LT(n, (int)sizeof(buf));
	return {std::string(buf, n > 0 && n < (int)sizeof(buf) ? n : 0), n};
}

Result Host(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return {std::string(buf, n > 0 && n < (int)sizeof(buf) ? n : 0), n};
}

// Formats the same arguments both ways and compares text and return value.
#define EXPECT_LIKE_HOST(...)                                                   \
	do {                                                                    \
		Result ours = Ours(__VA_ARGS__);                                \
		Result host = Host(__VA_ARGS__);                                \
		EXPECT_EQ(ours.text, host.text) << "format: " << #__VA_ARGS__;  \
		EXPECT_EQ(ours.ret, host.ret) << "format: " << #__VA_ARGS__;    \
	} while (0)

TEST(FmtTest, PlainText)
{
	EXPECT_LIKE_HOST("");
	EXPECT_LIKE_HOST("hello, world\n");
	EXPECT_LIKE_HOST("100%% sure %%%%");
}

TEST(FmtTest, SignedDecimal)
{
	for (int v : {0, 1, -1, 7, -42, 1000000, INT_MAX, INT_MIN}) {
		EXPECT_LIKE_HOST("%d", v);
		EXPECT_LIKE_HOST("%i", v);
		EXPECT_LIKE_HOST("[%6d]", v);
		EXPECT_LIKE_HOST("[%-6d]", v);
		EXPECT_LIKE_HOST("[%06d]", v);
		EXPECT_LIKE_HOST("[%+d]", v);
		EXPECT_LIKE_HOST("[% d]", v);
		EXPECT_LIKE_HOST("[%+ d]", v);
		EXPECT_LIKE_HOST("[% 08d]", v);
		EXPECT_LIKE_HOST("[%+08d]", v);
		EXPECT_LIKE_HOST("[%-+8d]", v);
		EXPECT_LIKE_HOST("[%.3d]", v);
		EXPECT_LIKE_HOST("[%.0d]", v);
		EXPECT_LIKE_HOST("[%8.3d]", v);
		EXPECT_LIKE_HOST("[%-8.3d]", v);
		EXPECT_LIKE_HOST("[%08.3d]", v); // precision turns '0' off
		EXPECT_LIKE_HOST("[%+.0d]", v);
		EXPECT_LIKE_HOST("[%-020d]", v);
		EXPECT_LIKE_HOST("[%*d]", 9, v);
		EXPECT_LIKE_HOST("[%*d]", -9, v); // negative width means '-'
		EXPECT_LIKE_HOST("[%.*d]", 5, v);
		EXPECT_LIKE_HOST("[%.*d]", -5, v); // negative precision means none
		EXPECT_LIKE_HOST("[%0*.*d]", 12, 4, v);
	}
}

TEST(FmtTest, Int64Limits)
{
	EXPECT_LIKE_HOST("%lld", (long long)INT64_MIN);
	EXPECT_LIKE_HOST("%lld", (long long)INT64_MAX);
	EXPECT_LIKE_HOST("%llu", (unsigned long long)UINT64_MAX);
	EXPECT_LIKE_HOST("%llx", (unsigned long long)UINT64_MAX);
	EXPECT_LIKE_HOST("%llo", (unsigned long long)UINT64_MAX);
	EXPECT_LIKE_HOST("%ld", LONG_MIN);
	EXPECT_LIKE_HOST("%lu", ULONG_MAX);
	EXPECT_LIKE_HOST("%jd", INTMAX_MIN);
	EXPECT_LIKE_HOST("%ju", UINTMAX_MAX);
	EXPECT_LIKE_HOST("[%30lld]", (long long)INT64_MIN);
	EXPECT_LIKE_HOST("[%-30lld]", (long long)INT64_MIN);
	EXPECT_LIKE_HOST("[%030lld]", (long long)INT64_MIN);
	EXPECT_LIKE_HOST("[%.25lld]", (long long)INT64_MIN);
	EXPECT_LIKE_HOST("%llu", 10000000000000000000ull);
	EXPECT_LIKE_HOST("%llu", 9999999999999999999ull);
	EXPECT_LIKE_HOST("%llu", 1ull << 63);
	EXPECT_LIKE_HOST("%lld", -9223372036854775807ll);
}

// Every power of ten and its neighbours, for the divide-by-ten helper.
TEST(FmtTest, DecimalAroundPowersOfTen)
{
	unsigned long long p = 1;
	for (int i = 0; i < 20; i++) {
		EXPECT_LIKE_HOST("%llu %llu %llu", p - 1, p, p + 1);
		EXPECT_LIKE_HOST("%llu", p * 9 / 9 * 5); // mid values
		if (i < 19)
			p *= 10;
	}
	std::mt19937_64 rng(1234);
	for (int i = 0; i < 20000; i++) {
		unsigned long long v = rng() >> (rng() % 64);
		EXPECT_LIKE_HOST("%llu", v);
	}
}

TEST(FmtTest, Unsigned)
{
	for (unsigned v : {0u, 1u, 8u, 255u, 0xdeadbeefu, UINT_MAX}) {
		EXPECT_LIKE_HOST("%u", v);
		EXPECT_LIKE_HOST("%x", v);
		EXPECT_LIKE_HOST("%X", v);
		EXPECT_LIKE_HOST("%o", v);
		EXPECT_LIKE_HOST("[%#x]", v);
		EXPECT_LIKE_HOST("[%#X]", v);
		EXPECT_LIKE_HOST("[%#o]", v);
		EXPECT_LIKE_HOST("[%#.0o]", v);
		EXPECT_LIKE_HOST("[%#.0x]", v);
		EXPECT_LIKE_HOST("[%.0u]", v);
		EXPECT_LIKE_HOST("[%#08x]", v);
		EXPECT_LIKE_HOST("[%#08o]", v);
		EXPECT_LIKE_HOST("[%-#12x]", v);
		EXPECT_LIKE_HOST("[%#12.10x]", v);
		EXPECT_LIKE_HOST("[%#5.3o]", v);
		EXPECT_LIKE_HOST("[%+u]", v); // sign flags do nothing for unsigned
		EXPECT_LIKE_HOST("[% x]", v);
		EXPECT_LIKE_HOST("[%010u]", v);
		EXPECT_LIKE_HOST("[%-010X]", v);
	}
}

TEST(FmtTest, LengthModifiers)
{
	EXPECT_LIKE_HOST("%hhd %hhd %hhd", 200, -129, 127);
	EXPECT_LIKE_HOST("%hhu %hhx %hho", 300, 0x1ff, 511);
	EXPECT_LIKE_HOST("%hd %hd", 70000, -32769);
	EXPECT_LIKE_HOST("%hu %hx", 70000, 0x12345);
	EXPECT_LIKE_HOST("%ld %lu %lx", -5L, 5UL, 0xabcUL);
	EXPECT_LIKE_HOST("%zu %zx %zd", (size_t)SIZE_MAX, (size_t)0x1234, (ssize_t)-7);
	EXPECT_LIKE_HOST("%td %tx", (ptrdiff_t)-99, (ptrdiff_t)0x99);
	EXPECT_LIKE_HOST("%jd %jx", (intmax_t)-1, (uintmax_t)0xffff);
	// Arguments after a length-modified one must still line up.
	EXPECT_LIKE_HOST("%hhd|%lld|%hd|%zu|%d", 1, -2ll, 3, (size_t)4, 5);
	EXPECT_LIKE_HOST("%llx %d %llx", 0x123456789abcdefull, 42, 0xfedcba9876543210ull);
}

TEST(FmtTest, Characters)
{
	EXPECT_LIKE_HOST("%c", 'a');
	EXPECT_LIKE_HOST("[%5c]", 'b');
	EXPECT_LIKE_HOST("[%-5c]", 'c');
	EXPECT_LIKE_HOST("[%*c]", -3, 'd');
	EXPECT_LIKE_HOST("a%cb", 0); // a NUL in the middle still counts
	EXPECT_LIKE_HOST("%c%c%c", 'x', 'y', 'z');
}

TEST(FmtTest, Strings)
{
	const char *s = "Helios";
	EXPECT_LIKE_HOST("%s", s);
	EXPECT_LIKE_HOST("[%10s]", s);
	EXPECT_LIKE_HOST("[%-10s]", s);
	EXPECT_LIKE_HOST("[%.3s]", s);
	EXPECT_LIKE_HOST("[%.0s]", s);
	EXPECT_LIKE_HOST("[%.10s]", s);
	EXPECT_LIKE_HOST("[%10.3s]", s);
	EXPECT_LIKE_HOST("[%-10.3s]", s);
	EXPECT_LIKE_HOST("[%*s]", 8, s);
	EXPECT_LIKE_HOST("[%*s]", -8, s);
	EXPECT_LIKE_HOST("[%.*s]", 2, s);
	EXPECT_LIKE_HOST("[%.*s]", -2, s);
	EXPECT_LIKE_HOST("[%s]", "");
	EXPECT_LIKE_HOST("[%5s]", "");
	// Precision may stop before a string that is not terminated.
	char unterminated[3] = {'a', 'b', 'c'};
	EXPECT_LIKE_HOST("[%.3s]", unterminated);
	EXPECT_LIKE_HOST("[%.2s]", unterminated);
}

TEST(FmtTest, NullString)
{
	const char *null = nullptr;
	EXPECT_LIKE_HOST("%s", null);
	EXPECT_LIKE_HOST("[%10s]", null);
	EXPECT_LIKE_HOST("[%-10s]", null);
	EXPECT_LIKE_HOST("[%.6s]", null);
	// Shorter precisions cut "(null)" like any other string (glibc would print nothing).
	EXPECT_EQ(Ours("[%.3s]", null).text, "[(nu]");
}

TEST(FmtTest, Pointer)
{
	EXPECT_EQ(Ours("%p", (void *)0xdeadbeef).text, "0x00000000deadbeef");
	EXPECT_EQ(Ours("%p", (void *)nullptr).text, "0x0000000000000000");
	EXPECT_EQ(Ours("%p", (void *)UINTPTR_MAX).text,
		  sizeof(void *) == 8 ? "0xffffffffffffffff" : "0x00000000ffffffff");
	EXPECT_EQ(Ours("[%20p]", (void *)0x10).text, "[  0x0000000000000010]");
	EXPECT_EQ(Ours("[%-20p]", (void *)0x10).text, "[0x0000000000000010  ]");
	EXPECT_EQ(Ours("[%5p]", (void *)0x10).text, "[0x0000000000000010]");
	EXPECT_EQ(Ours("%p %d", (void *)1, 2).text, "0x0000000000000001 2");
}

TEST(FmtTest, UnknownConversionsAsWritten)
{
	EXPECT_EQ(Ours("%q").text, "%q");
	EXPECT_EQ(Ours("a%5qb").text, "a%5qb");
	EXPECT_EQ(Ours("%-08.3lq|%d", 7).text, "%-08.3lq|7");
	EXPECT_EQ(Ours("100%").text, "100%");
	EXPECT_EQ(Ours("%5").text, "%5");
	EXPECT_EQ(Ours("%l").text, "%l");
	EXPECT_EQ(Ours("%ll").text, "%ll");
	EXPECT_EQ(Ours("%").ret, 1);
}

TEST(FmtTest, HugeWidthIsClamped)
{
	char buf[8];
	int n = fmt_snprintf(buf, sizeof(buf), "%99999999999d", 1);
	EXPECT_GT(n, 0);
	EXPECT_LE(n, 8192);
	n = fmt_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1);
	EXPECT_GT(n, 0);
	EXPECT_LE(n, 8192);
	EXPECT_EQ(buf[0], '1'); // INT_MIN width means left-justified
}

// Random specifications with defined behaviour, compared with the host.
TEST(FmtTest, RandomSpecificationsMatchHost)
{
	std::mt19937 rng(42);
	const char *convs = "diuxXo";
	const char *lengths[] = {"", "hh", "h", "l", "ll", "z", "j", "t"};
	for (int i = 0; i < 20000; i++) {
		std::string spec = "[%";
		const char *flags = "-0+ #";
		for (int f = 0; f < 5; f++)
			if (rng() % 3 == 0)
				spec += flags[f];
		if (rng() % 2)
			spec += std::to_string(rng() % 25);
		if (rng() % 2)
			spec += "." + std::to_string(rng() % 22);
		char conv = convs[rng() % 6];
		size_t alt = spec.find('#');
		if ((conv == 'd' || conv == 'i' || conv == 'u') && alt != std::string::npos)
			spec.erase(alt, 1); // '#' is undefined for decimal
		const char *len = lengths[rng() % 8];
		spec += len;
		spec += conv;
		spec += "]";
		uint64_t v = (uint64_t)rng() << 32 | rng();
		v >>= rng() % 64;
		if (rng() % 2)
			v = 0 - v;
		const char *f = spec.c_str();
		std::string l = len;
		if (l == "ll" || l == "j")
			EXPECT_LIKE_HOST(f, (long long)v);
		else if (l == "l")
			EXPECT_LIKE_HOST(f, (long)v);
		else if (l == "z")
			EXPECT_LIKE_HOST(f, (size_t)v);
		else if (l == "t")
			EXPECT_LIKE_HOST(f, (ptrdiff_t)v);
		else
			EXPECT_LIKE_HOST(f, (int)v);
		if (HasFailure())
			break; // one example is enough
	}
}

TEST(FmtTest, SnprintfTruncates)
{
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(fmt_snprintf(buf, 5, "hello world"), 11);
	EXPECT_STREQ(buf, "hell");
	EXPECT_EQ(buf[5], 'x'); // nothing written past size

	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(fmt_snprintf(buf, 1, "abc"), 3);
	EXPECT_EQ(buf[0], '\0');
	EXPECT_EQ(buf[1], 'x');

	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(fmt_snprintf(buf, 0, "abc"), 3);
	EXPECT_EQ(buf[0], 'x');
	EXPECT_EQ(fmt_snprintf(nullptr, 0, "%d", 12345), 5);

	EXPECT_EQ(fmt_snprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	EXPECT_STREQ(buf, "1234567");
	EXPECT_EQ(fmt_snprintf(buf, sizeof(buf), "%s", "12345678"), 8);
	EXPECT_STREQ(buf, "1234567");
	EXPECT_EQ(fmt_snprintf(buf, sizeof(buf), "%10d", -3), 10);
	EXPECT_STREQ(buf, "       ");
}

struct Sink {
	std::string text;
};

void SinkPutc(void *ctx, char c)
{
	static_cast<Sink *>(ctx)->text += c;
}

TEST(FmtTest, FormatCallsPutcPerCharacter)
{
	Sink sink;
	int n = fmt_format(SinkPutc, &sink, "%s=%d%c", "x", -12, 0);
	EXPECT_EQ(n, 6);
	EXPECT_EQ(sink.text, std::string("x=-12\0", 6));
}

} // namespace
