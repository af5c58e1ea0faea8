/*
 * Faults only x86_64 has: the divide error and the x87 floating-point exception (aarch64's
 * division by zero gives 0, and its FP exceptions never trap). arch/aarch64 has as many tests
 * of its own faults in their place.
 */
#include "helios/tests/ktest.h"

extern const char kt_fault_div_ip[];

static __attribute__((noinline)) int fault_divide(void *arg)
{
	(void)arg;
	uint64_t a = 1, d = 0;
	__asm__ volatile("xor %%ecx, %%ecx\n"
			 ".globl kt_fault_div_ip\n"
			 "kt_fault_div_ip: div %%rcx"
			 : "+a"(a), "+d"(d)
			 :
			 : "rcx");
	return (int)a;
}

KTEST(fault_divide_error)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, fault_divide, NULL, HELIOS_FAULT_DIVIDE, 0);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_div_ip);
	KT_EQ(f.addr, 0);
}

/*
 * An x87 divide by zero with the exception unmasked: reported at the next waiting x87
 * instruction as #MF. (SIMD exceptions, #XM, would be the other FPU fault, but QEMU's TCG
 * never raises them.)
 */
static __attribute__((noinline)) int fault_x87(void *arg)
{
	(void)arg;
	uint16_t cw = 0x37f & ~(1u << 2); /* zero-divide unmasked */
	__asm__ volatile("fldcw %0\n"
			 "fldz\n"
			 "fld1\n"
			 "fdiv %%st(1), %%st\n"
			 "fwait\n"
			 "fstp %%st(0)\n"
			 "fstp %%st(0)"
			 :
			 : "m"(cw));
	return 0;
}

KTEST(fault_x87_exception)
{
	struct kt_sup s;
	kt_expect_fault(&s, fault_x87, NULL, HELIOS_FAULT_FPU, 16);
}
