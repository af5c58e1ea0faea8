/*
 * The generic timer's EL1 virtual timer as a periodic tick (timer.h). Deadlines are absolute
 * (CNTV_CVAL_EL0) and advance by one period from the last, so ticks do not drift with the
 * handler's latency; a deadline already in the past restarts from now instead of firing again.
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/gic.h"
#include "helios/arch/aarch64/interrupts.h"
#include "helios/arch/aarch64/timer.h"

#define CNTV_CTL_ENABLE 1u
#define CNTV_CTL_IMASK 2u
#define CNTV_CTL_ISTATUS 4u
#define CNTFRQ_MASK 0xffffffffull /* the upper half is RES0 */
#define CNTKCTL_EL0VCTEN (1ull << 1) /* EL0 may read CNTVCT_EL0 and CNTFRQ_EL0 */

static unsigned interrupt_id;
static uint64_t frequency, period, deadline;
/* The monotonic clock: ns = (count - boot_count) * ns_mult >> 32 (0 until timer_init). */
static uint64_t boot_count, ns_mult;

static uint64_t now(void)
{
	isb(); /* the counter is read in program order, not early */
	return read_sysreg(cntvct_el0);
}

void timer_allow_user_counter(void)
{
	/* Not the physical counter, nor any timer register (EL0PCTEN, EL0VTEN, EL0PTEN clear). */
	write_sysreg(cntkctl_el1, CNTKCTL_EL0VCTEN);
	isb();
}

const char *timer_init(const struct platform *p)
{
	if (p->timer_irq == 0)
		return "no generic timer with a virtual timer PPI in the device tree";
	frequency = read_sysreg(cntfrq_el0) & CNTFRQ_MASK;
	if (frequency < TIMER_HZ)
		return "CNTFRQ_EL0 not set by firmware";
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	isb();
	period = frequency / TIMER_HZ;
	interrupt_id = p->timer_irq;
	ns_mult = (1000000000ull << 32) / frequency;
	boot_count = now();
	return 0;
}

uint64_t arch_clock_ns(void)
{
	uint64_t elapsed = now() - boot_count;
	return (uint64_t)(((unsigned __int128)elapsed * ns_mult) >> 32);
}

unsigned timer_id(void)
{
	return interrupt_id;
}

uint64_t timer_frequency(void)
{
	return frequency;
}

void timer_start(void)
{
	if (interrupt_id == 0)
		return;
	deadline = now() + period;
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	gic_unmask(interrupt_id);
}

bool timer_tick(void)
{
	if ((read_sysreg(cntv_ctl_el0) & CNTV_CTL_ISTATUS) == 0)
		return false;
	deadline += period;
	uint64_t current = now();
	if (deadline <= current)
		deadline = current + period;
	write_sysreg(cntv_cval_el0, deadline);
	isb();
	return true;
}
