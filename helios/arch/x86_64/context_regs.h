/* What context.c offers besides arch.h, for the other arch files and the host tests. */
#ifndef HELIOS_ARCH_X86_64_CONTEXT_REGS_H
#define HELIOS_ARCH_X86_64_CONTEXT_REGS_H

#include <stdint.h>

/*
 * The RFLAGS a task runs with when it asks for `rflags`: only CF PF AF ZF SF TF DF OF AC are
 * taken; IF and the always-one bit 1 are set; IOPL, NT and the rest are zero.
 */
uint64_t context_user_rflags(uint64_t rflags);

#endif
