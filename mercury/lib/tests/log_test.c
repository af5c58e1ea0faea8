/*
 * Logging (log.h): the line a program writes, levels below the runtime minimum dropped, and
 * below the compile-time minimum not even compiled (log_compiled_out.c).
 */
#include <stddef.h>
#include <string.h>

#include "mercury/lib/tests/suite.h"

/* Logs one line at each level from a file built with MERCURY_LOG_COMPILE_MIN = WARN. */
void mt_log_each_level_compiled_at_warn(void);

static struct {
	char lines[4][MERCURY_LOG_LINE_MAX];
	unsigned count;
} captured;

static void capture(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	if (captured.count < 4)
		memcpy(captured.lines[captured.count], line, len + 1);
	captured.count++;
}

static void capture_start(void)
{
	captured.count = 0;
	mercury_log_set_sink(capture, NULL);
}

static void capture_stop(void)
{
	mercury_log_set_sink(NULL, NULL);
	mercury_log_set_level(MERCURY_LOG_INFO);
}

static void expect_line(unsigned i, const char *want)
{
	if (strcmp(captured.lines[i], want) != 0)
		KT_FAIL("line %u: \"%s\", expected \"%s\"", i, captured.lines[i], want);
}

KTEST(log_line_and_runtime_level)
{
	capture_start();
	KT_EQ(mercury_log_level(), MERCURY_LOG_INFO); /* init has no MERCURY_LOG variable */
	mercury_log(MERCURY_LOG_INFO, "hello %d", 42);
	mercury_log(MERCURY_LOG_DEBUG, "not shown");
	mercury_log_set_level(MERCURY_LOG_ERROR);
	mercury_log(MERCURY_LOG_WARN, "not shown either");
	mercury_log(MERCURY_LOG_ERROR, "bad: %s", "thing");
	mercury_log_set_level(MERCURY_LOG_OFF);
	mercury_log(MERCURY_LOG_ERROR, "off");
	capture_stop();
	KT_EQ(captured.count, 2);
	expect_line(0, "mercury: info: hello 42\n");
	expect_line(1, "mercury: error: bad: thing\n");
}

KTEST(log_compile_time_minimum)
{
	capture_start();
	mercury_log_set_level(MERCURY_LOG_DEBUG);
	mt_log_each_level_compiled_at_warn();
	capture_stop();
	KT_EQ(captured.count, 2);
	expect_line(0, "mercury: warn: compiled in\n");
	expect_line(1, "mercury: error: compiled in\n");
}
