// Log lines on the host: prefix, level, message, newline; long messages cut with a marker.
#include <cstdarg>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <mercury/log.h>
}

namespace {

std::string Format(size_t size, const char *name, int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	size_t len = mercury_log_format(buf, size, name, level, fmt, ap);
	va_end(ap);
	EXPECT_EQ(len, strlen(buf));
	EXPECT_LT(len, size);
	return std::string(buf, len);
}

TEST(LogFormat, Line)
{
	EXPECT_EQ(Format(256, "probe", MERCURY_LOG_INFO, "started with %d arguments", 3),
		  "probe: info: started with 3 arguments\n");
	EXPECT_EQ(Format(256, "sysinit", MERCURY_LOG_ERROR, "%s: %s", "fs", "NOMEM"),
		  "sysinit: error: fs: NOMEM\n");
	// A message with its own newline gets no second one.
	EXPECT_EQ(Format(256, "x", MERCURY_LOG_WARN, "done\n"), "x: warn: done\n");
}

TEST(LogFormat, LongMessagesAreCut)
{
	std::string long_text(500, 'a');
	std::string line = Format(64, "probe", MERCURY_LOG_DEBUG, "%s", long_text.c_str());
	EXPECT_EQ(line.size(), 63u);
	EXPECT_EQ(line.substr(0, 14), "probe: debug: ");
	EXPECT_EQ(line.substr(line.size() - 4), "...\n");
	// A name longer than the line.
	std::string name(100, 'n');
	line = Format(32, name.c_str(), MERCURY_LOG_INFO, "x");
	EXPECT_EQ(line.size(), 31u);
	EXPECT_EQ(line.substr(line.size() - 4), "...\n");
	// Exactly full: no marker.
	line = Format(16, "ab", MERCURY_LOG_INFO, "%s", "1234");
	EXPECT_EQ(line, "ab: info: 1234\n");
	line = Format(16, "ab", MERCURY_LOG_INFO, "%s", "12345");
	EXPECT_EQ(line, "ab: info: 1...\n");
}

TEST(LogFormat, Levels)
{
	for (int level = MERCURY_LOG_DEBUG; level <= MERCURY_LOG_OFF; level++)
		EXPECT_EQ(mercury_log_parse_level(mercury_log_level_name(level)), level);
	EXPECT_EQ(mercury_log_parse_level("loud"), -1);
	EXPECT_STREQ(mercury_log_level_name(9), "?");
}

} // namespace
