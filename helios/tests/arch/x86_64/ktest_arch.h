/*
 * What the kernel test suite needs to know about x86_64 (the aarch64 twin of this header has
 * the same names): the cycle counter, how faults are reported, instruction triggers for them
 * (asm.S), FPU state, the devices the runner and the IRQ tests drive (arch.c), and how to
 * leave QEMU. Included by ktest.h; area files use only these names.
 */
#ifndef HELIOS_TESTS_KTEST_ARCH_H
#define HELIOS_TESTS_KTEST_ARCH_H

#include <stdint.h>

#include <helios/abi.h>

/* ---- Time --------------------------------------------------------------------------- */

/* The time-stamp counter, assumed to tick about 2.5 GHz (QEMU's TCG passes the host's on). */
static inline uint64_t kt_counter(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}
static inline uint64_t kt_counter_per_ms(void) { return 2500000; }
/* A spin-loop hint. */
static inline void kt_relax(void) { __asm__ volatile("pause"); }
/* The word at the thread's TLS base (fs_base). */
static inline uint64_t kt_tls_word(void)
{
	uint64_t v;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(v));
	return v;
}

/* ---- Faults ------------------------------------------------------------------------- */

/* FAULT_VECTOR of each kind of fault (the exception vector). */
#define KT_VECTOR_DATA_ABORT 14   /* #PF on a load or store */
#define KT_VECTOR_FETCH_ABORT 14  /* #PF on an instruction fetch */
#define KT_VECTOR_INVALID_OPCODE 6
#define KT_VECTOR_BREAKPOINT 3
#define KT_VECTOR_PRIVILEGED 13   /* #GP */
#define KT_VECTOR_SYSTEM_REGISTER 13
#define KT_TYPE_SYSTEM_REGISTER HELIOS_FAULT_GENERAL_PROTECTION

/* An address no user access may reach, and what touching it raises: a non-canonical one. */
#define KT_BAD_ADDRESS 0x0000800000000000ull
#define KT_BAD_ADDRESS_TYPE HELIOS_FAULT_GENERAL_PROTECTION
#define KT_BAD_ADDRESS_VECTOR 13

/* Lengths of the instructions at kt_fault_invalid_opcode_ip (ud2) and
 * kt_fault_breakpoint_ip (int3). */
#define KT_INVALID_OPCODE_LENGTH 2
#define KT_BREAKPOINT_LENGTH 1

/* What a page fault's FAULT_CODE says (the #PF error code's P, W and U bits). */
#define KT_PF_PRESENT 1u /* a protection fault: the page was mapped */
#define KT_PF_WRITE 2u
#define KT_PF_USER 4u
static inline unsigned kt_page_fault_flags(uint64_t code)
{
	return (unsigned)(code & (KT_PF_PRESENT | KT_PF_WRITE | KT_PF_USER));
}

/* ---- FPU ---------------------------------------------------------------------------- */

/* Bytes of vector registers kt_vector_roundtrip (asm.S) loads and stores: xmm0-xmm15. */
#define KT_VECTOR_BYTES 256

/* The floating-point control state as one word: MXCSR | x87 control word << 32. */
#define KT_FP_CONTROL_INITIAL (0x1f80ull | 0x037full << 32)
/* Round toward zero, flush to zero; x87 rounding and precision changed. */
#define KT_FP_CONTROL_OTHER (0xff80ull | 0x0c7full << 32)

static inline uint64_t kt_fp_control(void)
{
	uint32_t mxcsr;
	uint16_t fcw;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("fnstcw %0" : "=m"(fcw));
	return mxcsr | (uint64_t)fcw << 32;
}

static inline void kt_fp_set_control(uint64_t v)
{
	uint32_t mxcsr = (uint32_t)v;
	uint16_t fcw = (uint16_t)(v >> 32);
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile("fldcw %0" : : "m"(fcw));
}

/* Sets xmm7 to all ones. */
static inline void kt_fp_dirty_vector(void)
{
	__asm__ volatile("pcmpeqb %%xmm7, %%xmm7" : : : "xmm7");
}

/* Whether xmm7 is zero. */
static inline int kt_fp_vector_is_zero(void)
{
	uint64_t v[2];
	__asm__ volatile("movdqu %%xmm7, %0" : "=m"(v));
	return v[0] == 0 && v[1] == 0;
}

/* ---- Devices ------------------------------------------------------------------------ */

/* What init's HELIOS_INIT_IO_CONTROL slot holds. */
#define KT_INIT_IO_CONTROL_TYPE HELIOS_CAP_IO_CONTROL

/* A device register that keeps what is written to it (VGA text memory: the last two cells of
 * the first row), as a physical page and an offset into it, for 32-bit accesses. */
#define KT_DEVICE_SCRATCH_PAGE 0xb8000ull
#define KT_DEVICE_SCRATCH_OFFSET 156
#define KT_DEVICE_SCRATCH_VALUE 0x1f211f21u   /* two white-on-blue '!' */
#define KT_DEVICE_SCRATCH_RESTORE 0x07200720u /* two blanks */

/* The runner's watchdog ticks this often (the CMOS RTC's periodic interrupt). */
#define KT_WATCHDOG_HZ 8

/* ---- Interrupts --------------------------------------------------------------------- */

/* The runner's watchdog line and two lines no device of the test machine uses (the IRQ tests'
 * device, the i8042, is on line 1: KT_IRQ_DEVICE, ktest.h). */
#define KT_IRQ_WATCHDOG 8
#define KT_IRQ_UNUSED_A 5
#define KT_IRQ_UNUSED_B 6
/* Lines IRQ_CONTROL_ISSUE refuses (INVALID_PARAM): the timer, the cascade, past the PICs. */
#define KT_IRQ_REFUSED { 0, 2, 16, 1ull << 32 | 5 }

#endif
