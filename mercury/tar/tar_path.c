/*
 * Canonical paths (see tar_path.h): one pass over the components, each copied or dropped.
 */
#include <stdbool.h>
#include <string.h>

#include "mercury/tar/tar_path.h"

static bool is_component(const char *c, size_t len, const char *what)
{
	return len == strlen(what) && memcmp(c, what, len) == 0;
}

enum tar_error tar_path_canonical(const char *path, size_t len, char *out)
{
	if (len == 0)
		return TAR_ERR_NAME_EMPTY;
	if (path[0] == '/')
		return TAR_ERR_NAME_ABSOLUTE;
	size_t used = 0;
	for (size_t start = 0; start < len;) {
		size_t end = start;
		while (end < len && path[end] != '/')
			end++;
		const char *component = path + start;
		size_t clen = end - start;
		start = end + 1;
		if (clen == 0 || is_component(component, clen, "."))
			continue;
		if (is_component(component, clen, ".."))
			return TAR_ERR_NAME_DOTDOT;
		size_t need = clen + (used ? 1 : 0);
		if (need > TAR_NAME_MAX - used)
			return TAR_ERR_NAME_LONG;
		if (used)
			out[used++] = '/';
		memcpy(out + used, component, clen);
		used += clen;
	}
	if (used == 0)
		out[used++] = '.';
	out[used] = '\0';
	return TAR_OK;
}
