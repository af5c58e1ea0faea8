/* What context.c offers besides arch.h, for the other arch files and the host tests. */
#ifndef HELIOS_ARCH_AARCH64_CONTEXT_REGS_H
#define HELIOS_ARCH_AARCH64_CONTEXT_REGS_H

#include <stdint.h>

#define PSTATE_NZCV (0xfull << 28)
#define PSTATE_EL0T 0ull /* M[3:0] = EL0 with SP_EL0, AArch64; D, A, I, F unmasked */

/* The SPSR a task runs with when it asks for `pstate`: only the NZCV flags are taken. */
uint64_t context_user_pstate(uint64_t pstate);

#endif
