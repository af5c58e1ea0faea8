/*
 * Ending a program that cannot go on (a corrupted heap, a broken invariant): one clear line on
 * the log, then the program ends with MERCURY_EXIT_ABORTED, reported to whoever started it
 * (rt_exit_program). Callable from any thread.
 */
#ifndef MERCURY_ABORT_H
#define MERCURY_ABORT_H

_Noreturn void mercury_abort(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
