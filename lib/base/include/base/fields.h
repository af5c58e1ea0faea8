/*
 * Splitting text into lines and a line into fields, and reading a field: what configuration
 * parsers share (the registry's policy rules, sysinit.conf, driver manifests).
 */
#ifndef BASE_FIELDS_H
#define BASE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct base_field {
	const char *s; /* inside the text split, not NUL-terminated */
	size_t len;
};

/*
 * Splits `len` bytes of `text` into fields separated by runs of the bytes in `separators`
 * (a NUL byte is never one); from the first byte `end` on (0: none) the text is ignored, as a
 * comment. Stores at most `max` fields in `f` and returns how many it stored: a caller that
 * allows n fields passes n + 1 and refuses n + 1.
 */
unsigned base_split(const char *text, size_t len, const char *separators, char end,
		    struct base_field *f, unsigned max);

/* Whether the field is exactly `word`. */
bool base_field_is(struct base_field f, const char *word);

/*
 * The next line of `len` bytes of `text` from *pos on, without its '\n' (a '\r' before it
 * stays: the field separators take it). Advances *pos past the line; false at the end.
 */
bool base_next_line(const char *text, size_t len, size_t *pos, struct base_field *line);

/* Whether the field is a name: one or more of [a-z0-9._-] (never a `*`, a space or a `/`). */
bool base_field_is_name(struct base_field f);

/* Copies the field with a NUL into `dst` of `size` bytes; false (nothing written) if too long. */
bool base_field_copy(char *dst, size_t size, struct base_field f);

/*
 * Reads the field as a number in `base` (10 or 16; in base 16 an optional 0x first; 0: decimal,
 * or hex after a 0x) of at most `max`; false for anything else (empty, another byte, larger
 * than max).
 */
bool base_field_number(struct base_field f, unsigned base, uint64_t max, uint64_t *value);

/* Whether the field starts with 0x or 0X and has more after it. */
bool base_field_has_hex_prefix(struct base_field f);

#endif
