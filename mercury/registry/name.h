/*
 * A service's name in the registry: the ipcgen id of its interface and an instance name of
 * 1-32 bytes of [a-z0-9._-] (so a policy's `*` can never be part of one).
 */
#ifndef MERCURY_REGISTRY_NAME_H
#define MERCURY_REGISTRY_NAME_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define REGISTRY_NAME_MAX 32

struct registry_name {
	uint32_t iface;
	char instance[REGISTRY_NAME_MAX + 1];
};

/* Whether `instance` is a name the registry accepts. */
bool registry_instance_valid(const char *instance);
/* Fills *n; false (and *n untouched) when the instance name is not valid. */
bool registry_name_set(struct registry_name *n, uint32_t iface, const char *instance);
bool registry_name_equal(const struct registry_name *a, const struct registry_name *b);

#ifdef __cplusplus
}
#endif

#endif
