/*
 * What a program was started with beyond argc and argv (which main gets): its environment
 * and its named capabilities, from the startup block its spawner wrote (<mercury/startup.h>;
 * the runtime keeps it in rt_startup). A program that was not spawned (init) has neither.
 */
#ifndef MERCURY_PROGRAM_H
#define MERCURY_PROGRAM_H

#include <helios/abi.h>

/* The slot of the capability named `name`, HELIOS_CADDR_UNDEF when there is none. *type (may
 * be NULL) = its enum helios_cap_type (HELIOS_CAP_NULL when there is none). */
helios_caddr_t mercury_cap(const char *name);
helios_caddr_t mercury_cap_typed(const char *name, unsigned *type);
/* The named range (or single capability): its slots (count 0 when there is none). */
struct helios_cap_range mercury_cap_range(const char *name);

/* Prints "<who>: given NAME NAME..." in one console write: the capabilities the program was
 * started with, by name (a driver's test checks they are exactly what its manifest names). */
void mercury_print_given(const char *who);

/* The value of an environment variable, NULL when unset. */
const char *mercury_getenv(const char *name);
/* The environment: "NAME=value" strings, NULL-terminated (empty when not spawned). */
char **mercury_environ(void);

#endif
