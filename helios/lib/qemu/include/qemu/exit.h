/*
 * Leaving QEMU from a user program with a status code: what test and benchmark programs do
 * when they are done. x86_64: QEMU's isa-debug-exit device at I/O port 0xf4 (the images' QEMU
 * command line adds it; QEMU exits with status (value << 1) | 1), reached through init's
 * IO_CONTROL capability. aarch64: semihosting SYS_EXIT, which QEMU takes from EL0 only with
 * `-semihosting-config enable=on,userspace=on`.
 */
#ifndef QEMU_EXIT_H
#define QEMU_EXIT_H

/* Ends QEMU with `status` (0 or 1: the exit devices' status encodings differ beyond that).
 * Returns only when it could not: a helios_error saying why (HELIOS_ERR_INVALID_PARAM when
 * the machine has no way out). */
int qemu_exit(int status);

#endif
