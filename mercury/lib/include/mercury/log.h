/*
 * Logging: mercury_log(level, fmt, ...) writes one line "<program>: <level>: <message>" to
 * the debug console (for now; a log service later). Levels below the compile-time minimum
 * (MERCURY_LOG_COMPILE_MIN, defined before including this header) cost nothing; levels below
 * the runtime minimum are dropped. The runtime minimum starts as the environment variable
 * MERCURY_LOG says ("debug", "info", "warn", "error", "off"), else MERCURY_LOG_INFO.
 */
#ifndef MERCURY_LOG_H
#define MERCURY_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum mercury_log_level {
	MERCURY_LOG_DEBUG = 0,
	MERCURY_LOG_INFO = 1,
	MERCURY_LOG_WARN = 2,
	MERCURY_LOG_ERROR = 3,
	MERCURY_LOG_OFF = 4, /* as a minimum: nothing */
};

#ifndef MERCURY_LOG_COMPILE_MIN
#define MERCURY_LOG_COMPILE_MIN MERCURY_LOG_DEBUG
#endif

#define mercury_log(level, ...)                                                                  \
	do {                                                                                     \
		if ((level) >= MERCURY_LOG_COMPILE_MIN)                                          \
			mercury_log_write((level), __VA_ARGS__);                                 \
	} while (0)

/* A line longer than this is cut, ending in "...". */
#define MERCURY_LOG_LINE_MAX 256

void mercury_log_write(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mercury_vlog(int level, const char *fmt, va_list ap);

/* The runtime minimum. */
void mercury_log_set_level(int level);
int mercury_log_level(void);

/* A level's name ("warn"); "?" for none. The level a name gives, or -1. */
const char *mercury_log_level_name(int level);
int mercury_log_parse_level(const char *name);

/* Where lines go: the console by default (sink NULL). Tests capture lines this way. */
typedef void (*mercury_log_sink)(void *ctx, const char *line, size_t len);
void mercury_log_set_sink(mercury_log_sink sink, void *ctx);

/*
 * Formats "<name>: <level>: <message>\n" into buf (size bytes, at least 5), cutting a long
 * message with "..."; returns the line's length. Pure: the host tests run it.
 */
size_t mercury_log_format(char *buf, size_t size, const char *name, int level, const char *fmt,
			  va_list ap);

#endif
