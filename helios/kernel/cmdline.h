/*
 * The kernel command line: words separated by spaces, each either a flag ("qemu_exit") or
 * key=value ("qemu_exit=3").
 */
#ifndef HELIOS_KERNEL_CMDLINE_H
#define HELIOS_KERNEL_CMDLINE_H

#include <stddef.h>

/*
 * Finds word `key` (alone or as key=value). Returns 1 if present and sets *value to the text
 * after '=' (empty string for a bare flag) and *value_len to its length; 0 if absent.
 */
int cmdline_find(const char *cmdline, const char *key, const char **value, size_t *value_len);

/* The value of `key` as a decimal number, or `fallback` if absent, bare or not a number. */
long cmdline_number(const char *cmdline, const char *key, long fallback);

#endif
