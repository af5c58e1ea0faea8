/* Leaving the machine: semihosting for QEMU tests, else PSCI SYSTEM_OFF. */
#include <stdint.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define PSCI_SYSTEM_OFF 0x84000008u

static enum psci_method psci;

void power_init(enum psci_method method)
{
	psci = method;
}

/*
 * Semihosting SYS_EXIT, extended form: QEMU exits with `status`. Only reached through
 * arch_poweroff, which the kernel calls only when the command line has qemu_exit, a promise
 * that QEMU runs with -semihosting: without it `hlt #0xf000` is an undefined instruction.
 */
static void semihosting_exit(int status)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)status};
	register uint64_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

/* PSCI SYSTEM_OFF through the conduit the firmware described; returns only if it failed. */
static void psci_system_off(void)
{
	register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
	if (psci == PSCI_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
				   "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	else if (psci == PSCI_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
				   "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
}

_Noreturn void arch_poweroff(int status)
{
	static int attempts;
	/* Should semihosting fault (no -semihosting), the fault path comes back here: skip it. */
	if (attempts++ == 0)
		semihosting_exit(status);
	psci_system_off();
	kprintf("poweroff: neither semihosting nor PSCI stopped the machine: halting\n");
	arch_halt();
}
