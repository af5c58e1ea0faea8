/*
 * Compiler annotations the kernel uses.
 */
#ifndef HELIOS_KERNEL_COMPILER_H
#define HELIOS_KERNEL_COMPILER_H

/*
 * For the small steps the IPC paths are made of (endpoint.h, cap.h, vm/activate.h): clang
 * inlines little on the way to a call that does not return.
 */
#define always_inline inline __attribute__((always_inline))

/* A branch taken only on bad input (hostile or broken user state): kept off the hot path. */
#define unlikely(x) __builtin_expect(!!(x), 0)
/* The common case of a path measured in instructions (docs/performance.md). */
#define likely(x) __builtin_expect(!!(x), 1)

#endif
