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

bool base_next_line(const char *text, size_t len, size_t *pos, struct base_field *line)
{
	if (*pos >= len)
		return false;
	const char *start = text + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	line->s = start;
	line->len = nl ? (size_t)(nl - start) : len - *pos;
	*pos += line->len + 1;
	return true;
}

bool base_field_is_name(struct base_field f)
{
	for (size_t i = 0; i < f.len; i++) {
		char c = f.s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return f.len > 0;
}

bool base_field_copy(char *dst, size_t size, struct base_field f)
{
	if (f.len >= size)
		return false;
	memcpy(dst, f.s, f.len);
	dst[f.len] = '\0';
	return true;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool base_field_has_hex_prefix(struct base_field f)
{
	return f.len > 2 && f.s[0] == '0' && (f.s[1] == 'x' || f.s[1] == 'X');
}

bool base_field_number(struct base_field f, unsigned base, uint64_t max, uint64_t *value)
{
	size_t i = 0;
	if (base == 0)
		base = base_field_has_hex_prefix(f) ? 16 : 10;
	if (base == 16 && base_field_has_hex_prefix(f))
		i = 2;
	if (i == f.len)
		return false;
	uint64_t v = 0;
	for (; i < f.len; i++) {
		int d = digit_value(f.s[i]);
		if (d >= (int)base || (uint64_t)d > max || v > (max - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	*value = v;
	return true;
}
