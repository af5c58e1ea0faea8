/*
 * The narrow interface portable kernel code uses to reach architecture code. Each
 * helios/arch/<arch>/ implements every function here; portable files include nothing else
 * from arch/.
 */
#ifndef HELIOS_KERNEL_ARCH_H
#define HELIOS_KERNEL_ARCH_H

#include <helios/boot.h>

/* "x86_64" or "aarch64": printed in the banner. */
extern const char arch_name[];

/*
 * First call of kernel_main: installs the exception vectors and brings up the early serial
 * console. `bi` is NULL when the boot info failed its check; the console is then brought up
 * only if the architecture can find it without boot info.
 */
void arch_early_init(const struct helios_boot_info *bi);

/* Prints, after the banner, what the architecture found: console, firmware interfaces. */
void arch_describe(void);

/* Writes one character to the early console (no-op before there is one). */
void arch_console_putc(char c);

/* Stops this CPU for good: interrupts off, halt in a loop. */
_Noreturn void arch_halt(void);

/*
 * Leaves the machine with `status` where the platform can report one (QEMU isa-debug-exit on
 * x86_64, semihosting on aarch64), else powers off (PSCI) or halts.
 */
_Noreturn void arch_poweroff(int status);

#endif
