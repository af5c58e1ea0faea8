/*
 * The Helios benchmark program (README.md): what every benchmark file shares.
 *
 * A benchmark runs warm-up iterations, then counted ones; each iteration leaves a start and
 * an end stamp in a series (one series per direction measured: a call's start is stamped by
 * the client just before the syscall, its end by the server just after its receive returns).
 * A sample is end - start less the measuring overhead: the least cost of the same
 * stamp-store-stamp-store sequence with nothing between.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/thread.h>

#include "bench_arch.h"

#define BENCH_MAX_RUNS 1024
#define BENCH_MAX_WARMUP 64
#define BENCH_MAX_ITERATIONS (BENCH_MAX_RUNS + BENCH_MAX_WARMUP)

/* Benchmark threads run at BENCH_PRIORITY (the program's own thread waits above them); a
 * thread that must preempt another on wake-up runs one level higher. */
#define BENCH_PRIORITY 100

struct bench_config {
	uint32_t warmup, runs;
};
extern struct bench_config bench_config;

/* warm-up + counted iterations. */
static inline uint32_t bench_iterations(void)
{
	return bench_config.warmup + bench_config.runs;
}

struct bench_series {
	uint64_t start[BENCH_MAX_ITERATIONS], end[BENCH_MAX_ITERATIONS];
};

/* Two series for the benchmark running now (a call and its reply, a fault and its resume). */
extern struct bench_series bench_a, bench_b;

/* Measures the overhead (before any benchmark: it uses bench_a). */
void bench_measure_overhead(void);

/* Reports the counted iterations of a series (or of a and b summed, each less the overhead)
 * as one JSON benchmark entry. */
void bench_report(const char *name, const struct bench_series *s);
void bench_report_sum(const char *name, const struct bench_series *a,
		      const struct bench_series *b);

/* Says a benchmark could not run (an error it met), as a JSON-safe console line; the run
 * then counts as failed. */
void bench_error(const char *name, const char *what, int err);

/* Threads for benchmarks: in the program's own address space, or in one of their own that
 * maps the same program pages at the same addresses (a separate vspace, so every switch to it
 * is an address-space switch, but the same code and data). Everything they allocate is
 * undone by bench_cleanup. *t must be in program data, where both address spaces see it.
 * Returns a helios_error. */
int bench_thread(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		 bool own_vspace, helios_caddr_t fault_ep);
/* A thread body that waits on a notification bench_iterations() times, stamping
 * bench_a.end[i] as each WAIT returns and counting them in `seen` (arg: a struct
 * bench_waiter in program data). */
struct bench_waiter {
	helios_caddr_t notification;
	volatile uint32_t seen;
};
int bench_waiter_main(void *arg);

/* Waits until every thread given has returned, then frees what the benchmark allocated. */
int bench_join(struct rt_thread *t);
void bench_begin(void);
void bench_cleanup(void);

/* The benchmark groups (one file each). */
void bench_ipc(void);
void bench_notification(void);
void bench_syscall(void);
void bench_vm(void);
void bench_fault_group(void);
void bench_irq(void);
void bench_registry(void);

#endif
