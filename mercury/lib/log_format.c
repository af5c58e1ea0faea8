/*
 * The text of a log line (log.h): prefix, message, a marker when cut, newline. No syscalls,
 * so the host tests run it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <base/fmt.h>
#include <mercury/log.h>

static const char *const level_names[] = { "debug", "info", "warn", "error", "off" };

const char *mercury_log_level_name(int level)
{
	if (level < 0 || level > MERCURY_LOG_OFF)
		return "?";
	return level_names[level];
}

int mercury_log_parse_level(const char *name)
{
	for (int i = 0; i <= MERCURY_LOG_OFF; i++)
		if (strcmp(name, level_names[i]) == 0)
			return i;
	return -1;
}

size_t mercury_log_format(char *buf, size_t size, const char *name, int level, const char *fmt,
			  va_list ap)
{
	static const char cut[] = "...\n";
	size_t room = size - 1; /* for the newline */
	int n = fmt_snprintf(buf, room, "%s: %s: ", name, mercury_log_level_name(level));
	size_t at = n < 0 ? 0 : (size_t)n;
	if (at < room) {
		n = fmt_vsnprintf(buf + at, room - at, fmt, ap);
		at += n < 0 ? 0 : (size_t)n;
	}
	if (at >= room) { /* cut: end with the marker */
		memcpy(buf + size - sizeof(cut), cut, sizeof(cut));
		return size - 1;
	}
	/* A message that ends with its own newline gets no second one. */
	if (at == 0 || buf[at - 1] != '\n')
		buf[at++] = '\n';
	buf[at] = 0;
	return at;
}
