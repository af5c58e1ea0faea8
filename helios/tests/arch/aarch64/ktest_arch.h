/*
 * What the kernel test suite needs to know about aarch64 (the x86_64 twin of this header has
 * the same names): the cycle counter, how faults are reported, instruction triggers for them
 * (asm.S), FP/SIMD state, the devices the runner and the IRQ tests drive (arch.c), and how to
 * leave QEMU. Included by ktest.h; area files use only these names.
 */
#ifndef HELIOS_TESTS_KTEST_ARCH_H
#define HELIOS_TESTS_KTEST_ARCH_H

#include <stdint.h>

#include <helios/abi.h>

/* ---- Time --------------------------------------------------------------------------- */

/* The generic timer's virtual count (EL0 reads it when the kernel sets CNTKCTL_EL1.EL0VCTEN),
 * ticking at CNTFRQ_EL0 (62.5 MHz on QEMU's virt machine). */
static inline uint64_t kt_counter(void)
{
	uint64_t v;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
	return v;
}
static inline uint64_t kt_counter_per_ms(void)
{
	uint64_t hz;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	return hz / 1000 ? hz / 1000 : 1;
}
/* A spin-loop hint. */
static inline void kt_relax(void) { __asm__ volatile("yield"); }
/* The word at the thread's TLS base (tpidr_el0). */
static inline uint64_t kt_tls_word(void)
{
	uint64_t tp;
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return *(volatile uint64_t *)tp;
}

/* ---- Faults ------------------------------------------------------------------------- */

/* FAULT_VECTOR of each kind of fault (the exception class, ESR_EL1.EC). */
#define KT_VECTOR_DATA_ABORT 0x24      /* data abort from EL0 */
#define KT_VECTOR_FETCH_ABORT 0x20     /* instruction abort from EL0 */
#define KT_VECTOR_INVALID_OPCODE 0x00  /* unknown reason: undefined instructions */
#define KT_VECTOR_BREAKPOINT 0x3c      /* BRK */
#define KT_VECTOR_PRIVILEGED 0x18      /* a trapped MSR, MRS or system instruction */
#define KT_VECTOR_SYSTEM_REGISTER 0x00 /* an EL1 register named at EL0 is undefined */
#define KT_TYPE_SYSTEM_REGISTER HELIOS_FAULT_INVALID_OPCODE

/* An address no user access may reach, and what touching it raises: bit 48 set, outside the
 * 48-bit range TTBR0_EL1 translates (a translation fault at level 0). */
#define KT_BAD_ADDRESS 0x0001000000000000ull
#define KT_BAD_ADDRESS_TYPE HELIOS_FAULT_PAGE
#define KT_BAD_ADDRESS_VECTOR KT_VECTOR_DATA_ABORT

/* Lengths of the instructions at kt_fault_invalid_opcode_ip (udf) and kt_fault_breakpoint_ip
 * (brk): a reply resumes at the saved pc, so a supervisor skips them by adding these. */
#define KT_INVALID_OPCODE_LENGTH 4
#define KT_BREAKPOINT_LENGTH 4

/* What a page fault's FAULT_CODE (ESR_EL1) says, in the x86_64 #PF error code's terms. */
#define KT_PF_PRESENT 1u /* a permission or access-flag fault: the page was mapped */
#define KT_PF_WRITE 2u   /* a data abort with WnR set */
#define KT_PF_USER 4u    /* taken from EL0 */
#define KT_ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define KT_ESR_WNR (1ull << 6)
#define KT_ESR_FSC(esr) ((esr)&0x3f)
static inline unsigned kt_page_fault_flags(uint64_t esr)
{
	uint64_t ec = KT_ESR_EC(esr), kind = KT_ESR_FSC(esr) & 0x3c;
	unsigned flags = 0;
	if (kind == 0x08 || kind == 0x0c)
		flags |= KT_PF_PRESENT;
	if (ec == KT_VECTOR_DATA_ABORT && (esr & KT_ESR_WNR))
		flags |= KT_PF_WRITE;
	if (ec == KT_VECTOR_DATA_ABORT || ec == KT_VECTOR_FETCH_ABORT)
		flags |= KT_PF_USER;
	return flags;
}

/* ---- FP/SIMD ------------------------------------------------------------------------ */

/* Bytes of vector registers kt_vector_roundtrip (asm.S) loads and stores: v0-v31. */
#define KT_VECTOR_BYTES 512

/* The floating-point control state: FPCR. A new task starts with 0 (round to nearest). */
#define KT_FP_CONTROL_INITIAL 0ull
/* Round toward zero, flush to zero, default NaN. */
#define KT_FP_CONTROL_OTHER (3ull << 22 | 1ull << 24 | 1ull << 25)

static inline uint64_t kt_fp_control(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, fpcr" : "=r"(v));
	return v;
}

static inline void kt_fp_set_control(uint64_t v)
{
	__asm__ volatile("msr fpcr, %0" : : "r"(v));
}

/* Sets v7 to all ones. */
static inline void kt_fp_dirty_vector(void)
{
	__asm__ volatile("movi v7.16b, #0xff" : : : "v7");
}

/* Whether v7 is zero. */
static inline int kt_fp_vector_is_zero(void)
{
	uint64_t lo, hi;
	__asm__ volatile("mov %0, v7.d[0]\n\tmov %1, v7.d[1]" : "=r"(lo), "=r"(hi));
	return lo == 0 && hi == 0;
}

/* ---- Devices ------------------------------------------------------------------------ */

/* QEMU virt's PL031 real-time clock (and its interrupt ID) and PL061 GPIO controller (whose
 * interrupt the IRQ tests raise: qemu/irq_device.h). */
#define KT_PL031_BASE 0x09010000ull
#define KT_PL031_IRQ 34
#define KT_PL061_BASE 0x09030000ull

/* What init's HELIOS_INIT_IO_CONTROL slot holds: nothing, aarch64 has no I/O ports. */
#define KT_INIT_IO_CONTROL_TYPE HELIOS_CAP_NULL

/* A device register that keeps what is written to it (the PL061's direction register), as a
 * physical page and an offset into it, for 32-bit accesses. */
#define KT_DEVICE_SCRATCH_PAGE KT_PL061_BASE
#define KT_DEVICE_SCRATCH_OFFSET 0x400
#define KT_DEVICE_SCRATCH_VALUE 0xa5u
#define KT_DEVICE_SCRATCH_RESTORE 0x00u

/* The runner's watchdog ticks this often (the PL031's match interrupt, one a second). */
#define KT_WATCHDOG_HZ 1

/* ---- Interrupts --------------------------------------------------------------------- */

/* The runner's watchdog line and two shared peripheral interrupts no device of QEMU's virt
 * machine uses (the IRQ tests' device, the PL061, has KT_IRQ_DEVICE: ktest.h). */
#define KT_IRQ_WATCHDOG KT_PL031_IRQ
#define KT_IRQ_UNUSED_A 100
#define KT_IRQ_UNUSED_B 101
/* IDs IRQ_CONTROL_ISSUE refuses (INVALID_PARAM): software-generated and private peripheral
 * interrupts (0-31), IDs past the end of QEMU's GIC (288 lines on GICv2, 256 on GICv3) and the
 * special IDs. */
#define KT_IRQ_REFUSED { 0, 15, 16, 27, 31, 288, 1020, 1023, 1ull << 32 | 100 }

#endif
