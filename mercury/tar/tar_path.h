/*
 * Canonical paths: how //mercury/tar names entries (and the paths tar_find is asked for).
 * Part of //mercury/tar, whose API is tar.h; a header of its own for the host tests.
 */
#ifndef MERCURY_TAR_TAR_PATH_H
#define MERCURY_TAR_TAR_PATH_H

#include <stddef.h>

#include "mercury/tar/tar.h"

/*
 * Writes the canonical form of the `len` bytes at `path` to `out` (TAR_NAME_MAX + 1 bytes,
 * not overlapping `path`), NUL-terminated: its components joined by single slashes, with
 * empty and "." components left out; "." if none is left. Returns TAR_OK, or without a
 * usable `out`: TAR_ERR_NAME_EMPTY (len 0), TAR_ERR_NAME_ABSOLUTE (path starts with '/'),
 * TAR_ERR_NAME_DOTDOT (a ".." component), TAR_ERR_NAME_LONG (canonical form longer than
 * TAR_NAME_MAX).
 */
enum tar_error tar_path_canonical(const char *path, size_t len, char *out);

#endif
