/*
 * The part of <stdlib.h> freestanding Helios code uses. Implemented in lib/base/string.c.
 */
#ifndef HELIOS_LIBC_STDLIB_H
#define HELIOS_LIBC_STDLIB_H

#include <stddef.h>

/* As in C: optional spaces and sign, base 0 (prefix decides), 2..36. Saturates at ULONG_MAX. */
unsigned long strtoul(const char *restrict s, char **restrict end, int base);

#endif
