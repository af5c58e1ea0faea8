/*
 * The monotonic clock (arch.h arch_clock_ns): the TSC, whose rate is measured against the PIT
 * once at boot and turned into a multiplier, ns = (tsc - boot) * mult >> 32. A machine whose PIT
 * channel 2 does not answer falls back to counting ticks (1 ms resolution).
 */
#include <stdint.h>

#include "helios/arch/x86_64/clock.h"
#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/pit.h"
#include "helios/kernel/arch.h"

#define CALIBRATION_COUNTS 11932u /* 10 ms of the PIT's input clock */
#define NS_PER_S 1000000000ull

static uint64_t boot_tsc, ns_mult, tsc_hz;
static uint64_t ticks; /* the fallback */

void clock_init(void)
{
	uint64_t measured = pit_measure_tsc(CALIBRATION_COUNTS);
	uint64_t hz = measured * PIT_INPUT_HZ / CALIBRATION_COUNTS;
	if (measured == 0 || hz < NS_PER_S / 1000)
		return; /* below 1 MHz: not a TSC to keep time with */
	tsc_hz = hz;
	ns_mult = (NS_PER_S << 32) / hz;
	boot_tsc = rdtsc();
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

void clock_tick(void)
{
	ticks++;
}

uint64_t arch_clock_ns(void)
{
	if (ns_mult == 0)
		return ticks * (NS_PER_S / ARCH_TICK_HZ);
	uint64_t elapsed = rdtsc() - boot_tsc;
	return (uint64_t)(((unsigned __int128)elapsed * ns_mult) >> 32);
}
