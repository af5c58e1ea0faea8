/*
 * The Linux baseline benchmark program (README.md): what its files share.
 *
 * A benchmark runs warm-up iterations, then counted ones; each iteration leaves a start and an
 * end stamp (counter.h). A sample is end - start less the measuring overhead: the least cost
 * of the same stamp-store-stamp-store sequence with nothing between, as sel4bench does.
 * Results are kept until every benchmark has run, then written as one JSON document
 * (//benchmarks/report), so error lines never land inside it.
 */
#ifndef LINUX_BENCH_BENCH_H
#define LINUX_BENCH_BENCH_H

#include <stdint.h>
#include <sys/types.h>

#include <bench/report.h>

#define BENCH_MAX_RUNS 4096
#define BENCH_MAX_WARMUP 256
#define BENCH_MAX_ITERATIONS (BENCH_MAX_RUNS + BENCH_MAX_WARMUP)

struct bench_config {
	uint32_t warmup, runs;
};
extern struct bench_config bench_config;

/* warm-up + counted iterations. */
static inline uint32_t bench_iterations(void)
{
	return bench_config.warmup + bench_config.runs;
}

/* The stamps of the benchmark running now, warm-up iterations first. */
extern uint64_t bench_start[BENCH_MAX_ITERATIONS], bench_end[BENCH_MAX_ITERATIONS];

/* Keeps the summary of the counted iterations in bench_start/bench_end as a result. */
void bench_record(const char *name);
/* Says a benchmark could not run (what failed, and errno); the run then counts as failed. */
void bench_fail(const char *name, const char *what, int err);
/* Benchmarks that failed so far. */
int bench_failures(void);
/* Writes every result kept, in the order they were recorded, as the document's list. */
void bench_write_results(struct bench_json *j);

/* Console output (standard output, /dev/console when the program is init). */
void bench_putc(void *ctx, char c);
void bench_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Pins the calling process to CPU 0. Returns 0 or an errno. */
int bench_pin(void);
/* Forks a child pinned to CPU 0 that runs child(arg) and exits with its status. Returns the
 * child's pid, or -errno. */
pid_t bench_spawn(int (*child)(void *), void *arg);
/* Waits for a child; returns 0 if it exited with status 0, else an errno-like code. */
int bench_join(pid_t pid);

/* The benchmarks, one per file. */
void bench_syscall(void);
void bench_pipe(void);
void bench_futex(void);

#endif
