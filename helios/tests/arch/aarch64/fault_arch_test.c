/*
 * Faults only aarch64 has, in place of x86_64's divide error and x87 exception: a branch to a
 * pc that is not 4-byte aligned, and the alignment an exclusive load needs whatever
 * SCTLR_EL1.A says. (The kernel also sets SCTLR_EL1.SA0, the stack pointer alignment check,
 * but QEMU does not model it, so it is not tested here.)
 */
#include "helios/tests/ktest.h"

#define EC_PC_ALIGNMENT 0x22

extern const char kt_fault_exclusive_ip[];

/* Branches to an address that is not a multiple of 4. */
static __attribute__((noinline)) int fault_pc_alignment(void *target)
{
	return ((int (*)(void))target)();
}

KTEST(fault_pc_alignment)
{
	struct kt_sup s;
	uint64_t target = (uint64_t)(uintptr_t)kt_fault_read + 2;
	struct kt_fault f = kt_expect_fault(&s, fault_pc_alignment, (void *)(uintptr_t)target,
					    HELIOS_FAULT_ALIGNMENT, EC_PC_ALIGNMENT);
	KT_EQ(f.ip, target);
	KT_EQ(f.addr, target);
}

/* An exclusive load from an address that is not a multiple of its size. */
static __attribute__((noinline)) int fault_exclusive(void *arg)
{
	uint64_t v;
	__asm__ volatile(".globl kt_fault_exclusive_ip\n"
			 "kt_fault_exclusive_ip: ldxr %0, [%1]\n"
			 "clrex"
			 : "=r"(v)
			 : "r"(arg)
			 : "memory");
	return (int)v;
}

KTEST(fault_unaligned_exclusive)
{
	static uint64_t words[2];
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, fault_exclusive, (uint8_t *)words + 4,
					    HELIOS_FAULT_ALIGNMENT, KT_VECTOR_DATA_ABORT);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_exclusive_ip);
	/* Aligned, the same instruction works. */
	struct kt_sup s2;
	kt_sup_start(&s2, fault_exclusive, words);
	KT_EQ(kt_sup_wait(&s2), 0);
}
