/*
 * Logging (log.h): one console write per line, so lines of different threads never mix. The
 * runtime minimum is read from the environment at the first line (racing first lines all
 * read the same value).
 */
#include <stdarg.h>
#include <stddef.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <mercury/log.h>
#include <mercury/program.h>

#define LEVEL_UNSET -1

static int min_level = LEVEL_UNSET;
static mercury_log_sink sink;
static void *sink_ctx;

int mercury_log_level(void)
{
	int level = __atomic_load_n(&min_level, __ATOMIC_RELAXED);
	if (level != LEVEL_UNSET)
		return level;
	const char *env = mercury_getenv("MERCURY_LOG");
	level = env ? mercury_log_parse_level(env) : -1;
	if (level < 0)
		level = MERCURY_LOG_INFO;
	__atomic_store_n(&min_level, level, __ATOMIC_RELAXED);
	return level;
}

void mercury_log_set_level(int level)
{
	__atomic_store_n(&min_level, level, __ATOMIC_RELAXED);
}

void mercury_log_set_sink(mercury_log_sink s, void *ctx)
{
	sink_ctx = ctx;
	sink = s;
}

void mercury_vlog(int level, const char *fmt, va_list ap)
{
	if (level < mercury_log_level() || level >= MERCURY_LOG_OFF)
		return;
	char line[MERCURY_LOG_LINE_MAX];
	size_t len = mercury_log_format(line, sizeof(line), rt_program_name, level, fmt, ap);
	if (sink)
		sink(sink_ctx, line, len);
	else
		helios_writecons(line, len, NULL);
}

void mercury_log_write(int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mercury_vlog(level, fmt, ap);
	va_end(ap);
}
