/*
 * printf-style formatting without a C library: used by the kernel console, the loaders and
 * (later) userspace. Output goes one character at a time to a callback.
 *
 * Conversions: %% %c %s %d %i %u %x %X %o %p; flags '-' '0' '+' ' ' '#'; field width and
 * precision, either as digits or '*'; length modifiers hh h l ll z j t. %p prints 0x followed by
 * 16 hex digits. A NULL %s prints "(null)" (cut by a precision like any string). Unknown
 * conversions are printed as written. Widths and precisions above 4096 are taken as 4096.
 */
#ifndef BASE_FMT_H
#define BASE_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_putc_fn)(void *ctx, char c);

/* Formats into putc; returns the number of characters produced. */
int fmt_vformat(fmt_putc_fn putc, void *ctx, const char *fmt, va_list ap);
int fmt_format(fmt_putc_fn putc, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like vsnprintf: always NUL-terminates when size > 0, returns the untruncated length. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
