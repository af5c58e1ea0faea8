/* Summaries and JSON for benchmark results (bench/report.h). */
#include <stdint.h>

#include <bench/report.h>

/* Insertion sort: sample counts are small (hundreds), and it needs no library. */
static void sort(uint64_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		uint32_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

uint64_t bench_isqrt(uint64_t v)
{
	uint64_t r = 0, bit = 1ull << 62;
	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

void bench_summarise(uint64_t *samples, uint32_t count, struct bench_summary *s)
{
	*s = (struct bench_summary){ .count = count };
	if (!count)
		return;
	sort(samples, count);
	s->min = samples[0];
	s->max = samples[count - 1];
	s->median = samples[(count - 1) / 2];
	/* Sums relative to the minimum keep the numbers small: samples span little. */
	uint64_t sum = 0;
	for (uint32_t i = 0; i < count; i++)
		sum += samples[i] - s->min;
	uint64_t mean_d_x100 = (sum * 100 + count / 2) / count;
	s->mean_x100 = s->min * 100 + mean_d_x100;
	/* The variance in ten-thousandths (so its root is in hundredths), each square divided by
	 * count as it is added, remainders carried: exact, and no 128-bit arithmetic. */
	uint64_t var_x10000 = 0, rem = 0;
	for (uint32_t i = 0; i < count; i++) {
		uint64_t d_x100 = (samples[i] - s->min) * 100;
		uint64_t diff = d_x100 > mean_d_x100 ? d_x100 - mean_d_x100 : mean_d_x100 - d_x100;
		uint64_t sq = diff * diff;
		var_x10000 += sq / count;
		rem += sq % count;
		if (rem >= count) {
			var_x10000 += rem / count;
			rem %= count;
		}
	}
	s->stddev_x100 = bench_isqrt(var_x10000);
}

static void put(struct bench_json *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put(struct bench_json *j, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vformat(j->putc, j->ctx, fmt, ap);
	va_end(ap);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_string(struct bench_json *j, const char *s)
{
	j->putc(j->ctx, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(j, "\\%c", c);
		else if (c < 0x20)
			put(j, "\\u%04x", c);
		else
			j->putc(j->ctx, (char)c);
	}
	j->putc(j->ctx, '"');
}

static void put_hundredths(struct bench_json *j, uint64_t v)
{
	put(j, "%llu.%02llu", (unsigned long long)(v / 100), (unsigned long long)(v % 100));
}

void bench_json_begin(struct bench_json *j, fmt_putc_fn putc, void *ctx, const char *system,
		      const char *arch)
{
	*j = (struct bench_json){ .putc = putc, .ctx = ctx };
	put(j, "{\"format\": ");
	put_string(j, BENCH_FORMAT);
	bench_json_string(j, "system", system);
	bench_json_string(j, "arch", arch);
}

void bench_json_string(struct bench_json *j, const char *key, const char *value)
{
	if (j->state != 0)
		return;
	put(j, ", ");
	put_string(j, key);
	put(j, ": ");
	put_string(j, value);
}

void bench_json_int(struct bench_json *j, const char *key, uint64_t value)
{
	if (j->state != 0)
		return;
	put(j, ", ");
	put_string(j, key);
	put(j, ": %llu", (unsigned long long)value);
}

void bench_json_result(struct bench_json *j, const char *name, const struct bench_summary *s,
		       uint64_t overhead)
{
	if (j->state == 2)
		return;
	put(j, j->state == 0 ? ", \"benchmarks\": [\n" : ",\n");
	j->state = 1;
	put(j, "  {\"name\": ");
	put_string(j, name);
	put(j, ", \"count\": %u, \"min\": %llu, \"median\": %llu, \"mean\": ", s->count,
	    (unsigned long long)s->min, (unsigned long long)s->median);
	put_hundredths(j, s->mean_x100);
	put(j, ", \"max\": %llu, \"stddev\": ", (unsigned long long)s->max);
	put_hundredths(j, s->stddev_x100);
	put(j, ", \"overhead\": %llu}", (unsigned long long)overhead);
	j->items++;
}

void bench_json_end(struct bench_json *j)
{
	if (j->state == 2)
		return;
	put(j, j->state == 0 ? ", \"benchmarks\": [\n]}\n" : "\n]}\n");
	j->state = 2;
}
