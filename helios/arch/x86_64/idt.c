/*
 * The interrupt descriptor table. Only the 32 CPU exception vectors have gates for now; the
 * rest are not present, so a stray interrupt raises a general protection fault (error code
 * naming the IDT entry) which is reported like any other exception.
 */
#include <stdint.h>

#include "helios/arch/x86_64/gdt.h"
#include "helios/arch/x86_64/idt.h"
#include "helios/arch/x86_64/trap.h"

#define IDT_ENTRIES 256
#define GATE_INTERRUPT_64 0x8e /* present, DPL 0, 64-bit interrupt gate (clears IF) */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist; /* interrupt stack table slot, 0 = stay on the current stack */
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

static void set_gate(int vector, uint64_t handler, uint8_t ist)
{
	struct idt_gate *g = &idt[vector];
	g->offset_low = handler & 0xffff;
	g->selector = GDT_KERNEL_CODE;
	g->ist = ist;
	g->type = GATE_INTERRUPT_64;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

void idt_init(void)
{
	for (int v = 0; v < TRAP_EXCEPTIONS; v++)
		set_gate(v, trap_vectors[v], v == 8 ? IST_DOUBLE_FAULT : 0);
	struct descriptor_pointer ptr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
