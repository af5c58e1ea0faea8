/* The x86_64 side of helios/kernel/arch.h that has no file of its own. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "helios/arch/x86_64/clock.h"
#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/gdt.h"
#include "helios/arch/x86_64/idt.h"
#include "helios/arch/x86_64/ioport.h"
#include "helios/arch/x86_64/pcid.h"
#include "helios/arch/x86_64/pic.h"
#include "helios/arch/x86_64/pit.h"
#include "boot/x86_64/serial.h"
#include "helios/arch/x86_64/mmu.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

const char arch_name[] = "x86_64";

/*
 * COM1 needs no boot info, so it comes up even when `bi` is NULL. It goes first so that the
 * GDT and IDT code could already report trouble on it. The PIC starts with every device line
 * masked; the timer starts with arch_start_scheduling.
 */
void arch_early_init(const struct helios_boot_info *bi)
{
	(void)bi;
	serial_init();
	gdt_init();
	idt_init();
	cpu_init();
	pic_init();
	clock_init();
	ioport_reserve_kernel();
	mmu_boot_init();
}

void arch_describe(void)
{
	kprintf("console: 16550 UART, COM1 (I/O port 0x3f8)\n");
	kprintf("timer: 8254 PIT at %u Hz, interrupts: 8259 PIC pair\n", PIT_HZ);
	if (clock_tsc_hz())
		kprintf("clock: TSC at %llu kHz (measured against the PIT)\n",
			(unsigned long long)(clock_tsc_hz() / 1000));
	else
		kprintf("clock: timer ticks (the TSC could not be measured)\n");
	if (pcid_enabled())
		kprintf("PCID: on (ASID = PCID)\n");
	else
		kprintf("PCID: not available, full TLB flush per switch\n");
	cpu_describe();
}

/*
 * selftest=compat_segment: a 32-bit user code segment in the GDT, so the hostile suite can
 * reach compatibility mode and prove that a `syscall` there becomes a fault of the task
 * (entry.S, syscall_compat_entry). No kernel without this option has such a segment.
 */
bool arch_selftest(const char *what, size_t len)
{
	if (len != 14 || memcmp(what, "compat_segment", 14) != 0)
		return false;
	gdt_open_compat_segment();
	kprintf("selftest: a 32-bit user code segment at selector %#x\n", GDT_USER_CODE32 | 3);
	return true;
}

void arch_console_putc(char c)
{
	serial_putc(c);
}

/* COM1's registers are ports: nothing to hand over as memory. */
void arch_console_region(uint64_t *base, uint64_t *size)
{
	*base = 0;
	*size = 0;
}

void arch_console_hand_over(void)
{
	ioport_release_console();
}

void arch_console_reclaim(void)
{
	serial_init(); /* line settings, FIFOs, interrupts off: polled output works again */
}

_Noreturn void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli\n\thlt");
}

/* The memory map's gaps are where x86_64 devices live: no list of its own. */
int arch_device_regions(struct helios_init_region *out, unsigned max)
{
	(void)out;
	(void)max;
	return -1;
}
