/* Building and starting init, the first task (init.c). */
#ifndef HELIOS_KERNEL_INIT_H
#define HELIOS_KERNEL_INIT_H

#include <stdbool.h>

#include <helios/boot.h>

/*
 * Loads init from the first boot module and makes it ready to run. False, after saying why
 * on the console, when there is no module, it is not a valid ELF, or memory is short.
 */
bool init_start(const struct helios_boot_info *bi);

#endif
