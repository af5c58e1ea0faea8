/*
 * The PIT's channel 0 as a periodic timer: a rate generator (mode 2) dividing its 1.193182 MHz
 * input clock down to PIT_HZ, wired to IRQ 0. Each interrupt is one kernel_timer_tick (pic.c).
 */
#include <stdint.h>

#include "boot/x86_64/io.h"
#include "helios/arch/x86_64/pic.h"
#include "helios/arch/x86_64/pit.h"
#include "helios/kernel/arch.h"

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_INPUT_HZ 1193182u
#define PIT_CHANNEL0_RATE 0x34 /* channel 0, low then high byte, mode 2, binary */

void pit_start(void)
{
	uint32_t divisor = (PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ;
	outb(PIT_COMMAND, PIT_CHANNEL0_RATE);
	outb(PIT_CHANNEL0, (uint8_t)divisor);
	outb(PIT_CHANNEL0, (uint8_t)(divisor >> 8));
	arch_irq_unmask(PIC_IRQ_TIMER);
}
