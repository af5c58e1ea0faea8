/*
 * FPU state only x86_64 has: the x87 register stack. (aarch64 tests its FP status register in
 * its place.)
 */
#include "helios/tests/ktest.h"

static int x87_main(void *arg)
{
	uint64_t k = (uint64_t)(uintptr_t)arg;
	double a = 0, b = 0;
	/* Two values on the x87 stack across 20 yields. */
	__asm__ volatile("fildq %2\n"
			 "fld1\n"
			 "mov $20, %%ebx\n"
			 "1: mov $13, %%eax\n"
			 "syscall\n"
			 "dec %%ebx\n"
			 "jnz 1b\n"
			 "fstpl %0\n"
			 "fstpl %1"
			 : "=m"(a), "=m"(b)
			 : "m"(k)
			 : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			   "memory");
	return a == 1.0 && b == (double)k;
}

KTEST(fpu_x87_kept)
{
	struct rt_thread t[3];
	for (int k = 0; k < 3; k++)
		kt_spawn(&t[k], x87_main, (void *)(uintptr_t)(1000 + k), KT_PRIORITY);
	for (int k = 0; k < 3; k++)
		KT_EQ(kt_join(&t[k]), 1);
}
