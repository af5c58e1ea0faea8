/*
 * The 8259 pair, remapped to vectors 32-47 (0-31 belong to CPU exceptions). A device line is
 * masked when it fires and stays masked until its handler acknowledges it (IRQ_HANDLER_ACK:
 * arch_irq_unmask), so a level-triggered device cannot interrupt again before its driver ran.
 * The timer is never issued to userspace; it is unmasked by pit_start.
 */
#include <stdbool.h>
#include <stdint.h>

#include "boot/x86_64/io.h"
#include "helios/arch/x86_64/clock.h"
#include "helios/arch/x86_64/pic.h"
#include "helios/kernel/arch.h"

#define MASTER_COMMAND 0x20
#define MASTER_DATA 0x21
#define SLAVE_COMMAND 0xa0
#define SLAVE_DATA 0xa1

#define ICW1_INIT 0x11   /* initialise, edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20    /* non-specific end of interrupt */
#define OCW3_READ_ISR 0x0b
#define SPURIOUS_LINE 7  /* what an 8259 reports for an interrupt that went away */

/* Bit n set: line n masked. The cascade line stays open. */
static uint16_t masks = 0xffff & ~(1u << PIC_IRQ_CASCADE);

static void write_masks(void)
{
	outb(MASTER_DATA, (uint8_t)masks);
	outb(SLAVE_DATA, (uint8_t)(masks >> 8));
}

void pic_init(void)
{
	outb(MASTER_COMMAND, ICW1_INIT);
	io_wait();
	outb(SLAVE_COMMAND, ICW1_INIT);
	io_wait();
	outb(MASTER_DATA, PIC_VECTOR_BASE);
	io_wait();
	outb(SLAVE_DATA, PIC_VECTOR_BASE + 8);
	io_wait();
	outb(MASTER_DATA, 1u << PIC_IRQ_CASCADE); /* the slave hangs off line 2 */
	io_wait();
	outb(SLAVE_DATA, PIC_IRQ_CASCADE); /* its cascade identity */
	io_wait();
	outb(MASTER_DATA, ICW4_8086);
	io_wait();
	outb(SLAVE_DATA, ICW4_8086);
	io_wait();
	write_masks();
}

bool arch_irq_issuable(unsigned irq)
{
	return irq < ARCH_IRQ_COUNT && irq != PIC_IRQ_TIMER && irq != PIC_IRQ_CASCADE;
}

void arch_irq_mask(unsigned irq)
{
	if (irq >= ARCH_IRQ_COUNT)
		return;
	masks |= (uint16_t)(1u << irq);
	write_masks();
}

void arch_irq_unmask(unsigned irq)
{
	if (irq >= ARCH_IRQ_COUNT)
		return;
	masks &= (uint16_t)~(1u << irq);
	write_masks();
}

static void end_of_interrupt(unsigned irq)
{
	if (irq >= 8)
		outb(SLAVE_COMMAND, OCW2_EOI);
	outb(MASTER_COMMAND, OCW2_EOI);
}

/*
 * Line 7 of either chip with its in-service bit clear is spurious: the request went away
 * before the CPU acknowledged it. It gets no EOI of its own, but a spurious IRQ 15 was still
 * a real request on the master's cascade line, which does.
 */
static bool spurious(unsigned irq)
{
	if (irq % 8 != SPURIOUS_LINE)
		return false;
	uint16_t command = irq < 8 ? MASTER_COMMAND : SLAVE_COMMAND;
	outb(command, OCW3_READ_ISR);
	if (inb(command) & (1u << SPURIOUS_LINE))
		return false;
	if (irq >= 8)
		outb(MASTER_COMMAND, OCW2_EOI);
	return true;
}

void pic_handle(uint64_t vector)
{
	if (vector < PIC_VECTOR_BASE || vector >= PIC_VECTOR_BASE + ARCH_IRQ_COUNT)
		return; /* no line of ours: a stray vector */
	unsigned irq = (unsigned)(vector - PIC_VECTOR_BASE);
	if (spurious(irq))
		return;
	if (irq == PIC_IRQ_TIMER) {
		end_of_interrupt(irq);
		clock_tick();
		kernel_timer_tick();
		return;
	}
	arch_irq_mask(irq);
	end_of_interrupt(irq);
	kernel_interrupt(irq);
}
