/*
 * The kernel test suite: init runs every test in a task of its own and reports one line per
 * test, then "N passed, M failed", then leaves QEMU (status 0 when everything passed; x86_64
 * through the isa-debug-exit port, aarch64 through semihosting). README.md describes the rules.
 *
 * Per test: mark the runtime's allocations and count free memory and slots; mint a badged
 * report endpoint; start the test's task (fault endpoint = the report endpoint); poll on the
 * report endpoint and the watchdog (a device interrupt, arch/<arch>/arch.c) until the test
 * reports, faults or runs out of time; delete everything allocated since the mark; check that
 * free memory and free slots are back where they were.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <base/fmt.h>

#include "helios/tests/ktest.h"

#define LABEL_PASS 0x7e5701ull
#define LABEL_FAIL 0x7e5702ull

extern const struct ktest __start_ktests[], __stop_ktests[];
/* Weak: a suite without KTEST_SETUP has no such section, and both are then null. */
extern const struct ktest_setup __start_ktest_setups[] __attribute__((weak));
extern const struct ktest_setup __stop_ktest_setups[] __attribute__((weak));

helios_caddr_t kt_report_ep;

/* What the running test reports: written by the failing thread, read by the runner. */
static struct {
	int failed;
	char message[256];
} report;

/* The runner's own capabilities. */
static helios_caddr_t runner_ep;      /* receives reports and faults of test tasks */
static helios_caddr_t watchdog;       /* notification bound to the watchdog's IRQ */

static struct rt_thread test_thread;
static struct rt_mark mark;

/* init's argv: the program's name, then the words of the kernel command line. */
static int arg_count;
static char **args;

_Noreturn void kt_fail(const char *file, int line, const char *fmt, ...)
{
	if (!__atomic_exchange_n(&report.failed, 1, __ATOMIC_ACQ_REL)) {
		const char *base = strrchr(file, '/');
		int n = fmt_snprintf(report.message, sizeof(report.message), "%s:%d: ",
				     base ? base + 1 : file, line);
		va_list ap;
		va_start(ap, fmt);
		if (n >= 0 && (size_t)n < sizeof(report.message))
			fmt_vsnprintf(report.message + n, sizeof(report.message) - (size_t)n, fmt,
				      ap);
		va_end(ap);
	}
	struct helios_msg m = { .tag = helios_tag(LABEL_FAIL, 0, 0) };
	helios_send(kt_report_ep, &m);
	rt_exit(1);
}

const char *kt_option(const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < arg_count; i++)
		if (strncmp(args[i], name, n) == 0 && args[i][n] == '=')
			return args[i] + n + 1;
	return NULL;
}

uint64_t kt_option_u64(const char *name, uint64_t fallback)
{
	const char *text = kt_option(name);
	if (!text)
		return fallback;
	char *end;
	uint64_t value = strtoul(text, &end, 0);
	if (end == text || *end)
		KT_FAIL("%s=%s: not a number", name, text);
	return value;
}

/* The test task's body: run the test, then say it passed (a failure never comes back). */
static int test_main(void *arg)
{
	const struct ktest *t = arg;
	t->fn();
	struct helios_msg m = { .tag = helios_tag(LABEL_PASS, 0, 0) };
	helios_send(kt_report_ep, &m);
	return 0;
}

/* Fails the whole suite before it starts: nothing else can be trusted. */
static _Noreturn void setup_failed(const char *what, int err)
{
	rt_printf("ktest: setup failed: %s: %s\n", what, rt_strerror((uint64_t)err));
	rt_printf("0 passed, 1 failed\n");
	if (rt_slot_count())
		kt_leave_qemu(1);
	rt_exit(1);
}

static void check_setup(const char *what, int err)
{
	if (err)
		setup_failed(what, err);
}

/* The watchdog: a notification the architecture's watchdog device signals KT_WATCHDOG_HZ
 * times a second. */
static void watchdog_start(void)
{
	check_setup("watchdog notification", rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &watchdog));
	const char *what = "watchdog";
	int err = kt_watchdog_start(watchdog, &what);
	check_setup(what, err);
}

enum outcome { PASSED, FAILED, FAULTED, TIMED_OUT };

/* Waits for the test task's report, fault or time-out. */
static enum outcome wait_for_test(const struct ktest *t, uint64_t badge,
				  struct kt_fault *fault)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	unsigned ticks = 0;
	for (;;) {
		ipc->poll[0] = (struct helios_poll_item){ runner_ep, HELIOS_POLL_RECV, 0 };
		ipc->poll[1] = (struct helios_poll_item){ watchdog, HELIOS_POLL_RECV, 0 };
		unsigned ready;
		int err = helios_poll(2, &ready);
		if (err) {
			fmt_snprintf(report.message, sizeof(report.message), "runner: poll: %s",
				     rt_strerror((uint64_t)err));
			return FAILED;
		}
		if (ipc->poll[1].ready) {
			kt_watchdog_ack();
			/* One more than the timeout: the first tick may come at once. */
			if (++ticks > t->timeout_s * KT_WATCHDOG_HZ)
				return TIMED_OUT;
		}
		struct helios_msg m;
		if (!ipc->poll[0].ready || helios_nbrecv(runner_ep, &m) != HELIOS_OK)
			continue;
		if (m.value != badge)
			continue; /* from an earlier test: cannot happen, its tasks are gone */
		uint64_t label = helios_tag_label(m.tag);
		if (label == LABEL_PASS)
			return PASSED;
		if (label == LABEL_FAIL)
			return FAILED;
		if (label == HELIOS_FAULT_LABEL) {
			*fault = (struct kt_fault){
				.label = label,
				.type = m.p[HELIOS_FAULT_TYPE],
				.addr = m.p[HELIOS_FAULT_ADDR],
				.ip = m.p[HELIOS_FAULT_IP],
				.code = m.p[HELIOS_FAULT_CODE],
				.vector = ipc->params[HELIOS_FAULT_VECTOR],
			};
			return FAULTED;
		}
	}
}


static uint64_t free_slots(void)
{
	uint64_t n = 0;
	helios_cspace_info(rt_cspace, NULL, &n);
	return n;
}

/*
 * Capabilities the kernel put in slots outside the allocator's knowledge (a test that asked
 * for HELIOS_CADDR_UNDEF and did not delete the result): found and deleted.
 */
static unsigned sweep_stray_slots(void)
{
	unsigned found = 0;
	for (uint32_t i = 0; i < rt_slot_count(); i++) {
		helios_caddr_t s = rt_slot_first() + i;
		if (rt_slot_allocated(s) || helios_identify(s, NULL, NULL) != HELIOS_OK)
			continue;
		helios_cspace_delete(rt_cspace, s);
		found++;
	}
	return found;
}

/* Starts the test's task and waits for its outcome. */
static enum outcome start_and_wait(const struct ktest *t, uint64_t badge, struct kt_fault *fault)
{
	int err = HELIOS_ERR_CSPACE_FULL;
	kt_report_ep = rt_slot_alloc();
	if (kt_report_ep != HELIOS_CADDR_UNDEF)
		err = helios_cspace_mint(rt_cspace, kt_report_ep, rt_cspace, runner_ep,
					 HELIOS_RIGHT_WRITE, badge, NULL);
	if (!err)
		err = rt_thread_spawn(&test_thread, test_main, (void *)t, KT_PRIORITY,
				      kt_report_ep);
	if (err) {
		fmt_snprintf(report.message, sizeof(report.message),
			     "runner: starting the test task: %s", rt_strerror((uint64_t)err));
		return FAILED;
	}
	enum outcome outcome = wait_for_test(t, badge, fault);
	/* A helper thread may have failed while the test's own thread went on to pass. */
	return outcome == PASSED && report.failed ? FAILED : outcome;
}

/* After the clean-up: what the test left behind turns a pass into a failure. */
static enum outcome check_leaks(enum outcome outcome, uint64_t slots_before,
				uint64_t memory_before)
{
	if (free_slots() != slots_before) {
		uint64_t missing = slots_before - free_slots();
		unsigned stray = sweep_stray_slots();
		if (outcome == PASSED) {
			fmt_snprintf(report.message, sizeof(report.message),
				     "leak: %llu capability slot(s) (%u stray ones deleted)",
				     (unsigned long long)missing, stray);
			outcome = FAILED;
		}
	}
	uint64_t memory_after = rt_memory_free();
	if (outcome == PASSED && memory_after != memory_before) {
		fmt_snprintf(report.message, sizeof(report.message),
			     "leak: %lld bytes of memory not given back",
			     (long long)(memory_before - memory_after));
		outcome = FAILED;
	}
	return outcome;
}

static void print_outcome(const struct ktest *t, enum outcome outcome,
			  const struct kt_fault *fault)
{
	switch (outcome) {
	case PASSED:
		rt_printf("PASS %s\n", t->name);
		break;
	case FAILED:
		rt_printf("FAIL %s: %s\n", t->name, report.message);
		break;
	case FAULTED:
		rt_printf("FAIL %s: %s at ip %#llx, address %#llx, code %#llx (vector %llu)\n",
			  t->name, helios_fault_name(fault->type), (unsigned long long)fault->ip,
			  (unsigned long long)fault->addr, (unsigned long long)fault->code,
			  (unsigned long long)fault->vector);
		break;
	case TIMED_OUT:
		rt_printf("FAIL %s: timed out after %u s%s%s\n", t->name, t->timeout_s,
			  report.failed ? ", after: " : "", report.failed ? report.message : "");
		break;
	}
}

/* Runs one test in a task of its own, cleans up after it; true when it passed. */
static int run_test(const struct ktest *t, uint64_t badge)
{
	report.failed = 0;
	report.message[0] = 0;
	rt_mark(&mark);
	uint64_t memory_before = rt_memory_free(), slots_before = free_slots();
	struct kt_fault fault = { 0 };
	enum outcome outcome = start_and_wait(t, badge, &fault);
	rt_release_since(&mark);
	outcome = check_leaks(outcome, slots_before, memory_before);
	print_outcome(t, outcome, &fault);
	return outcome == PASSED;
}

/* Creates and destroys one thread so the page tables of the thread area exist before the
 * first test (they then belong to the runner, not to any test's leak count). */
static void warm_up(void)
{
	struct rt_thread t;
	check_setup("warm-up thread", rt_thread_create(&t, test_main, NULL, KT_PRIORITY,
						       HELIOS_CADDR_UNDEF));
	rt_thread_destroy(&t);
	helios_caddr_t page;
	check_setup("warm-up scratch", rt_map_pages(KT_SCRATCH, 1, HELIOS_MAP_READ, &page));
	rt_unmap_pages(page, 1);
}

int main(int argc, char **argv)
{
	arg_count = argc;
	args = argv;
	if (!rt_info)
		setup_failed("init info", HELIOS_ERR_INVALID_PARAM);
	size_t count = (size_t)(__stop_ktests - __start_ktests);
	rt_printf("ktest: %s: %zu tests\n", argv[0] ? argv[0] : "?", count);
	check_setup("runner endpoint", rt_alloc(HELIOS_CAP_ENDPOINT, 0, &runner_ep));
	watchdog_start();
	warm_up();
	for (const struct ktest_setup *s = __start_ktest_setups; s < __stop_ktest_setups; s++)
		check_setup(s->name, s->fn());
	unsigned passed = 0, failed = 0;
	for (size_t i = 0; i < count; i++) {
		if (run_test(&__start_ktests[i], i + 1))
			passed++;
		else
			failed++;
	}
	rt_printf("%u passed, %u failed\n", passed, failed);
	kt_leave_qemu(failed != 0);
	return failed != 0;
}
