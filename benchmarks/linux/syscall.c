/*
 * The cost of entering and leaving the kernel: a null syscall (getppid, through syscall(2):
 * musl does not cache it, so it always enters the kernel), and sched_yield with nobody else
 * runnable on the CPU (the scheduler picks the caller again), and clock_gettime(CLOCK_MONOTONIC)
 * (musl calls the vDSO when the kernel offers one: no kernel entry).
 */
#include <errno.h>
#include <time.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"
#include "counter.h"

static void null_syscalls(void)
{
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		uint64_t t = counter_read();
		bench_start[i] = t;
		syscall(SYS_getppid);
		t = counter_read();
		bench_end[i] = t;
	}
	bench_record("syscall_null");
}

static void yields(void)
{
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		uint64_t t = counter_read();
		bench_start[i] = t;
		int err = sched_yield();
		t = counter_read();
		bench_end[i] = t;
		if (err) {
			bench_fail("syscall_yield", "sched_yield", errno);
			return;
		}
	}
	bench_record("syscall_yield");
}

static void clocks(void)
{
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		struct timespec ts;
		uint64_t t = counter_read();
		bench_start[i] = t;
		int err = clock_gettime(CLOCK_MONOTONIC, &ts);
		t = counter_read();
		bench_end[i] = t;
		if (err) {
			bench_fail("syscall_clock", "clock_gettime", errno);
			return;
		}
	}
	bench_record("syscall_clock");
}

void bench_syscall(void)
{
	null_syscalls();
	yields();
	clocks();
}
