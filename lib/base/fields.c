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
