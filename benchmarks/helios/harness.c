/*
 * The measuring harness (bench.h): the overhead of the stamps themselves, samples from series,
 * the JSON report, and threads in the program's own or a mirrored address space.
 */
#include <stdint.h>

#include <bench/report.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>

#include "bench.h"

struct bench_series bench_a, bench_b;
extern struct bench_json bench_out; /* main.c */
extern int bench_failures;          /* main.c */

static uint64_t samples[BENCH_MAX_RUNS];
static uint64_t overhead;

/* The least cost of stamp, store, stamp, store: what every sample carries besides the work. */
void bench_measure_overhead(void)
{
	uint64_t least = UINT64_MAX;
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		t = bench_stamp();
		bench_a.end[i] = t;
	}
	for (uint32_t i = bench_config.warmup; i < bench_iterations(); i++) {
		uint64_t d = bench_a.end[i] - bench_a.start[i];
		if (d < least)
			least = d;
	}
	overhead = least;
}

static uint64_t corrected(uint64_t start, uint64_t end)
{
	uint64_t d = end - start;
	return d > overhead ? d - overhead : 0;
}

static void report(const char *name, const struct bench_series *a, const struct bench_series *b)
{
	uint32_t n = bench_config.runs;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = bench_config.warmup + i;
		samples[i] = corrected(a->start[k], a->end[k]);
		if (b)
			samples[i] += corrected(b->start[k], b->end[k]);
	}
	struct bench_summary s;
	bench_summarise(samples, n, &s);
	bench_json_result(&bench_out, name, &s, b ? 2 * overhead : overhead);
}

void bench_report(const char *name, const struct bench_series *s)
{
	report(name, s, NULL);
}

void bench_report_sum(const char *name, const struct bench_series *a,
		      const struct bench_series *b)
{
	report(name, a, b);
}

void bench_error(const char *name, const char *what, int err)
{
	rt_printf("bench: %s: %s: %s\n", name, what, rt_strerror((uint64_t)err));
	bench_failures++;
}

/* ---- Threads ------------------------------------------------------------------------ */

static struct rt_mark mark;

void bench_begin(void)
{
	rt_mark(&mark);
}

void bench_cleanup(void)
{
	rt_release_since(&mark);
}

int bench_thread(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		 bool own_vspace, helios_caddr_t fault_ep)
{
	int err = rt_thread_create(t, fn, arg, priority, fault_ep);
	if (err)
		return err;
	if (own_vspace && (err = rt_thread_mirror_vspace(t, NULL)))
		return err;
	return rt_thread_start(t);
}

int bench_waiter_main(void *arg)
{
	struct bench_waiter *w = arg;
	uint32_t n = bench_iterations();
	int err = HELIOS_OK;
	for (uint32_t i = 0; !err && i < n; i++) {
		err = helios_wait(w->notification, NULL);
		uint64_t t = bench_stamp();
		bench_a.end[i] = t;
		w->seen = i + 1;
	}
	return err;
}

int bench_join(struct rt_thread *t)
{
	int result = 0;
	int err = rt_thread_join(t, &result);
	return err ? err : result;
}
