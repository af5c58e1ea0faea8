/*
 * The kernel test suite's framework (README.md). A test is a function defined with KTEST; the
 * runner (runner.c) runs each in a task of its own, which shares the runner's cspace and
 * vspace but has a fresh stack and IPC buffer. A failed check ends the test at once: the
 * message goes to the runner, and the thread that failed stops. Whatever a test allocated
 * through the runtime (slots, objects, threads) is deleted after it, so a test need not clean
 * up after itself on failure; the runner then checks that no memory leaked.
 */
#ifndef HELIOS_TESTS_KTEST_H
#define HELIOS_TESTS_KTEST_H

#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>
#include <qemu/irq_device.h>

#include "ktest_arch.h"

struct ktest {
	const char *name;
	void (*fn)(void);
	unsigned timeout_s; /* the watchdog fails it after this long without a report */
};

/* Seconds a test may run before the runner fails it as timed out. */
#define KT_TIMEOUT_S 4

/* Defines and registers a test (in the "ktests" section, in link order). */
#define KTEST(name) KTEST_LONG(name, KT_TIMEOUT_S)

/* A test that needs more than KT_TIMEOUT_S seconds (the fuzzer's long runs). */
#define KTEST_LONG(name, seconds)                                                                 \
	static void ktest_fn_##name(void);                                                         \
	static const struct ktest ktest_##name __attribute__((used, section("ktests"),            \
							      aligned(8))) = {                    \
		#name, ktest_fn_##name, seconds};                                                  \
	static void ktest_fn_##name(void)

/*
 * Suite setup: a function the runner calls once, before the first test and outside every
 * test's allocation mark, so what it sets up stays for the whole run (a library's global
 * state that would otherwise appear inside a test and be taken back after it). Returns a
 * helios_error; any error fails the suite before it starts. Run in link order.
 */
struct ktest_setup {
	const char *name;
	int (*fn)(void);
};

#define KTEST_SETUP(name)                                                                         \
	static int ktest_setup_fn_##name(void);                                                    \
	static const struct ktest_setup ktest_setup_##name __attribute__((                        \
		used, section("ktest_setups"), aligned(8))) = { #name, ktest_setup_fn_##name };   \
	static int ktest_setup_fn_##name(void)

/* Priority test tasks run at; the runner runs above it. */
#define KT_PRIORITY 100
/* Where tests map scratch pages (nothing else lives there). */
#define KT_SCRATCH 0x0000200000000000ull

/* The badged endpoint capability the current test reports through; also the fault endpoint
 * of its task and of every thread kt_spawn makes, so their faults fail the test. */
extern helios_caddr_t kt_report_ep;

/* The number of elements of an array. */
#define KT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Checks ------------------------------------------------------------------------- */

_Noreturn void kt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define KT_FAIL(...) kt_fail(__FILE__, __LINE__, __VA_ARGS__)

#define KT_CHECK(cond)                                                                          \
	do {                                                                                    \
		if (!(cond))                                                                    \
			KT_FAIL("%s", #cond);                                                   \
	} while (0)

#define KT_EQ(a, b)                                                                             \
	do {                                                                                    \
		uint64_t kt_a_ = (uint64_t)(a), kt_b_ = (uint64_t)(b);                          \
		if (kt_a_ != kt_b_)                                                             \
			KT_FAIL("%s == %s: got %#llx, expected %#llx", #a, #b,                   \
				(unsigned long long)kt_a_, (unsigned long long)kt_b_);           \
	} while (0)

/* An expression giving an enum helios_error must give `want`. */
#define KT_ERR(expr, want)                                                                      \
	do {                                                                                    \
		uint64_t kt_e_ = (uint64_t)(expr), kt_w_ = (uint64_t)(want);                    \
		if (kt_e_ != kt_w_)                                                             \
			KT_FAIL("%s: got %s, expected %s", #expr, rt_strerror(kt_e_),            \
				rt_strerror(kt_w_));                                             \
	} while (0)

#define KT_OK(expr) KT_ERR(expr, HELIOS_OK)

/* ---- Objects and slots (each fails the test if it cannot be had) --------------------- */

helios_caddr_t kt_slot(void);
helios_caddr_t kt_object(uint64_t type, uint64_t size);
helios_caddr_t kt_endpoint(void);
helios_caddr_t kt_notification(void);
/* A copy (or mint) of a capability of rt_cspace in a new slot. */
helios_caddr_t kt_copy(helios_caddr_t src, uint64_t rights);
helios_caddr_t kt_mint(helios_caddr_t src, uint64_t rights, uint64_t badge);
/* The type of the capability in slot, HELIOS_CAP_NULL for an empty slot. */
unsigned kt_type(helios_caddr_t slot);
/* count fresh pages mapped at vaddr (READ|WRITE): the first page's slot. */
helios_caddr_t kt_map(uint64_t vaddr, uint32_t count);
/* The program's memory capability with the most free bytes (the small low-memory regions
 * come first in the init info, and the runtime allocates from them first). */
helios_caddr_t kt_big_memory(void);
/* A memory capability of its own, `bytes` large, retyped from the program's memory. */
helios_caddr_t kt_memory(uint64_t bytes);
/* Free bytes of a memory capability. */
uint64_t kt_free(helios_caddr_t mem);

/* ---- Threads ---------------------------------------------------------------------- */

/* A thread running fn(arg) at `priority`, faults reported as test failures. */
void kt_create(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority);
void kt_spawn(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority);
/* fn's value, once it has returned. */
int kt_join(struct rt_thread *t);
/* State (enum helios_task_state) and priority of a task. */
uint64_t kt_state(helios_caddr_t task);
uint64_t kt_priority(helios_caddr_t task);
/* Yields until the task is in `state` (fails the test after many tries). */
void kt_wait_state(helios_caddr_t task, uint64_t state);
/* Yields n times. */
void kt_yield(unsigned n);

/* A thread under supervision: its faults come to ep, which the test receives on. */
struct kt_fault {
	uint64_t label, type, addr, ip, code, vector;
};
struct kt_sup {
	struct rt_thread thread;
	helios_caddr_t ep;
	struct kt_fault fault;
};
void kt_sup_start(struct kt_sup *s, int (*fn)(void *), void *arg);
/* Waits until the thread returns (0) or faults (1: s->fault says how; it waits for a reply). */
int kt_sup_wait(struct kt_sup *s);
/* Answers the fault: the thread retries the faulting instruction. */
void kt_sup_resume(struct kt_sup *s);

/* The device memory capability covering the physical address phys, and the offset of phys in
 * it (rt_device_memory_find); the test fails when none does. */
helios_caddr_t kt_device_memory(uint64_t phys, uint64_t *offset);
/* The device page at phys (page-aligned) as a new PAGE capability, mapped read-write (device
 * memory: uncached) at vaddr. */
helios_caddr_t kt_map_device(uint64_t phys, uint64_t vaddr);

/* Runs a read (or write) of vaddr in a supervised thread: the fault type, or 0 if none. */
uint64_t kt_probe_read(uint64_t vaddr);
uint64_t kt_probe_write(uint64_t vaddr);

/* Runs fn(arg) supervised and expects a fault of `type` with FAULT_VECTOR `vector`: the fault,
 * the thread waiting for a reply. */
struct kt_fault kt_expect_fault(struct kt_sup *s, int (*fn)(void *), void *arg, uint64_t type,
				uint64_t vector);

/* The value of a `name=value` word of the kernel command line (init's argv), NULL when there
 * is none; kt_option_u64 reads it as a number (0x for hex), `fallback` when there is none, and
 * fails the test when it is not a number. */
const char *kt_option(const char *name);
uint64_t kt_option_u64(const char *name, uint64_t fallback);

/* Ends QEMU with status 0 (failed == 0) or 1 (//helios/lib/qemu); returns only when it
 * could not, after saying why. */
void kt_leave_qemu(int failed);

/* Spins about `ms` milliseconds on the cycle counter without making a syscall. */
void kt_spin_ms(uint64_t ms);

/* A thread body that returns its argument. */
int kt_return_arg(void *arg);

/* ---- What differs per architecture (arch/<arch>/) ---------------------------------- */

/* kt_regs_entry (asm.S) records every register it starts with in kt_regs_seen, then signals
 * the notification kt_regs_signal and yields until deleted: what TASK_WRITE_REGISTERS set. */
extern struct helios_regs kt_regs_seen;
extern uint64_t kt_regs_signal;
void kt_regs_entry(void);

/* Fault triggers (asm.S): each faults at its _ip label and returns the value of the result
 * register (rt_regs_result) if resumed past it. kt_fault_read loads a word from arg;
 * kt_fault_breakpoint returns 9; kt_fault_privileged runs an instruction user mode may not
 * (KT_VECTOR_PRIVILEGED, GENERAL_PROTECTION); kt_fault_system_register touches a kernel
 * control register (KT_TYPE_SYSTEM_REGISTER, KT_VECTOR_SYSTEM_REGISTER). */
int kt_fault_read(void *arg);
int kt_fault_invalid_opcode(void *arg);
int kt_fault_breakpoint(void *arg);
int kt_fault_privileged(void *arg);
int kt_fault_system_register(void *arg);
extern const char kt_fault_read_ip[], kt_fault_invalid_opcode_ip[], kt_fault_breakpoint_ip[],
	kt_fault_privileged_ip[];

/* One syscall with known values in every register the ABI preserves: a mask of those that
 * changed, 0 when none did (asm.S). */
uint64_t kt_syscall_preserves(uint64_t number, uint64_t caddr);

/* Loads KT_VECTOR_BYTES of vector registers from in, makes `syscalls` yields and spins `spins`
 * times, then stores them to out (asm.S). */
void kt_vector_roundtrip(const uint8_t *in, uint8_t *out, uint64_t syscalls, uint64_t spins);

/* Machine code of a function returning 42 (arch.c). */
extern const uint8_t kt_return_42_code[];
extern const unsigned kt_return_42_size;

/* The runner's watchdog: a device interrupt signalling `notification` KT_WATCHDOG_HZ times a
 * second; a helios_error when it cannot be set up, *what saying which step failed (arch.c). */
int kt_watchdog_start(helios_caddr_t notification, const char **what);
/* One tick was taken: let the next come. */
void kt_watchdog_ack(void);

/* A device whose interrupt (line KT_IRQ_DEVICE) a test raises at will: //helios/lib/qemu's
 * (qemu/irq_device.h: x86_64's i8042, aarch64's PL061), through wrappers that fail the test on
 * any error (irq_device.c). open gets access to it and lets it interrupt; raise makes it
 * interrupt carrying `token`; take services the interrupt (the device stops asserting its
 * line) and returns the token; drain discards whatever is pending. */
#define KT_IRQ_DEVICE QEMU_IRQ_DEVICE_LINE
struct kt_irq_device {
	struct qemu_irq_device dev;
};
void kt_irq_device_open(struct kt_irq_device *d);
void kt_irq_device_raise(struct kt_irq_device *d, uint8_t token);
uint8_t kt_irq_device_take(struct kt_irq_device *d);
void kt_irq_device_drain(struct kt_irq_device *d);

#endif
