/*
 * Output to the kernel debug console (WRITECONS), and names for ABI values in messages.
 */
#ifndef HELIOS_RT_PRINT_H
#define HELIOS_RT_PRINT_H

#include <stdarg.h>
#include <stdint.h>

/*
 * printf with the conversions of //lib/base's fmt (%d %u %x %s %c %p, widths, l/ll/z).
 * The text goes out in chunks of up to 256 bytes, so a line shorter than that is never mixed
 * with another thread's output. Returns the number of characters formatted.
 */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);
/* Writes s and a newline. */
int rt_puts(const char *s);

/* The name of an error code ("NOMEM"), or "?" for an unknown one. */
const char *rt_strerror(uint64_t err);
/* The name of a capability type ("ENDPOINT"), or "?". */
const char *rt_cap_type_name(uint64_t type);

#endif
