/* The x86_64 side of helios/kernel/arch.h, apart from poweroff (power.c). */
#include "helios/arch/x86_64/gdt.h"
#include "helios/arch/x86_64/idt.h"
#include "helios/arch/x86_64/serial.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

const char arch_name[] = "x86_64";

/*
 * COM1 needs no boot info, so it comes up even when `bi` is NULL. It goes first so that the
 * GDT and IDT code could already report trouble on it.
 */
void arch_early_init(const struct helios_boot_info *bi)
{
	(void)bi;
	serial_init();
	gdt_init();
	idt_init();
}

void arch_describe(void)
{
	kprintf("console: 16550 UART, COM1 (I/O port 0x3f8)\n");
}

void arch_console_putc(char c)
{
	serial_putc(c);
}

_Noreturn void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli\n\thlt");
}
