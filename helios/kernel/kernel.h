#ifndef HELIOS_KERNEL_KERNEL_H
#define HELIOS_KERNEL_KERNEL_H

#include <helios/boot.h>

/* Entered from the architecture's start code on the kernel's own stack, interrupts off. */
_Noreturn void kernel_main(struct helios_boot_info *bi);

/* Printing to the early console. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Status QEMU reports (before its own encoding) when the kernel stops on a fault or panic. */
#define KERNEL_EXIT_FAULT 3

/*
 * Stops the machine after a fatal kernel error (fault dump or panic already printed): leaves
 * QEMU with KERNEL_EXIT_FAULT when the command line has qemu_exit, so tests end at once,
 * otherwise halts.
 */
_Noreturn void kernel_stop(void);

/*
 * Broken kernel invariant: prints "KERNEL PANIC: <message>" and stops. Never for anything a
 * user or a loader can cause.
 */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
