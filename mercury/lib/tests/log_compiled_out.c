/*
 * For log_test.c: a file that sets the compile-time minimum, as a program does to leave its
 * debug lines out of the build.
 */
#define MERCURY_LOG_COMPILE_MIN MERCURY_LOG_WARN
#include <mercury/log.h>

void mt_log_each_level_compiled_at_warn(void);

/* Debug and info calls are not compiled: a symbol only they name is never needed. */
extern const char *mt_never_defined(void);

void mt_log_each_level_compiled_at_warn(void)
{
	mercury_log(MERCURY_LOG_DEBUG, "%s", mt_never_defined());
	mercury_log(MERCURY_LOG_INFO, "%s", mt_never_defined());
	mercury_log(MERCURY_LOG_WARN, "compiled in");
	mercury_log(MERCURY_LOG_ERROR, "compiled in");
}
