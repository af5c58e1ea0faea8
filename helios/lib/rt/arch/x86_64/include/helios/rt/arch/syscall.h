/*
 * The raw syscall on x86_64, for <helios/rt/syscall.h> (which defines struct helios_msg first
 * and is the header to include). Registers as abi.h says: rax = number, rdi = caddr, rsi = tag,
 * rdx, r10, r8, r9 = parameters 0-3; out rax = error, rdi = badge, word, count or type/rights,
 * rsi = tag, rdx, r10, r8, r9 = parameters 0-3. `syscall` itself clobbers rcx and r11.
 */
#ifndef HELIOS_RT_ARCH_SYSCALL_H
#define HELIOS_RT_ARCH_SYSCALL_H

#include <stdint.h>

/* The raw syscall: any number (tests use invalid ones), caddr in rdi, the message in *m. */
static inline void helios_syscall(uint64_t number, uint64_t caddr, struct helios_msg *m)
{
	register uint64_t rax __asm__("rax") = number;
	register uint64_t rdi __asm__("rdi") = caddr;
	register uint64_t rsi __asm__("rsi") = m->tag;
	register uint64_t rdx __asm__("rdx") = m->p[0];
	register uint64_t r10 __asm__("r10") = m->p[1];
	register uint64_t r8 __asm__("r8") = m->p[2];
	register uint64_t r9 __asm__("r9") = m->p[3];
	__asm__ volatile("syscall"
			 : "+r"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8),
			   "+r"(r9)
			 :
			 : "rcx", "r11", "memory");
	m->error = rax;
	m->value = rdi;
	m->tag = rsi;
	m->p[0] = rdx;
	m->p[1] = r10;
	m->p[2] = r8;
	m->p[3] = r9;
}

#endif
