#include "helios/kernel/cmdline.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int cmdline_find(const char *cmdline, const char *key, const char **value, size_t *value_len)
{
	const char *p = cmdline;
	while (p && *p) {
		while (is_space(*p))
			p++;
		const char *word = p;
		while (*p && !is_space(*p))
			p++;
		size_t i = 0;
		while (key[i] && word + i < p && word[i] == key[i])
			i++;
		if (key[i] != '\0')
			continue;
		if (word + i == p) {
			*value = p;
			*value_len = 0;
			return 1;
		}
		if (word[i] == '=') {
			*value = word + i + 1;
			*value_len = (size_t)(p - (word + i + 1));
			return 1;
		}
	}
	return 0;
}

long cmdline_number(const char *cmdline, const char *key, long fallback)
{
	const char *v;
	size_t len;
	if (!cmdline_find(cmdline, key, &v, &len) || len == 0 || len > 9)
		return fallback;
	long n = 0;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return fallback;
		n = n * 10 + (v[i] - '0');
	}
	return n;
}
