/*
 * Splitting a line of text into fields: what configuration parsers share (the registry's
 * policy rules, sysinit.conf).
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

/* The field as a decimal or 0x hex number of at most `max` (*out); false when it is not one
 * (empty, another character, too large). */
bool base_field_number(struct base_field f, uint64_t max, uint64_t *out);
/* Whether the field starts with 0x or 0X and has more after it. */
bool base_field_has_hex_prefix(struct base_field f);

#endif
