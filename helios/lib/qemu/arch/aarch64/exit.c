/* Leaving QEMU on aarch64: semihosting SYS_EXIT from EL0 (qemu/exit.h). */
#include <stdint.h>

#include <helios/abi.h>

#include <qemu/exit.h>

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

int qemu_exit(int status)
{
	uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, status ? 1 : 0 };
	register uint64_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;
	/* Without semihosting from EL0 this is an undefined instruction: a fault, which a
	 * program's supervisor sees; QEMU with it never returns. */
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return HELIOS_ERR_INVALID_PARAM;
}
