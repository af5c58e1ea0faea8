/* The kernel console's device as a capability (console_invoke.c): CONSOLE_HAND_OVER. */
#ifndef HELIOS_KERNEL_CONSOLE_H
#define HELIOS_KERNEL_CONSOLE_H

struct invocation;

/* CONSOLE_* methods (enum helios_error). */
int console_invoke(struct invocation *inv);

#endif
