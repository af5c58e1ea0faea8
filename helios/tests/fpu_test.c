/*
 * FPU and vector state belongs to each task: vector registers and the floating-point control
 * state survive yields and timer preemption, and a new task starts in the initial state. The
 * registers and control words are each architecture's (ktest_arch.h, asm.S); state only one
 * architecture has is tested in arch/<arch>/fpu_arch_test.c.
 */
#include "helios/tests/ktest.h"

struct vectors {
	uint8_t in[KT_VECTOR_BYTES], out[KT_VECTOR_BYTES];
	uint64_t syscalls, spins;
};

static int vector_main(void *arg)
{
	struct vectors *v = arg;
	kt_vector_roundtrip(v->in, v->out, v->syscalls, v->spins);
	for (int i = 0; i < KT_VECTOR_BYTES; i++)
		if (v->in[i] != v->out[i])
			return i + 1;
	return 0;
}

/* Threads with different vector register contents run interleaved, then compare. */
static void vectors_kept(uint64_t syscalls, uint64_t spins)
{
	static struct vectors v[3];
	struct rt_thread t[3];
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < KT_VECTOR_BYTES; i++)
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

KTEST(fpu_vectors_kept_across_yield)
{
	vectors_kept(30, 0);
}

KTEST(fpu_vectors_kept_across_preemption)
{
	vectors_kept(0, 3000000);
}

static int control_main(void *arg)
{
	uint64_t control = *(const uint64_t *)arg;
	kt_fp_set_control(control);
	for (int i = 0; i < 20; i++)
		helios_yield();
	return kt_fp_control() == control;
}

KTEST(fpu_control_words_kept)
{
	static const uint64_t other = KT_FP_CONTROL_OTHER, initial = KT_FP_CONTROL_INITIAL;
	struct rt_thread a, b;
	kt_spawn(&a, control_main, (void *)&other, KT_PRIORITY);
	kt_spawn(&b, control_main, (void *)&initial, KT_PRIORITY);
	KT_EQ(kt_join(&a), 1);
	KT_EQ(kt_join(&b), 1);
}

static int initial_state_main(void *arg)
{
	(void)arg;
	int zero = kt_fp_vector_is_zero();
	return (kt_fp_control() == KT_FP_CONTROL_INITIAL) | zero << 1;
}

/* A new task starts with the initial FPU state, not its creator's. */
KTEST(fpu_initial_state)
{
	kt_fp_set_control(KT_FP_CONTROL_OTHER);
	kt_fp_dirty_vector();
	struct rt_thread t;
	kt_spawn(&t, initial_state_main, NULL, KT_PRIORITY);
	int bits = kt_join(&t);
	KT_EQ(bits & 1, 1);
	KT_EQ(bits & 2, 2);
	KT_EQ(kt_fp_control(), KT_FP_CONTROL_OTHER);
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
