/*
 * Benchmark results: samples summarised (min, median, mean, max, standard deviation, count)
 * and written as JSON. Shared by the Helios benchmark program and the Linux baseline, so both
 * print the same format; it needs no C library (output goes through a character callback) and
 * no floating point (mean and standard deviation are kept in hundredths).
 *
 * The JSON document (docs/performance.md):
 *   {"format": "ares-bench-1", "system": ..., "arch": ..., "counter": ..., <more fields>,
 *    "benchmarks": [
 *     {"name": ..., "count": N, "min": .., "median": .., "mean": .., "max": .., "stddev": ..,
 *      "overhead": ..},
 *     ...
 *    ]}
 * Each benchmark is one line, so a console log can be cut at the first and last lines.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdint.h>

#include <base/fmt.h>

#define BENCH_FORMAT "ares-bench-1"
/* The lines a program prints around the document on a console, where a runner cuts it out. */
#define BENCH_JSON_BEGIN "=== ares-bench json begin ==="
#define BENCH_JSON_END "=== ares-bench json end ==="

struct bench_summary {
	uint32_t count;
	uint64_t min, median, max;
	uint64_t mean_x100;   /* mean, in hundredths */
	uint64_t stddev_x100; /* population standard deviation, in hundredths */
};

/* Sorts samples[0..count) in place and summarises them (all zero for count 0). The median of
 * an even count is the lower of the middle two, so it is always a measured value. */
void bench_summarise(uint64_t *samples, uint32_t count, struct bench_summary *s);

/* The integer square root of v (the largest r with r * r <= v). */
uint64_t bench_isqrt(uint64_t v);

/* A JSON document being written. */
struct bench_json {
	fmt_putc_fn putc;
	void *ctx;
	int state; /* 0: header fields, 1: in the benchmark list, 2: ended */
	int items; /* benchmarks written */
};

/* Opens the document with the format, system and arch fields. */
void bench_json_begin(struct bench_json *j, fmt_putc_fn putc, void *ctx, const char *system,
		      const char *arch);
/* A header field (before the first benchmark): a string, or an integer. */
void bench_json_string(struct bench_json *j, const char *key, const char *value);
void bench_json_int(struct bench_json *j, const char *key, uint64_t value);
/* One benchmark: its summary, and the measuring overhead already subtracted from each sample. */
void bench_json_result(struct bench_json *j, const char *name, const struct bench_summary *s,
		       uint64_t overhead);
/* Closes the list and the document. */
void bench_json_end(struct bench_json *j);

#endif
