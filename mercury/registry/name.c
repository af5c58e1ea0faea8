/* Service names (name.h). */
#include "mercury/registry/name.h"

#include <string.h>

static bool name_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

bool registry_instance_valid(const char *instance)
{
	size_t i = 0;
	for (; instance[i] && i <= REGISTRY_NAME_MAX; i++)
		if (!name_byte(instance[i]))
			return false;
	return i > 0 && i <= REGISTRY_NAME_MAX;
}

bool registry_name_set(struct registry_name *n, uint32_t iface, const char *instance)
{
	if (!registry_instance_valid(instance))
		return false;
	n->iface = iface;
	memcpy(n->instance, instance, strlen(instance) + 1);
	return true;
}

bool registry_name_equal(const struct registry_name *a, const struct registry_name *b)
{
	return a->iface == b->iface && strcmp(a->instance, b->instance) == 0;
}
