/*
 * The PIT's channel 0 as a periodic timer: a rate generator (mode 2) dividing its 1.193182 MHz
 * input clock down to PIT_HZ, wired to IRQ 0. Each interrupt is one kernel_timer_tick (pic.c).
 */
#include <stdint.h>

#include "boot/x86_64/io.h"
#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/pic.h"
#include "helios/arch/x86_64/pit.h"
#include "helios/kernel/arch.h"

#define PIT_CHANNEL0 0x40
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_CHANNEL0_RATE 0x34    /* channel 0, low then high byte, mode 2, binary */
#define PIT_CHANNEL2_ONE_SHOT 0xb0 /* channel 2, low then high byte, mode 0, binary */
#define PORT_B 0x61
#define PORT_B_GATE2 0x01   /* channel 2 counts while set */
#define PORT_B_SPEAKER 0x02 /* channel 2's output to the speaker: kept off */
#define PORT_B_OUT2 0x20    /* channel 2's output, read back */
#define MEASURE_READS_MAX 100000000u

void pit_start(void)
{
	uint32_t divisor = (PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ;
	outb(PIT_COMMAND, PIT_CHANNEL0_RATE);
	outb(PIT_CHANNEL0, (uint8_t)divisor);
	outb(PIT_CHANNEL0, (uint8_t)(divisor >> 8));
	arch_irq_unmask(PIC_IRQ_TIMER);
}

uint64_t pit_measure_tsc(uint16_t pit_counts)
{
	uint8_t b = inb(PORT_B);
	outb(PORT_B, (uint8_t)((b & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	outb(PIT_COMMAND, PIT_CHANNEL2_ONE_SHOT);
	outb(PIT_CHANNEL2, (uint8_t)pit_counts);
	outb(PIT_CHANNEL2, (uint8_t)(pit_counts >> 8)); /* mode 0: counts down from here */
	uint64_t start = rdtsc();
	uint32_t reads = 0;
	while ((inb(PORT_B) & PORT_B_OUT2) == 0)
		if (++reads == MEASURE_READS_MAX)
			break;
	uint64_t end = rdtsc();
	outb(PORT_B, b);
	return reads == MEASURE_READS_MAX ? 0 : end - start;
}
