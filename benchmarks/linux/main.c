/*
 * The Linux baseline benchmark program (README.md). It runs as /init, PID 1, of a Linux
 * kernel booted with nothing but it in its initramfs: it mounts /proc and /sys, pins itself
 * to CPU 0, runs every benchmark, prints the JSON document between two marker lines, and
 * powers the machine off. Run as an ordinary program (not PID 1) it mounts nothing and
 * returns instead, which makes a quick check on a Linux host possible.
 *
 * Settings come from the environment, where the kernel puts the `key=value` words of its
 * command line it does not know: bench_runs=N (counted iterations), bench_warmup=N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bench/report.h>

#include "bench.h"
#include "counter.h"

#define DEFAULT_RUNS 1000
#define DEFAULT_WARMUP 16

#if defined(__x86_64__)
#define ARCH "x86_64"
#elif defined(__aarch64__)
#define ARCH "aarch64"
#else
#error "the Linux baseline runs on x86_64 and aarch64"
#endif

/* A decimal setting from the environment, clamped to [low, high]. */
static uint32_t setting(const char *name, uint32_t fallback, uint32_t low, uint32_t high)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return fallback;
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*end) {
		bench_print("bench: %s=%s is not a number; using %u\n", name, s, fallback);
		return fallback;
	}
	return v < low ? low : v > high ? high : (uint32_t)v;
}

/* The first line of a file, without its newline ("unknown" when it cannot be read). */
static const char *first_line(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return "unknown";
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

/* The kernel's last log line about page-table isolation, without its level and time
 * ("none" if it wrote none). arm64's meltdown file says "Not affected" on a Cortex-A72 even
 * when KASLR forces isolation on, so the log says more. */
static const char *isolation_line(void)
{
	static char log[1 << 18];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log) - 1);
	if (n <= 0)
		return "unknown";
	log[n] = 0;
	const char *found = "none";
	char *save;
	for (char *line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "page table") && strstr(line, "isolation")) {
			char *text = strstr(line, "] ");
			found = text ? text + 2 : line;
		}
	}
	return found;
}

/* What PID 1 must do first: the file systems the program reads. */
static void mount_file_systems(void)
{
	if (mount("proc", "/proc", "proc", 0, NULL) && errno != EBUSY)
		bench_print("bench: mounting /proc: %s\n", strerror(errno));
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) && errno != EBUSY)
		bench_print("bench: mounting /sys: %s\n", strerror(errno));
}

int main(void)
{
	int init = getpid() == 1;
	if (init)
		mount_file_systems();
	bench_config.runs = setting("bench_runs", DEFAULT_RUNS, 1, BENCH_MAX_RUNS);
	bench_config.warmup = setting("bench_warmup", DEFAULT_WARMUP, 0, BENCH_MAX_WARMUP);

	int err = bench_pin();
	if (err) {
		bench_fail("all", "pinning to CPU 0", err);
	} else {
		bench_syscall();
		bench_pipe();
		bench_futex();
	}

	struct utsname u;
	if (uname(&u))
		strcpy(u.release, "unknown");
	char meltdown[128], cmdline[1024];
	struct bench_json j;
	bench_print("\n%s\n", BENCH_JSON_BEGIN); /* on a line of its own, whatever came before */
	bench_json_begin(&j, bench_putc, NULL, "linux", ARCH);
	bench_json_string(&j, "counter", COUNTER_NAME);
	bench_json_int(&j, "resolution", counter_resolution());
	bench_json_string(&j, "kernel", u.release);
	/* Whether the kernel isolates its page tables from user mode (PTI), as Linux says. */
	bench_json_string(&j, "pti", first_line("/sys/devices/system/cpu/vulnerabilities/meltdown",
						 meltdown, sizeof(meltdown)));
	bench_json_string(&j, "isolation", isolation_line());
	bench_json_string(&j, "cmdline", first_line("/proc/cmdline", cmdline, sizeof(cmdline)));
	bench_json_int(&j, "warmup", bench_config.warmup);
	bench_json_int(&j, "runs", bench_config.runs);
	bench_write_results(&j);
	bench_json_end(&j);
	bench_print("%s\n", BENCH_JSON_END);
	bench_print("bench: %s\n", bench_failures() ? "FAILED" : "done");

	if (!init)
		return bench_failures() ? 1 : 0;
	reboot(RB_POWER_OFF);
	bench_print("bench: power off failed: %s\n", strerror(errno));
	for (;;)
		pause(); /* init may not exit: that would be a kernel panic */
}
