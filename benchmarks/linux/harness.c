/*
 * The measuring harness of the Linux baseline (bench.h): the overhead of the stamps
 * themselves, samples and their summaries, console output, and pinned child processes.
 */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <base/fmt.h>
#include <bench/report.h>

#include "bench.h"
#include "counter.h"

#define MAX_RESULTS 16

struct bench_config bench_config;
uint64_t bench_start[BENCH_MAX_ITERATIONS], bench_end[BENCH_MAX_ITERATIONS];

struct result {
	const char *name;
	struct bench_summary summary;
	uint64_t overhead; /* in reported units */
};

static struct result results[MAX_RESULTS];
static int result_count, failures;
static uint64_t samples[BENCH_MAX_RUNS];
static uint64_t overhead_ticks;
static int overhead_known;

/* The least cost of stamp, store, stamp, store over as many iterations as a benchmark. */
static uint64_t measure_overhead(void)
{
	uint64_t least = UINT64_MAX;
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		uint64_t t = counter_read();
		bench_start[i] = t;
		t = counter_read();
		bench_end[i] = t;
	}
	for (uint32_t i = bench_config.warmup; i < bench_iterations(); i++) {
		uint64_t d = bench_end[i] - bench_start[i];
		if (d < least)
			least = d;
	}
	return least;
}

void bench_record(const char *name)
{
	uint32_t n = bench_config.runs;
	for (uint32_t i = 0; i < n; i++)
		samples[i] = bench_end[bench_config.warmup + i] - bench_start[bench_config.warmup + i];
	/* Measured once, when the first result is in: it reuses the stamp arrays. */
	if (!overhead_known) {
		overhead_ticks = measure_overhead();
		overhead_known = 1;
	}
	for (uint32_t i = 0; i < n; i++)
		samples[i] = counter_to_units(samples[i] > overhead_ticks ? samples[i] - overhead_ticks : 0);
	if (result_count == MAX_RESULTS) {
		bench_fail(name, "too many results", ENOSPC);
		return;
	}
	struct result *r = &results[result_count++];
	r->name = name;
	r->overhead = counter_to_units(overhead_ticks);
	bench_summarise(samples, n, &r->summary);
}

void bench_fail(const char *name, const char *what, int err)
{
	bench_print("bench: %s: %s: %s\n", name, what, strerror(err));
	failures++;
}

int bench_failures(void)
{
	return failures;
}

void bench_write_results(struct bench_json *j)
{
	for (int i = 0; i < result_count; i++)
		bench_json_result(j, results[i].name, &results[i].summary, results[i].overhead);
}

/* ---- Console ------------------------------------------------------------------------ */

static char line[256];
static size_t line_len;

static void flush(void)
{
	size_t done = 0;
	while (done < line_len) {
		ssize_t n = write(STDOUT_FILENO, line + done, line_len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* nowhere to write: nothing else to do */
		done += (size_t)n;
	}
	line_len = 0;
}

void bench_putc(void *ctx, char c)
{
	(void)ctx;
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		flush();
}

void bench_print(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(bench_putc, NULL, fmt, ap);
	va_end(ap);
}

/* ---- Processes ---------------------------------------------------------------------- */

int bench_pin(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? errno : 0;
}

pid_t bench_spawn(int (*child)(void *), void *arg)
{
	flush(); /* or the child would write the parent's pending output again */
	pid_t pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(bench_pin() ? 126 : child(arg));
	return pid;
}

int bench_join(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return errno;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : ECHILD;
}
