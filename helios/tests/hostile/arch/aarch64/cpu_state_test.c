/*
 * x86_64's CPU-state findings tried against aarch64 (arch/x86_64/cpu_state_test.c has the
 * originals, as many tests): a task cannot choose its exception level or execution state
 * through TASK_WRITE_REGISTERS, cannot read where the kernel keeps its tables, and gets no
 * device memory of the kernel's console.
 */
#include "helios/tests/ktest.h"
#include "hostile_arch.h"

/* hostile.S */
int hostile_read_vbar(void *arg);
int hostile_read_ttbr1(void *arg);
int hostile_read_tpidr_el1(void *arg);

#define PSTATE_EL1H 0x5ull      /* M[3:0] = EL1 with SP_EL1 */
#define PSTATE_AARCH32 0x10ull  /* M[4]: AArch32 */
#define PSTATE_DAIF 0x3c0ull
#define PSTATE_SS (1ull << 21) /* software step */
#define PSTATE_IL (1ull << 20) /* illegal execution state */
#define PL011_BASE 0x09000000ull /* QEMU virt's UART: the kernel's console */

/* Starts a thread at fn with pstate as written: what the kernel makes of it. */
static void start_with_pstate(struct kt_sup *s, int (*fn)(void *), void *arg, uint64_t pstate)
{
	s->ep = kt_endpoint();
	KT_OK(rt_thread_create(&s->thread, fn, arg, KT_PRIORITY, s->ep));
	struct helios_regs r;
	KT_OK(helios_task_read_registers(s->thread.task, &r));
	r.pstate = pstate;
	KT_OK(helios_task_write_registers(s->thread.task, &r));
	KT_OK(helios_task_read_registers(s->thread.task, &r));
	KT_CHECK(rt_regs_user_mode(&r));
	KT_OK(rt_thread_start(&s->thread));
}

/* A task written to run at EL1 with interrupts masked still runs at EL0: an EL1 register read
 * is still undefined for it (x86_64: an LDT call gate into ring 0). */
KTEST(hostile_pstate_cannot_raise_level)
{
	struct kt_sup s;
	start_with_pstate(&s, hostile_read_vbar, NULL, PSTATE_EL1H | PSTATE_DAIF);
	KT_EQ(kt_sup_wait(&s), 1);
	KT_EQ(s.fault.type, HELIOS_FAULT_INVALID_OPCODE);
	KT_EQ(s.fault.vector, KT_VECTOR_SYSTEM_REGISTER);
	rt_thread_destroy(&s.thread);
}

/* A task written to run in AArch32 state still runs its AArch64 code (x86_64: compatibility
 * mode through a 32-bit code segment). */
KTEST(hostile_pstate_cannot_select_aarch32)
{
	struct kt_sup s;
	start_with_pstate(&s, kt_return_arg, (void *)77, PSTATE_AARCH32 | PSTATE_EL1H);
	KT_EQ(kt_sup_wait(&s), 0);
}

/* The EL1 registers that say where the kernel's vectors, tables and data are cannot be read
 * at EL0 (x86_64: SGDT, SIDT, SLDT, STR under UMIP). */
KTEST(hostile_kernel_registers_hidden)
{
	int (*const leaks[])(void *) = { hostile_read_vbar, hostile_read_ttbr1,
					 hostile_read_tpidr_el1 };
	for (unsigned i = 0; i < KT_COUNT(leaks); i++) {
		struct kt_sup s;
		kt_expect_fault(&s, leaks[i], NULL, KT_TYPE_SYSTEM_REGISTER,
				KT_VECTOR_SYSTEM_REGISTER);
		rt_thread_destroy(&s.thread);
	}
}

/* No device memory capability covers the console UART (x86_64: COM1's ports are refused). */
KTEST(hostile_console_uart_withheld)
{
	uint64_t offset;
	for (uint64_t a = PL011_BASE; a < PL011_BASE + HELIOS_PAGE_SIZE; a += 0x400)
		KT_EQ(rt_device_memory_find(a, &offset), HELIOS_CADDR_UNDEF);
}

/* A task written with the software-step and illegal-state bits set runs its code normally:
 * it cannot single-step itself into the kernel's entry (x86_64: TF across MOV SS and
 * `syscall`, CVE-2018-8897); EL0 cannot arm breakpoints either (MDSCR_EL1 is EL1's). */
KTEST(hostile_pstate_cannot_step)
{
	struct kt_sup s;
	start_with_pstate(&s, kt_return_arg, (void *)78, PSTATE_SS | PSTATE_IL);
	KT_EQ(kt_sup_wait(&s), 0);
}
