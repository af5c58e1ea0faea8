/*
 * The interrupt descriptor table: all 256 vectors have a stub (entry.S). Every gate has
 * descriptor privilege level 0, so `int n` from user mode raises a general protection fault
 * instead of entering a handler, with one exception: the breakpoint vector (3) has DPL 3, so a
 * task's `int3` arrives as a breakpoint (HELIOS_FAULT_DEBUG) as debuggers expect. NMI, double
 * fault and machine check run on the fatal-exception stack (IST_FATAL).
 */
#include <stdint.h>

#include "helios/arch/x86_64/gdt.h"
#include "helios/arch/x86_64/idt.h"
#include "helios/arch/x86_64/trap.h"

#define IDT_ENTRIES 256
#define GATE_INTERRUPT_64 0x8e /* present, DPL 0, 64-bit interrupt gate (clears IF) */
#define GATE_DPL_USER 0x60     /* DPL 3: reachable by `int n` from user mode */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist; /* interrupt stack table slot, 0 = the usual stack */
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
};

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct idt_gate idt[IDT_ENTRIES];

static void set_gate(int vector, uint64_t handler, uint8_t ist, uint8_t type)
{
	struct idt_gate *g = &idt[vector];
	g->offset_low = handler & 0xffff;
	g->selector = GDT_KERNEL_CODE;
	g->ist = ist;
	g->type = type;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

static int is_fatal(int vector)
{
	return vector == VECTOR_NMI || vector == VECTOR_DOUBLE_FAULT ||
	       vector == VECTOR_MACHINE_CHECK;
}

void idt_init(void)
{
	for (int v = 0; v < TRAP_EXCEPTIONS; v++)
		set_gate(v, exception_stubs[v], is_fatal(v) ? IST_FATAL : 0,
			 v == VECTOR_BREAKPOINT ? GATE_INTERRUPT_64 | GATE_DPL_USER
						: GATE_INTERRUPT_64);
	for (int v = TRAP_EXCEPTIONS; v < IDT_ENTRIES; v++) {
		uint64_t stub = (uint64_t)irq_stubs + (uint64_t)(v - TRAP_EXCEPTIONS) * IRQ_STUB_SIZE;
		set_gate(v, stub, 0, GATE_INTERRUPT_64);
	}
	struct descriptor_pointer ptr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
