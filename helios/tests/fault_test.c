/*
 * Faults: each kind reaches the fault endpoint with its type, address, instruction pointer,
 * error code and vector; a supervisor recovers the task by mapping the page or by rewriting
 * its registers and replying; a task without a fault endpoint is suspended.
 */
#include "helios/tests/ktest.h"

#define PF_PRESENT 1u
#define PF_WRITE 2u
#define PF_USER 4u
#define PF_FETCH 16u

#define UNMAPPED (KT_SCRATCH + 0x40000000ull) /* a gigabyte beyond anything mapped */

extern const char kt_fault_read_ip[], kt_fault_ud2_ip[], kt_fault_div_ip[], kt_fault_hlt_ip[];
extern const char kt_fault_int3_ip[];

static __attribute__((noinline)) int fault_read(void *arg)
{
	uint64_t v;
	__asm__ volatile(".globl kt_fault_read_ip\n"
			 "kt_fault_read_ip: mov (%1), %0"
			 : "=r"(v)
			 : "r"(arg)
			 : "memory");
	return (int)v;
}

static __attribute__((noinline)) int fault_write(void *arg)
{
	*(volatile uint64_t *)arg = 1;
	return 0;
}

static __attribute__((noinline)) int fault_ud2(void *arg)
{
	(void)arg;
	uint64_t v = 0;
	__asm__ volatile(".globl kt_fault_ud2_ip\n"
			 "kt_fault_ud2_ip: ud2"
			 : "+a"(v));
	return (int)v;
}

static __attribute__((noinline)) int fault_divide(void *arg)
{
	(void)arg;
	uint64_t a = 1, d = 0;
	__asm__ volatile("xor %%ecx, %%ecx\n"
			 ".globl kt_fault_div_ip\n"
			 "kt_fault_div_ip: div %%rcx"
			 : "+a"(a), "+d"(d)
			 :
			 : "rcx");
	return (int)a;
}

static __attribute__((noinline)) int fault_hlt(void *arg)
{
	(void)arg;
	__asm__ volatile(".globl kt_fault_hlt_ip\n"
			 "kt_fault_hlt_ip: hlt");
	return 0;
}

static __attribute__((noinline)) int fault_int3(void *arg)
{
	(void)arg;
	__asm__ volatile(".globl kt_fault_int3_ip\n"
			 "kt_fault_int3_ip: int3");
	return 9;
}

static __attribute__((noinline)) int fault_privileged(void *arg)
{
	(void)arg;
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	return (int)cr3;
}

/* Runs fn(arg) supervised and expects a fault of `type` at `vector`. */
static struct kt_fault expect_fault(struct kt_sup *s, int (*fn)(void *), void *arg,
				    uint64_t type, uint64_t vector)
{
	kt_sup_start(s, fn, arg);
	KT_EQ(kt_sup_wait(s), 1);
	KT_EQ(s->fault.type, type);
	KT_EQ(s->fault.vector, vector);
	KT_EQ(kt_state(s->thread.task), HELIOS_TASK_BLOCKED_REPLY);
	return s->fault;
}

KTEST(fault_page_read)
{
	struct kt_sup s;
	struct kt_fault f =
		expect_fault(&s, fault_read, (void *)(UNMAPPED + 0x123), HELIOS_FAULT_PAGE, 14);
	KT_EQ(f.addr, UNMAPPED + 0x123);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_read_ip);
	KT_EQ(f.code & (PF_PRESENT | PF_WRITE | PF_USER), PF_USER);
	/* The registers say the same. */
	struct helios_regs r;
	KT_OK(helios_task_read_registers(s.thread.task, &r));
	KT_EQ(r.rip, f.ip);
}

KTEST(fault_page_write_read_only)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH + 0x10000, HELIOS_MAP_READ));
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_write, (void *)(KT_SCRATCH + 0x10008),
					 HELIOS_FAULT_PAGE, 14);
	KT_EQ(f.addr, KT_SCRATCH + 0x10008);
	KT_EQ(f.code & (PF_PRESENT | PF_WRITE | PF_USER), PF_PRESENT | PF_WRITE | PF_USER);
}

KTEST(fault_kernel_memory)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_read, (void *)0xffffffff80000000ull,
					 HELIOS_FAULT_PAGE, 14);
	KT_EQ(f.addr, 0xffffffff80000000ull);
	KT_EQ(f.code & PF_USER, PF_USER);
	struct kt_sup s2;
	expect_fault(&s2, fault_write, (void *)(HELIOS_HHDM_BASE + 0x100000), HELIOS_FAULT_PAGE,
		     14);
	KT_EQ(s2.fault.addr, HELIOS_HHDM_BASE + 0x100000);
}

KTEST(fault_non_canonical)
{
	struct kt_sup s;
	expect_fault(&s, fault_read, (void *)0x0000800000000000ull, HELIOS_FAULT_GENERAL_PROTECTION,
		     13);
}

/* The supervisor maps the missing page and replies: the task carries on as if nothing had
 * happened. */
KTEST(fault_recover_by_mapping)
{
	uint64_t v = UNMAPPED + 0x5000;
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_read, (void *)v, HELIOS_FAULT_PAGE, 14);
	KT_EQ(f.addr, v);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 77;
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 77);
}

/* Replying without fixing anything: the instruction runs again and faults again. */
KTEST(fault_repeats_until_fixed)
{
	uint64_t v = UNMAPPED + 0x6000;
	struct kt_sup s;
	expect_fault(&s, fault_write, (void *)v, HELIOS_FAULT_PAGE, 14);
	for (int i = 0; i < 3; i++) {
		kt_sup_resume(&s);
		KT_EQ(kt_sup_wait(&s), 1);
		KT_EQ(s.fault.addr, v);
	}
	kt_map(v, 1);
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(*(volatile uint64_t *)v, 1);
}

/* The supervisor skips the faulting instruction by writing the registers, then replies. */
KTEST(fault_recover_by_registers)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_ud2, NULL, HELIOS_FAULT_INVALID_OPCODE, 6);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_ud2_ip);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(s.thread.task, &r));
	KT_EQ(r.rip, f.ip);
	r.rip += 2; /* ud2 is two bytes */
	r.rax = 5;
	KT_OK(helios_task_write_registers(s.thread.task, &r));
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 5);
}

/* The fault message is a call: the supervisor may keep the reply capability and answer
 * later, like any server. */
KTEST(fault_deferred_resume)
{
	uint64_t v = UNMAPPED + 0x7000;
	struct kt_sup s;
	expect_fault(&s, fault_read, (void *)v, HELIOS_FAULT_PAGE, 14);
	helios_caddr_t saved = kt_slot();
	KT_OK(helios_cspace_save_reply(rt_cspace, saved, NULL));
	KT_EQ(kt_type(saved), HELIOS_CAP_REPLY);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 123;
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_send(saved, &m));
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 123);
}

KTEST(fault_divide_error)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_divide, NULL, HELIOS_FAULT_DIVIDE, 0);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_div_ip);
	KT_EQ(f.addr, 0);
}

KTEST(fault_privileged_instructions)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_hlt, NULL, HELIOS_FAULT_GENERAL_PROTECTION, 13);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_hlt_ip);
	struct kt_sup s2;
	expect_fault(&s2, fault_privileged, NULL, HELIOS_FAULT_GENERAL_PROTECTION, 13);
}

/* A breakpoint is a trap: replying resumes after it. */
KTEST(fault_breakpoint)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, fault_int3, NULL, HELIOS_FAULT_DEBUG, 3);
	uint64_t at = (uint64_t)(uintptr_t)kt_fault_int3_ip;
	KT_CHECK(f.ip == at || f.ip == at + 1);
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 9);
}

/*
 * An x87 divide by zero with the exception unmasked: reported at the next waiting x87
 * instruction as #MF. (SIMD exceptions, #XM, would be the other FPU fault, but QEMU's TCG
 * never raises them.)
 */
static __attribute__((noinline)) int fault_x87(void *arg)
{
	(void)arg;
	uint16_t cw = 0x37f & ~(1u << 2); /* zero-divide unmasked */
	__asm__ volatile("fldcw %0\n"
			 "fldz\n"
			 "fld1\n"
			 "fdiv %%st(1), %%st\n"
			 "fwait\n"
			 "fstp %%st(0)\n"
			 "fstp %%st(0)"
			 :
			 : "m"(cw));
	return 0;
}

KTEST(fault_x87_exception)
{
	struct kt_sup s;
	expect_fault(&s, fault_x87, NULL, HELIOS_FAULT_FPU, 16);
}

/* Recurses until the stack runs out (the limit is never reached: 56 KiB of stack). */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth > 1000000)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static int overflow_stack(void *arg)
{
	(void)arg;
	return recurse(0);
}

/* Running off the bottom of a thread's stack hits its guard page. */
KTEST(fault_stack_guard)
{
	struct kt_sup s;
	struct kt_fault f = expect_fault(&s, overflow_stack, NULL, HELIOS_FAULT_PAGE, 14);
	KT_CHECK(f.addr >= s.thread.base + HELIOS_PAGE_SIZE &&
		 f.addr < s.thread.base + 2 * HELIOS_PAGE_SIZE);
	KT_EQ(f.code & PF_PRESENT, 0);
}

/* The fault endpoint's badge comes with the fault. */
KTEST(fault_badge)
{
	helios_caddr_t ep = kt_endpoint(), badged = kt_mint(ep, HELIOS_RIGHT_WRITE, 0xf00d);
	struct rt_thread t;
	KT_OK(rt_thread_spawn(&t, fault_read, (void *)UNMAPPED, KT_PRIORITY, badged));
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(m.value, 0xf00d);
	KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
	KT_EQ(helios_tag_params(m.tag), HELIOS_FAULT_PARAMS);
	KT_EQ(m.p[HELIOS_FAULT_TYPE], HELIOS_FAULT_PAGE);
	KT_EQ(m.p[HELIOS_FAULT_ADDR], UNMAPPED);
	KT_EQ(rt_ipc_buffer()->params[HELIOS_FAULT_VECTOR], 14);
}

/* Without a fault endpoint the faulting task is suspended (the kernel says so on the
 * console); resumed, it retries the instruction. */
KTEST(fault_without_endpoint_suspends)
{
	uint64_t v = UNMAPPED + 0x8000;
	struct rt_thread t;
	KT_OK(rt_thread_spawn(&t, fault_read, (void *)v, KT_PRIORITY, HELIOS_CADDR_UNDEF));
	kt_wait_state(t.task, HELIOS_TASK_INACTIVE);
	KT_CHECK(!t.finished);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 31;
	KT_OK(helios_task_resume(t.task));
	KT_EQ(kt_join(&t), 31);
}

/* A supervisor can give a faulting task a new fault endpoint while it waits. */
KTEST(fault_endpoint_changed)
{
	struct kt_sup s;
	expect_fault(&s, fault_write, (void *)(UNMAPPED + 0x9000), HELIOS_FAULT_PAGE, 14);
	helios_caddr_t other = kt_endpoint();
	KT_OK(helios_task_set_fault_endpoint(s.thread.task, other));
	kt_sup_resume(&s);
	struct helios_msg m;
	KT_OK(helios_recv(other, &m));
	KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
	KT_EQ(m.p[HELIOS_FAULT_ADDR], UNMAPPED + 0x9000);
}
