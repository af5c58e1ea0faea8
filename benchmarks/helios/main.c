/*
 * The Helios benchmark program (README.md): booted as init, it runs every benchmark and prints
 * one JSON document (//benchmarks/report) on the console, then leaves QEMU (status 1 if a
 * benchmark could not run).
 *
 * Arguments (the kernel command line's words): warmup=N and runs=N set the iterations per
 * benchmark (default 16 and 256); any other key=value word is copied into the JSON header
 * (the images say fastpath=on or off there, matching the kernel they boot).
 */
#include <stdint.h>

#include <base/fmt.h>
#include <bench/report.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <qemu/exit.h>

#include "bench.h"

struct bench_config bench_config = { .warmup = 16, .runs = 256 };
struct bench_json bench_out;
int bench_failures;

/* The console a line at a time, so each benchmark's line goes out whole. */
static struct {
	uint32_t used;
	char bytes[512];
} line;

static void console_putc(void *ctx, char c)
{
	(void)ctx;
	line.bytes[line.used++] = c;
	if (c == '\n' || line.used == sizeof(line.bytes)) {
		helios_writecons(line.bytes, line.used, NULL);
		line.used = 0;
	}
}

/* A decimal number, or -1. */
static int64_t number(const char *s)
{
	int64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 1000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* The value of "key=value" when arg starts with key=, else NULL. */
static const char *value_of(const char *arg, const char *key)
{
	for (; *key; key++, arg++)
		if (*arg != *key)
			return NULL;
	return *arg == '=' ? arg + 1 : NULL;
}

static int configure(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *v;
		int64_t n;
		if ((v = value_of(argv[i], "warmup"))) {
			if ((n = number(v)) < 0 || n > BENCH_MAX_WARMUP)
				goto bad;
			bench_config.warmup = (uint32_t)n;
		} else if ((v = value_of(argv[i], "runs"))) {
			if ((n = number(v)) < 1 || n > BENCH_MAX_RUNS)
				goto bad;
			bench_config.runs = (uint32_t)n;
		}
		continue;
bad:
		rt_printf("bench: %s: warmup is 0-%u, runs 1-%u\n", argv[i], BENCH_MAX_WARMUP,
			  BENCH_MAX_RUNS);
		return -1;
	}
	return 0;
}

/* Every other key=value argument, as a string field of the header. */
static void header_fields(int argc, char **argv)
{
	static char key[64];
	for (int i = 1; i < argc; i++) {
		const char *eq = argv[i];
		while (*eq && *eq != '=')
			eq++;
		uint32_t len = (uint32_t)(eq - argv[i]);
		if (!*eq || len == 0 || len >= sizeof(key) || value_of(argv[i], "warmup") ||
		    value_of(argv[i], "runs"))
			continue;
		fmt_snprintf(key, sizeof(key), "%.*s", (int)len, argv[i]);
		bench_json_string(&bench_out, key, eq + 1);
	}
}

int main(int argc, char **argv)
{
	if (configure(argc, argv))
		bench_failures++;
	rt_printf("bench: %u warm-up and %u counted runs per benchmark\n", bench_config.warmup,
		  bench_config.runs);
	rt_printf("%s\n", BENCH_JSON_BEGIN);
	bench_json_begin(&bench_out, console_putc, NULL, "helios", BENCH_ARCH_NAME);
	bench_json_string(&bench_out, "counter", BENCH_COUNTER);
	bench_json_string(&bench_out, "unit", "counter ticks, measuring overhead subtracted");
	bench_json_int(&bench_out, "warmup", bench_config.warmup);
	bench_json_int(&bench_out, "runs", bench_config.runs);
	header_fields(argc, argv);
	bench_measure_overhead();
	bench_ipc();
	bench_notification();
	bench_syscall();
	bench_vm();
	bench_fault_group();
	bench_irq();
	bench_registry();
	bench_json_end(&bench_out);
	rt_printf("%s\n", BENCH_JSON_END);
	rt_printf("bench: done, %d failed\n", bench_failures);
	int err = qemu_exit(bench_failures ? 1 : 0);
	rt_printf("bench: could not leave QEMU: %s\n", rt_strerror((uint64_t)err));
	return bench_failures ? 1 : 0;
}
