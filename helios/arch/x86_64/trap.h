/* CPU exceptions: the frame vectors.S builds and the C code that reports it. */
#ifndef HELIOS_ARCH_X86_64_TRAP_H
#define HELIOS_ARCH_X86_64_TRAP_H

#include <stdint.h>

#define TRAP_EXCEPTIONS 32 /* vectors 0-31 are reserved for CPU exceptions */

/*
 * Everything on the stack when a vector stub calls trap_handler, lowest address first: the
 * general registers trap_common pushed, the vector number and error code the stub pushed (0
 * when the CPU gives none), then what the CPU pushed. vectors.S must match this layout.
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trap_frame) == 22 * 8, "vectors.S pushes 22 words");

/* Entry points of the exception stubs in vectors.S, indexed by vector. */
extern const uint64_t trap_vectors[TRAP_EXCEPTIONS];

/* Called by trap_common with the frame; reports the exception. */
void trap_handler(struct trap_frame *tf);

#endif
