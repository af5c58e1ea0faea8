/* Splitting text into fields (base/fields.h). */
#include <base/fields.h>
#include <string.h>

static bool is_separator(const char *separators, char c)
{
	return c != '\0' && strchr(separators, c) != NULL;
}

static bool is_end(char end, char c)
{
	return end != '\0' && c == end;
}

unsigned base_split(const char *text, size_t len, const char *separators, char end,
		    struct base_field *f, unsigned max)
{
	unsigned n = 0;
	size_t i = 0;
	while (n < max) {
		while (i < len && is_separator(separators, text[i]))
			i++;
		if (i == len || is_end(end, text[i]))
			break;
		f[n].s = text + i;
		while (i < len && !is_separator(separators, text[i]) && !is_end(end, text[i]))
			i++;
		f[n].len = (size_t)(text + i - f[n].s);
		n++;
	}
	return n;
}

bool base_field_is(struct base_field f, const char *word)
{
	return f.len == strlen(word) && memcmp(f.s, word, f.len) == 0;
}

static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned)(c - 'A' + 10);
	return 99;
}

bool base_field_has_hex_prefix(struct base_field f)
{
	return f.len > 2 && f.s[0] == '0' && (f.s[1] == 'x' || f.s[1] == 'X');
}

bool base_field_number(struct base_field f, uint64_t max, uint64_t *out)
{
	unsigned base = 10;
	if (base_field_has_hex_prefix(f)) {
		base = 16;
		f.s += 2;
		f.len -= 2;
	}
	if (f.len == 0)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < f.len; i++) {
		unsigned d = digit_value(f.s[i]);
		if (d >= base || v > (max - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}
