/*
 * The string and memory functions of a C library, for freestanding code (kernel, loaders).
 * The compiler may also call memcpy, memmove and memset itself (struct copies), so these
 * must exist on every freestanding platform. Copies move whole words when both pointers are
 * word-aligned, and never make unaligned accesses (code may run with the MMU off).
 */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

/* A word that may alias any object. */
typedef uintptr_t __attribute__((may_alias)) word_t;

#define WORD sizeof(word_t)

static int aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1)) == 0;
}

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;
	if (aligned(d, s)) {
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dest;
}

/* Copies forwards or backwards so overlapping ranges come out right. */
void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;
	if (d == s || n == 0)
		return dest;
	if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
		if (aligned(d, s)) {
			for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
				*(word_t *)d = *(const word_t *)s;
		}
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		if (aligned(d, s)) {
			for (; n >= WORD; n -= WORD) {
				d -= WORD;
				s -= WORD;
				*(word_t *)d = *(const word_t *)s;
			}
		}
		while (n--)
			*--d = *--s;
	}
	return dest;
}

void *memset(void *dest, int c, size_t n)
{
	unsigned char *d = dest;
	unsigned char byte = (unsigned char)c;
	if (((uintptr_t)d & (WORD - 1)) == 0) {
		word_t w = (word_t)-1 / 255 * byte; /* the byte in every position */
		for (; n >= WORD; n -= WORD, d += WORD)
			*(word_t *)d = w;
	}
	while (n--)
		*d++ = byte;
	return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

/* The value of a digit in bases up to 36, or 36 for anything else. */
static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A' + 10);
	return 36;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	const char *p = s;
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	int negative = 0;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';

	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}

	const unsigned long max = (unsigned long)-1;
	const unsigned long limit = max / (unsigned long)base;
	unsigned long n = 0;
	int overflow = 0, any = 0;
	for (unsigned d; (d = digit_value(*p)) < (unsigned)base; p++) {
		any = 1;
		if (n > limit || n * (unsigned long)base > max - d)
			overflow = 1;
		else
			n = n * (unsigned long)base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (overflow)
		return max;
	return negative ? 0 - n : n;
}
