/*
 * CONSOLE_HAND_OVER on x86_64 (the suite's last tests: it changes the kernel for good). Before
 * it COM1's ports cannot be issued; after it they can, and IRQ 4; the second time is IN_USE;
 * the kernel's own output goes on (this suite's report is written after it).
 */
#include "helios/tests/ktest.h"

#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff
#define COM1_IRQ 4

KTEST(console_hand_over_needs_write)
{
	helios_caddr_t read_only = kt_copy(HELIOS_INIT_CONSOLE, HELIOS_RIGHT_READ);
	KT_ERR(helios_console_hand_over(read_only, HELIOS_CADDR_UNDEF, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, COM1_FIRST, COM1_LAST, kt_slot(),
				       NULL),
	       HELIOS_ERR_IN_USE);
}

KTEST(console_hand_over_gives_com1_once)
{
	helios_caddr_t got = 0;
	KT_OK(helios_console_hand_over(HELIOS_INIT_CONSOLE, kt_slot(), &got));
	KT_EQ(got, HELIOS_CADDR_UNDEF); /* ports, not memory */
	helios_caddr_t ports = kt_slot();
	KT_OK(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, COM1_FIRST, COM1_LAST, ports, NULL));
	uint8_t lsr = 0;
	KT_OK(helios_io_port_in8(ports, COM1_FIRST + 5, &lsr)); /* the line status register */
	helios_caddr_t irq = kt_slot();
	KT_OK(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, COM1_IRQ, kt_notification(), irq,
				       NULL));
	KT_OK(helios_cspace_delete(rt_cspace, irq));
	KT_OK(helios_cspace_delete(rt_cspace, ports));
	KT_ERR(helios_console_hand_over(HELIOS_INIT_CONSOLE, kt_slot(), NULL), HELIOS_ERR_IN_USE);
	rt_printf("console: handed over; the kernel's output goes on\n");
}
