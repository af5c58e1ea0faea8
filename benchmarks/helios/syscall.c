/*
 * The cost of entering and leaving the kernel: a null syscall (a syscall number the kernel
 * does not have, which it refuses at once: entry, dispatch, exit), and YIELD with no other
 * task ready at the caller's priority (it returns to the caller), and CLOCK (the monotonic
 * clock: on x86_64 one rdtsc and a multiply, on aarch64 one counter read and a multiply).
 */
#include <stdint.h>

#include <helios/rt/syscall.h>

#include "bench.h"

static int null_syscalls(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	for (uint32_t i = 0; i < n; i++) {
		struct helios_msg m = { 0 };
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		helios_syscall(HELIOS_SYSCALL_COUNT, 0, &m);
		t = bench_stamp();
		bench_a.end[i] = t;
		if (m.error != HELIOS_ERR_INVALID_SYSCALL)
			return (int)m.error;
	}
	return HELIOS_OK;
}

static int yields(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		int err = helios_yield();
		t = bench_stamp();
		bench_a.end[i] = t;
		if (err)
			return err;
	}
	return HELIOS_OK;
}

static int clocks(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	uint64_t last = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		uint64_t now = helios_clock();
		t = bench_stamp();
		bench_a.end[i] = t;
		if (now < last)
			return HELIOS_ERR_INVALID_PARAM; /* the clock went back */
		last = now;
	}
	return HELIOS_OK;
}

static void run_alone(const char *name, int (*fn)(void *))
{
	static struct rt_thread t; /* program data: mirrored vspaces see it */
	bench_begin();
	int err = bench_thread(&t, fn, NULL, BENCH_PRIORITY, false, HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_join(&t);
	if (err)
		bench_error(name, "thread", err);
	else
		bench_report(name, &bench_a);
	bench_cleanup();
}

void bench_syscall(void)
{
	run_alone("syscall_null", null_syscalls);
	run_alone("syscall_yield", yields);
	run_alone("syscall_clock", clocks);
}
