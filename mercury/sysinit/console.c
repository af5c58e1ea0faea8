/*
 * The kernel's console handed over (sysinit.h): once, before the `hardware` program starts, so
 * that a serial driver the device manager starts can own the UART. x86_64: COM1's ports and
 * IRQ 4 become issuable and nothing comes back; aarch64: the PL011's page comes back as a
 * DEVICE_MEMORY capability, which the `hardware` program gets as `console_memory`. The kernel
 * keeps writing its own output by polling, so every program's console lines go on.
 */
#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/error.h>

#include "mercury/sysinit/sysinit.h"

void sysinit_console_hand_over(struct sysinit_world *w)
{
	helios_caddr_t dest = rt_slot_alloc();
	if (dest == HELIOS_CADDR_UNDEF) {
		rt_printf("sysinit: error: console hand-over: no slot\n");
		return;
	}
	helios_caddr_t got = HELIOS_CADDR_UNDEF;
	int err = helios_console_hand_over(HELIOS_INIT_CONSOLE, dest, &got);
	if (err) {
		rt_slot_free(dest);
		rt_printf("sysinit: error: console hand-over: %s\n", mercury_strerror(err));
		return;
	}
	/* x86_64 makes no capability: the slot stays sysinit's, unused. */
	if (got == dest)
		w->console_memory = dest;
	else
		rt_slot_free(dest);
	rt_printf("sysinit: console handed over\n");
}
