/*
 * Compiler annotations the kernel uses.
 */
#ifndef HELIOS_KERNEL_COMPILER_H
#define HELIOS_KERNEL_COMPILER_H

/*
 * For the small steps the IPC fastpath is made of (ipc.h, cap.h, vm/activate.h): it ends
 * in a call that does not return, and clang inlines little on the way to one.
 */
#define always_inline inline __attribute__((always_inline))

/* A branch taken only on bad input (hostile or broken user state): kept off the hot path. */
#define unlikely(x) __builtin_expect(!!(x), 0)

#endif
