/*
 * Interrupt lines for the portable kernel (arch.h's arch_irq_*) and the IRQ handler
 * (interrupts.h). Lines are GIC interrupt IDs; userspace may own SPIs but the console's. A
 * line is masked when it fires and stays masked until its handler acknowledges it
 * (IRQ_HANDLER_ACK: arch_irq_unmask), so a level-triggered device cannot interrupt again
 * before its driver ran.
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/gic.h"
#include "helios/arch/aarch64/interrupts.h"
#include "helios/arch/aarch64/irq.h"
#include "helios/arch/aarch64/timer.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

#define MAX_PER_CALL 64 /* so that an interrupt storm cannot keep irq_handle forever */
#define SPECIAL_FIRST 1020 /* 1020-1023: no interrupt to handle (1023: nothing pending) */
#define SPECIAL_LAST 1023

static const struct platform *platform;
static const char *gic_problem = "not set up";
static const char *timer_problem = "not set up";
static uint32_t stray_reported[(GIC_MAX_LINES + 31) / 32];

void irq_init(const struct helios_boot_info *bi, const struct platform *p)
{
	platform = p;
	timer_allow_user_counter();
	gic_problem = gic_init(bi, p);
	timer_problem = gic_problem ? "no interrupt controller" : timer_init(p);
}

void irq_describe(void)
{
	const struct platform *p = platform;
	if (gic_problem)
		kprintf("interrupts: none (%s)\n", gic_problem);
	else if (gic_version() == GIC_V3)
		kprintf("interrupts: GICv3, distributor at %#llx, redistributors at %#llx, "
			"%u lines\n",
			(unsigned long long)p->gic.dist.base,
			(unsigned long long)p->gic.redist.base, gic_lines());
	else
		kprintf("interrupts: GICv2, distributor at %#llx, CPU interface at %#llx, "
			"%u lines\n",
			(unsigned long long)p->gic.dist.base, (unsigned long long)p->gic.cpu.base,
			gic_lines());
	if (timer_problem)
		kprintf("timer: none (%s)\n", timer_problem);
	else
		kprintf("timer: generic timer (virtual), %llu kHz, PPI %u (interrupt ID %u), "
			"%u Hz\n",
			(unsigned long long)(timer_frequency() / 1000),
			timer_id() - GIC_FIRST_PPI, timer_id(), TIMER_HZ);
}

static bool console_handed_over;

void irq_console_handed_over(void)
{
	console_handed_over = true;
}

bool arch_irq_issuable(unsigned irq)
{
	return irq >= GIC_FIRST_SPI && irq < gic_lines() && irq < ARCH_IRQ_COUNT &&
	       (platform == 0 || console_handed_over || irq != platform->uart_irq);
}

void arch_irq_mask(unsigned irq)
{
	gic_mask(irq);
}

void arch_irq_unmask(unsigned irq)
{
	gic_unmask(irq);
}

/* An interrupt nobody asked for: masked for good, reported once per ID. */
static void stray(unsigned id)
{
	if (id >= GIC_MAX_LINES)
		return;
	uint32_t bit = 1u << (id % 32);
	if (stray_reported[id / 32] & bit)
		return;
	stray_reported[id / 32] |= bit;
	kprintf("irq: stray interrupt %u masked\n", id);
}

void irq_handle(void)
{
	for (unsigned n = 0; n < MAX_PER_CALL; n++) {
		uint32_t iar = gic_acknowledge();
		unsigned id = gic_id(iar);
		if (id >= SPECIAL_FIRST && id <= SPECIAL_LAST)
			return;
		if (id == timer_id() && id != 0) {
			bool expired = timer_tick();
			gic_end(iar);
			if (expired)
				kernel_timer_tick();
		} else if (arch_irq_issuable(id)) {
			gic_mask(id);
			gic_end(iar);
			kernel_interrupt(id);
		} else {
			gic_mask(id);
			gic_end(iar);
			stray(id);
		}
	}
}
