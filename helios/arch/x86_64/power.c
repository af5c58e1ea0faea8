/* Leaving QEMU with a status, for tests. */
#include <stdint.h>

#include "boot/x86_64/io.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

/* QEMU's `-device isa-debug-exit,iobase=0xf4,iosize=0x04`: exits with (value << 1) | 1. */
#define ISA_DEBUG_EXIT_PORT 0xf4

_Noreturn void arch_poweroff(int status)
{
	outl(ISA_DEBUG_EXIT_PORT, (uint32_t)status);
	kprintf("poweroff: QEMU did not exit (no isa-debug-exit device at port %#x?): halting\n",
		ISA_DEBUG_EXIT_PORT);
	arch_halt();
}
