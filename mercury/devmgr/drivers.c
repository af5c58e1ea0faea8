/* The driver catalogue from the initramfs (drivers.h). */
#include <string.h>

#include <helios/rt/print.h>

#include "mercury/devmgr/drivers.h"

static struct tar_entry entry; /* about 400 bytes: not on the stack */

static void report(void *ctx, unsigned line, const char *message)
{
	const char *path = ctx;
	if (line)
		rt_printf("devmgr: %s: manifest:%u: %s\n", path, line, message);
	else
		rt_printf("devmgr: %s: manifest: %s\n", path, message);
}

static bool in_driver_dir(const char *name)
{
	size_t n = strlen(DEVMGR_DRIVER_DIR);
	return strncmp(name, DEVMGR_DRIVER_DIR, n) == 0 && name[n] != '\0';
}

/* The driver in the entry, or false (said why). */
static bool load_one(const struct tar_entry *e, struct devmgr_driver *d)
{
	const char *text;
	size_t len;
	enum mercury_manifest_error err = mercury_manifest_find(e->data, e->size, &text, &len);
	if (err != MERCURY_MANIFEST_OK) {
		rt_printf("devmgr: %s: %s\n", e->name, mercury_manifest_strerror(err));
		return false;
	}
	if (mercury_manifest_parse(text, len, &d->manifest, report, (void *)e->name) != 0) {
		rt_printf("devmgr: %s: manifest refused\n", e->name);
		return false;
	}
	memcpy(d->path, e->name, sizeof(d->path));
	d->image = e->data;
	d->image_size = (size_t)e->size;
	return true;
}

unsigned devmgr_drivers_load(const void *archive, size_t size, struct devmgr_driver *out,
			     unsigned max)
{
	struct tar_iter it;
	unsigned n = 0;
	tar_iter_init(&it, archive, size);
	for (;;) {
		enum tar_error err = tar_next(&it, &entry);
		if (err == TAR_END)
			break;
		if (tar_error_is_fatal(err)) {
			rt_printf("devmgr: initramfs: %s\n", tar_strerror(err));
			break;
		}
		if (err != TAR_OK || entry.type != TAR_FILE || !in_driver_dir(entry.name))
			continue;
		if (n == max) {
			rt_printf("devmgr: %s: left out (at most %u drivers)\n", entry.name, max);
			continue;
		}
		n += load_one(&entry, &out[n]);
	}
	return n;
}
