// Summaries against a straightforward floating-point computation, and the JSON's shape.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <bench/report.h>
}

namespace {

void Append(void *ctx, char c) { static_cast<std::string *>(ctx)->push_back(c); }

TEST(Summarise, Empty)
{
	bench_summary s;
	bench_summarise(nullptr, 0, &s);
	EXPECT_EQ(s.count, 0u);
	EXPECT_EQ(s.min, 0u);
	EXPECT_EQ(s.max, 0u);
	EXPECT_EQ(s.mean_x100, 0u);
}

TEST(Summarise, IdenticalSamplesHaveNoSpread)
{
	std::vector<uint64_t> v(16, 208);
	bench_summary s;
	bench_summarise(v.data(), 16, &s);
	EXPECT_EQ(s.min, 208u);
	EXPECT_EQ(s.median, 208u);
	EXPECT_EQ(s.max, 208u);
	EXPECT_EQ(s.mean_x100, 20800u);
	EXPECT_EQ(s.stddev_x100, 0u);
}

TEST(Summarise, SortsAndTakesTheLowerMiddle)
{
	std::vector<uint64_t> v = {9, 1, 7, 3};
	bench_summary s;
	bench_summarise(v.data(), 4, &s);
	EXPECT_EQ(v, (std::vector<uint64_t>{1, 3, 7, 9}));
	EXPECT_EQ(s.median, 3u);
	EXPECT_EQ(s.mean_x100, 500u);
	// Population standard deviation of 1, 3, 7, 9: sqrt(10) = 3.16.
	EXPECT_EQ(s.stddev_x100, 316u);
}

TEST(Summarise, MatchesFloatingPoint)
{
	std::mt19937_64 rng(5);
	for (int round = 0; round < 200; round++) {
		uint32_t n = 1 + rng() % 500;
		uint64_t base = rng() % 100000, spread = 1 + rng() % 20000;
		std::vector<uint64_t> v(n);
		for (auto &x : v)
			x = base + rng() % spread;
		double mean = 0;
		for (auto x : v)
			mean += (double)x;
		mean /= n;
		double var = 0;
		for (auto x : v)
			var += ((double)x - mean) * ((double)x - mean);
		double sd = std::sqrt(var / n);
		bench_summary s;
		bench_summarise(v.data(), n, &s);
		EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
		EXPECT_EQ(s.min, v.front());
		EXPECT_EQ(s.max, v.back());
		EXPECT_EQ(s.median, v[(n - 1) / 2]);
		EXPECT_NEAR((double)s.mean_x100 / 100, mean, 0.006);
		EXPECT_NEAR((double)s.stddev_x100 / 100, sd, 0.02 + sd * 1e-4);
	}
}

TEST(Isqrt, Exact)
{
	for (uint64_t v : {0ull, 1ull, 2ull, 3ull, 4ull, 99ull, 100ull, 1ull << 40, (1ull << 62) + 5,
			   ~0ull}) {
		uint64_t r = bench_isqrt(v);
		EXPECT_LE((unsigned __int128)r * r, v) << v;
		EXPECT_GT((unsigned __int128)(r + 1) * (r + 1), v) << v;
	}
}

TEST(Json, Document)
{
	std::string out;
	bench_json j;
	bench_json_begin(&j, Append, &out, "helios", "x86_64");
	bench_json_string(&j, "counter", "say \"tsc\"\n");
	bench_json_int(&j, "warmup", 16);
	std::vector<uint64_t> v = {10, 12};
	bench_summary s;
	bench_summarise(v.data(), 2, &s);
	bench_json_result(&j, "ipc_call", &s, 40);
	bench_json_result(&j, "ipc_reply", &s, 40);
	bench_json_string(&j, "late", "ignored");
	bench_json_end(&j);
	bench_json_end(&j);
	EXPECT_EQ(out,
		  "{\"format\": \"ares-bench-1\", \"system\": \"helios\", \"arch\": \"x86_64\", "
		  "\"counter\": \"say \\\"tsc\\\"\\u000a\", \"warmup\": 16, \"benchmarks\": [\n"
		  "  {\"name\": \"ipc_call\", \"count\": 2, \"min\": 10, \"median\": 10, "
		  "\"mean\": 11.00, \"max\": 12, \"stddev\": 1.00, \"overhead\": 40},\n"
		  "  {\"name\": \"ipc_reply\", \"count\": 2, \"min\": 10, \"median\": 10, "
		  "\"mean\": 11.00, \"max\": 12, \"stddev\": 1.00, \"overhead\": 40}\n"
		  "]}\n");
	EXPECT_EQ(j.items, 2);
}

TEST(Json, NoBenchmarks)
{
	std::string out;
	bench_json j;
	bench_json_begin(&j, Append, &out, "linux", "aarch64");
	bench_json_end(&j);
	EXPECT_EQ(out, "{\"format\": \"ares-bench-1\", \"system\": \"linux\", \"arch\": "
		       "\"aarch64\", \"benchmarks\": [\n]}\n");
}

} // namespace
