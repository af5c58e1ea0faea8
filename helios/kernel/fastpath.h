/*
 * The IPC fastpath (fastpath.c): CALL and REPLYRECV of a register-only message to a task
 * already waiting for it, straight from syscall entry to the other task, without the
 * syscall dispatcher and without touching a scheduler queue. Everything else, and every case
 * it is not sure of, goes to the slow path, which gives the same result. Built only when the
 * build setting //helios/kernel:fastpath is on (HELIOS_FASTPATH); off, kernel_fastpath_call
 * and kernel_fastpath_replyrecv (arch.h) always decline.
 */
#ifndef HELIOS_KERNEL_FASTPATH_H
#define HELIOS_KERNEL_FASTPATH_H

#include <stdbool.h>

/* Whether the kernel was built with the fastpath (the boot report says). */
extern const bool kernel_has_fastpath;

#endif
