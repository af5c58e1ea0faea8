/*
 * mercury_abort (abort.h): the message at error level, whatever the log's minimum, then the
 * program's end.
 */
#include <stdarg.h>

#include <mercury/startup.h>

#include <base/fmt.h>
#include <helios/rt/rt.h>
#include <mercury/abort.h>
#include <mercury/log.h>

_Noreturn void mercury_abort(const char *fmt, ...)
{
	char message[MERCURY_LOG_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (mercury_log_level() > MERCURY_LOG_ERROR)
		mercury_log_set_level(MERCURY_LOG_ERROR);
	mercury_log_write(MERCURY_LOG_ERROR, "abort: %s", message);
	rt_exit_program(MERCURY_EXIT_ABORTED);
}
