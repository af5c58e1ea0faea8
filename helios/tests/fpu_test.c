/*
 * FPU and SSE state belongs to each task: vector registers, x87 registers, MXCSR and the x87
 * control word survive yields and timer preemption, and a new task starts in the initial
 * state.
 */
#include "helios/tests/ktest.h"

#define MXCSR_INITIAL 0x1f80u
#define FCW_INITIAL 0x037fu

void kt_vector_roundtrip(const uint8_t in[256], uint8_t out[256], uint64_t syscalls,
			 uint64_t spins);

struct vectors {
	uint8_t in[256], out[256];
	uint64_t syscalls, spins;
};

static int vector_main(void *arg)
{
	struct vectors *v = arg;
	kt_vector_roundtrip(v->in, v->out, v->syscalls, v->spins);
	for (int i = 0; i < 256; i++)
		if (v->in[i] != v->out[i])
			return i + 1;
	return 0;
}

/* Threads with different xmm0-xmm15 contents run interleaved, then compare. */
static void vectors_kept(uint64_t syscalls, uint64_t spins)
{
	static struct vectors v[3];
	struct rt_thread t[3];
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < 256; i++)
			v[k].in[i] = (uint8_t)(i * 7 + k * 85 + 1);
		v[k].syscalls = syscalls;
		v[k].spins = spins;
		kt_spawn(&t[k], vector_main, &v[k], KT_PRIORITY);
	}
	for (int k = 0; k < 3; k++) {
		int bad = kt_join(&t[k]);
		if (bad)
			KT_FAIL("thread %d: vector byte %d changed", k, bad - 1);
	}
}

KTEST(fpu_sse_kept_across_yield)
{
	vectors_kept(30, 0);
}

KTEST(fpu_sse_kept_across_preemption)
{
	vectors_kept(0, 3000000);
}

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

static uint32_t read_mxcsr(void)
{
	uint32_t v;
	__asm__ volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static uint16_t read_fcw(void)
{
	uint16_t v;
	__asm__ volatile("fnstcw %0" : "=m"(v));
	return v;
}

static int control_words_main(void *arg)
{
	uint32_t mxcsr = (uint32_t)(uintptr_t)arg;
	uint16_t fcw = (uint16_t)(mxcsr == MXCSR_INITIAL ? FCW_INITIAL : 0x0c7f);
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile("fldcw %0" : : "m"(fcw));
	for (int i = 0; i < 20; i++)
		helios_yield();
	return read_mxcsr() == mxcsr && read_fcw() == fcw;
}

KTEST(fpu_control_words_kept)
{
	struct rt_thread a, b;
	/* Round toward zero, flush to zero, and the x87 rounding and precision changed. */
	kt_spawn(&a, control_words_main, (void *)(uintptr_t)0xff80u, KT_PRIORITY);
	kt_spawn(&b, control_words_main, (void *)(uintptr_t)MXCSR_INITIAL, KT_PRIORITY);
	KT_EQ(kt_join(&a), 1);
	KT_EQ(kt_join(&b), 1);
}

static int initial_state_main(void *arg)
{
	(void)arg;
	uint64_t xmm[2];
	__asm__ volatile("movdqu %%xmm7, %0" : "=m"(xmm));
	return (read_mxcsr() == MXCSR_INITIAL) | (read_fcw() == FCW_INITIAL) << 1 |
	       (xmm[0] == 0 && xmm[1] == 0) << 2;
}

/* A new task starts with the initial FPU state, not its creator's. */
KTEST(fpu_initial_state)
{
	uint32_t odd = 0x7f80u;
	__asm__ volatile("ldmxcsr %0" : : "m"(odd));
	__asm__ volatile("pcmpeqb %%xmm7, %%xmm7" : : : "xmm7");
	struct rt_thread t;
	kt_spawn(&t, initial_state_main, NULL, KT_PRIORITY);
	int bits = kt_join(&t);
	KT_EQ(bits & 1, 1);
	KT_EQ(bits & 2, 2);
	KT_EQ(bits & 4, 4);
	KT_EQ(read_mxcsr(), odd);
}

static volatile double results[3];

static int math_main(void *arg)
{
	uint64_t k = (uint64_t)(uintptr_t)arg;
	double sum = 0;
	for (uint64_t i = 1; i <= 20000; i++) {
		sum += 1.0 / (double)(i * i + k);
		if (i % 1000 == 0)
			helios_yield();
	}
	results[k] = sum;
	return 0;
}

/* Ordinary floating-point code in several threads gets the answer it gets alone. */
KTEST(fpu_concurrent_math)
{
	double alone[3];
	for (uint64_t k = 0; k < 3; k++) {
		math_main((void *)(uintptr_t)k);
		alone[k] = results[k];
		results[k] = 0;
	}
	struct rt_thread t[3];
	for (int k = 0; k < 3; k++)
		kt_spawn(&t[k], math_main, (void *)(uintptr_t)k, KT_PRIORITY);
	for (int k = 0; k < 3; k++) {
		kt_join(&t[k]);
		KT_CHECK(results[k] == alone[k]);
	}
}
