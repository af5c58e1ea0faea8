/*
 * The raw syscall on aarch64, for <helios/rt/syscall.h> (which defines struct helios_msg first
 * and is the header to include). Registers as abi.h says: `svc #0` with x0 = number,
 * x1 = caddr, x2 = tag, x3-x6 = parameters 0-3; out x0 = error, x1 = badge, word, count or
 * type/rights, x2 = tag, x3-x6 = parameters 0-3. Every other register is preserved.
 */
#ifndef HELIOS_RT_ARCH_SYSCALL_H
#define HELIOS_RT_ARCH_SYSCALL_H

#include <stdint.h>

/* The raw syscall: any number (tests use invalid ones), caddr in x1, the message in *m. */
static inline void helios_syscall(uint64_t number, uint64_t caddr, struct helios_msg *m)
{
	register uint64_t x0 __asm__("x0") = number;
	register uint64_t x1 __asm__("x1") = caddr;
	register uint64_t x2 __asm__("x2") = m->tag;
	register uint64_t x3 __asm__("x3") = m->p[0];
	register uint64_t x4 __asm__("x4") = m->p[1];
	register uint64_t x5 __asm__("x5") = m->p[2];
	register uint64_t x6 __asm__("x6") = m->p[3];
	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6)
			 :
			 : "memory");
	m->error = x0;
	m->value = x1;
	m->tag = x2;
	m->p[0] = x3;
	m->p[1] = x4;
	m->p[2] = x5;
	m->p[3] = x6;
}

#endif
