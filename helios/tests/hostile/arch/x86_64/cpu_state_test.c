/*
 * The hostile review's x86_64 findings that live in CPU state, one regression test each
 * (docs/security.md): the LDT, compatibility mode, descriptor-table addresses, the console's
 * I/O ports. arch/aarch64/cpu_state_test.c tries the same against aarch64, as many tests.
 */
#include "helios/tests/ktest.h"
#include "hostile_arch.h"

/* hostile.S */
int hostile_load_fs(void *selector);
int hostile_far_jump(void *far_pointer);
int hostile_far_call(void *far_pointer);
int hostile_sgdt(void *out);
int hostile_sidt(void *out);
int hostile_sldt(void *out);
int hostile_str(void *out);
int hostile_smsw(void *out);
int hostile_step_into_syscall(void *arg);
extern const char hostile_compat_syscall[];

#define VECTOR_DEBUG 1
#define VECTOR_GP 13
#define SELECTOR_LDT 4u    /* TI: the selector names the LDT */
#define SELECTOR_RPL3 3u
#define KERNEL_CODE 0x08u  /* gdt.h */
#define USER_CODE32 0x18u  /* gdt.h: SYSRET's base slot, empty */

/* Descriptors the attack of finding 1 planted in an LDT at address 0. */
#define DATA_DPL3 0x00cff3000000ffffull   /* writable data, base 0, 4 GiB */
#define CODE32_DPL3 0x00cffa000000ffffull /* 32-bit code, base 0, 4 GiB */

struct far_pointer {
	uint32_t offset;
	uint16_t selector;
} __attribute__((packed));

/*
 * Tries what the attack did first: map a page at virtual address 0, where the firmware's LDT
 * was based, and write descriptors into it. A kernel that keeps page 0 unmappable refuses;
 * the attack must fail even where the mapping succeeds (the LDT itself is null).
 */
static void plant_ldt(void)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	if (rt_map(rt_vspace, page, 0, HELIOS_MAP_READ | HELIOS_MAP_WRITE) != HELIOS_OK)
		return;
	volatile uint64_t *ldt = (volatile uint64_t *)(uintptr_t)0;
	ldt[0] = CODE32_DPL3;
	ldt[1] = DATA_DPL3;
}

/* Runs fn(arg) and expects #GP with `code` (the selector that was refused). */
static void expect_gp(int (*fn)(void *), void *arg, uint64_t code)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, fn, arg, HELIOS_FAULT_GENERAL_PROTECTION,
					    VECTOR_GP);
	KT_EQ(f.code, code);
	rt_thread_destroy(&s.thread);
}

/*
 * Finding 1: the kernel loads a null LDT, so every LDT selector faults: a data segment (FS)
 * and a call gate (lcall) named in an LDT at address 0 used to work, the gate running the
 * task's code in ring 0.
 */
KTEST(hostile_ldt_selectors_fault)
{
	plant_ldt();
	uint64_t data = 1 << 3 | SELECTOR_LDT | SELECTOR_RPL3;
	expect_gp(hostile_load_fs, (void *)(uintptr_t)data, data & ~3ull);
	static struct far_pointer gate = { 0, 0 << 3 | SELECTOR_LDT | SELECTOR_RPL3 };
	expect_gp(hostile_far_call, &gate, gate.selector & ~3u);
}

/*
 * Finding 2: no 32-bit code segment exists, in the LDT or the GDT, so a task cannot enter
 * compatibility mode, where `syscall` went through CSTAR (then 0: address 0, in ring 0). With
 * selftest=compat_segment the kernel opens GDT_USER_CODE32 (a test kernel only): the
 * `syscall` there must then come back as the task's own invalid-opcode fault.
 */
KTEST(hostile_no_compatibility_mode)
{
	plant_ldt();
	uint32_t payload = (uint32_t)(uintptr_t)hostile_compat_syscall;
	static struct far_pointer ldt_code, kernel_code;
	ldt_code = (struct far_pointer){ payload, 0 << 3 | SELECTOR_LDT | SELECTOR_RPL3 };
	kernel_code = (struct far_pointer){ payload, KERNEL_CODE | SELECTOR_RPL3 };
	expect_gp(hostile_far_jump, &ldt_code, ldt_code.selector & ~3u);
	expect_gp(hostile_far_jump, &kernel_code, KERNEL_CODE);

	static struct far_pointer gdt_code32;
	gdt_code32 = (struct far_pointer){ payload, USER_CODE32 | SELECTOR_RPL3 };
	struct kt_sup s;
	kt_sup_start(&s, hostile_far_jump, &gdt_code32);
	KT_EQ(kt_sup_wait(&s), 1);
	if (s.fault.type == HELIOS_FAULT_GENERAL_PROTECTION) {
		KT_EQ(s.fault.code, USER_CODE32); /* no such segment: the usual kernel */
	} else {
		KT_EQ(s.fault.type, HELIOS_FAULT_INVALID_OPCODE);
		KT_EQ(s.fault.ip, payload); /* the `syscall` itself */
		rt_printf("hostile: a compatibility-mode syscall came back as a fault\n");
	}
	rt_thread_destroy(&s.thread);
}

static int cpu_has_umip(void)
{
	uint32_t a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
	if (a < 7)
		return 0;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	return (c >> 2) & 1;
}

/*
 * Finding 9: SGDT, SIDT, SLDT, STR and SMSW tell user mode where the kernel keeps its tables.
 * Where the CPU has UMIP the kernel turns it on and each faults; where it has none, SLDT at
 * least shows the null LDT (finding 1) and the rest is documented (docs/security.md).
 */
KTEST(hostile_descriptor_tables_hidden)
{
	static uint8_t out[16];
	int (*const leaks[])(void *) = { hostile_sgdt, hostile_sidt, hostile_sldt, hostile_str,
					 hostile_smsw };
	if (!cpu_has_umip()) {
		uint16_t ldtr = 0xffff;
		KT_OK(hostile_sldt(&ldtr));
		KT_EQ(ldtr, 0);
		return;
	}
	for (unsigned i = 0; i < KT_COUNT(leaks); i++)
		expect_gp(leaks[i], out, 0);
}

/*
 * Finding 7: IO_CONTROL never issues the ports of the kernel's console (COM1, 0x3f8-0x3ff),
 * alone or inside a larger range.
 */
KTEST(hostile_console_ports_refused)
{
	for (uint64_t port = 0x3f8; port <= 0x3ff; port++)
		KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, port, port, kt_slot(), NULL),
		       HELIOS_ERR_IN_USE);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, 0x300, 0x3ff, kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, 0x3fc, 0x400, kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
}

/*
 * MOV SS / POP SS before `syscall` (CVE-2018-8897): a single-step trap held by the MOV SS
 * shadow must reach the task as its own debug fault, in user mode; the kernel never takes a
 * #DB on its entry path (user mode cannot arm breakpoints: DR7 stays 0; SYSCALL clears TF).
 */
KTEST(hostile_single_step_into_syscall)
{
	struct kt_sup s;
	kt_sup_start(&s, hostile_step_into_syscall, NULL);
	KT_EQ(kt_sup_wait(&s), 1);
	KT_EQ(s.fault.type, HELIOS_FAULT_DEBUG);
	KT_EQ(s.fault.vector, VECTOR_DEBUG);
	KT_CHECK(s.fault.ip < HELIOS_USER_TOP);
	rt_thread_destroy(&s.thread);
}
