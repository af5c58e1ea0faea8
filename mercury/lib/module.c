/*
 * Boot modules (module.h): found by name in the init info, read through mapped copies of
 * their page capabilities.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include <helios/rt/rt.h>
#include <mercury/error.h>
#include <mercury/module.h>

const struct helios_init_module *mercury_module_find(const char *name)
{
	if (!rt_info)
		return NULL;
	for (uint32_t i = 0; i < rt_info->module_count && i < HELIOS_INIT_MAX_MODULES; i++) {
		const struct helios_init_module *m = &rt_info->modules[i];
		if (strncmp(m->name, name, sizeof(m->name)) == 0 && m->pages.count)
			return m;
	}
	return NULL;
}

int mercury_module_map(const char *name, struct mercury_mapping *out)
{
	const struct helios_init_module *m = mercury_module_find(name);
	if (!m)
		return MERCURY_ERR_NOT_FOUND;
	int err = mercury_map_copies(m->pages.first, m->pages.count, HELIOS_MAP_READ, out);
	if (!err)
		out->size = m->size;
	return err;
}
