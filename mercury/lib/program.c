/*
 * The program's environment and named capabilities (program.h), looked up in the startup
 * block the runtime checked at start.
 */
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/print.h>

#include <helios/abi.h>
#include <mercury/startup_block.h>

#include <helios/rt/rt.h>
#include <mercury/program.h>

helios_caddr_t mercury_cap_typed(const char *name, unsigned *type)
{
	const struct mercury_startup_cap *c =
		rt_startup ? mercury_startup_find_cap(rt_startup, name) : NULL;
	if (type)
		*type = c ? c->type : HELIOS_CAP_NULL;
	return c ? c->slot : HELIOS_CADDR_UNDEF;
}

struct helios_cap_range mercury_cap_range(const char *name)
{
	const struct mercury_startup_cap *c =
		rt_startup ? mercury_startup_find_cap(rt_startup, name) : NULL;
	return c ? (struct helios_cap_range){ c->slot, c->count } : (struct helios_cap_range){ 0, 0 };
}

helios_caddr_t mercury_cap(const char *name)
{
	return mercury_cap_typed(name, NULL);
}

const char *mercury_getenv(const char *name)
{
	return rt_startup ? mercury_startup_getenv(rt_startup, name) : NULL;
}

char **mercury_environ(void)
{
	static char *empty[] = { NULL };
	return rt_startup ? mercury_startup_envp(rt_startup) : empty;
}

void mercury_print_given(const char *who)
{
	char names[256] = "";
	size_t len = 0;
	uint32_t count = rt_startup ? rt_startup->capc : 0;
	for (uint32_t i = 0; i < count; i++) {
		int n = fmt_snprintf(names + len, sizeof(names) - len, " %s",
				     mercury_startup_cap_at(rt_startup, i)->name);
		if (n < 0 || (size_t)n >= sizeof(names) - len)
			break;
		len += (size_t)n;
	}
	rt_printf("%s: given%s\n", who, names);
}
