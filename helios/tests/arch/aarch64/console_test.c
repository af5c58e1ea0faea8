/*
 * CONSOLE_HAND_OVER on aarch64 (the suite's last tests: it changes the kernel for good). Before
 * it the UART's page is no device memory of init's and its interrupt cannot be issued; after
 * it a DEVICE_MEMORY capability for the page comes back and the interrupt can be issued; the
 * second time is IN_USE; the kernel's own output goes on (this suite's report follows).
 */
#include "helios/tests/ktest.h"

#define CONSOLE_UART 0x09000000ull
#define CONSOLE_UART_IRQ 33
#define PL011_PERIPH_ID0 0xfe0

KTEST(console_hand_over_needs_write)
{
	helios_caddr_t read_only = kt_copy(HELIOS_INIT_CONSOLE, HELIOS_RIGHT_READ);
	KT_ERR(helios_console_hand_over(read_only, kt_slot(), NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, CONSOLE_UART_IRQ,
					kt_notification(), kt_slot(), NULL),
	       HELIOS_ERR_INVALID_PARAM);
}

KTEST(console_hand_over_gives_the_uart_once)
{
	helios_caddr_t slot = kt_slot(), got = 0;
	KT_OK(helios_console_hand_over(HELIOS_INIT_CONSOLE, slot, &got));
	KT_EQ(got, slot);
	KT_EQ(kt_type(slot), HELIOS_CAP_DEVICE_MEMORY);
	uint64_t base = 0, size = 0;
	KT_OK(helios_device_memory_info(slot, &base, &size));
	KT_EQ(base, CONSOLE_UART);
	KT_EQ(size, HELIOS_PAGE_SIZE);
	/* Its registers can be read: a PL011's peripheral ID 0 is 0x11. */
	helios_caddr_t page = kt_slot();
	KT_OK(helios_device_memory_retype(slot, HELIOS_CAP_PAGE, 0, 1, page, 0, NULL));
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH, HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	KT_EQ(*(volatile uint32_t *)(KT_SCRATCH + PL011_PERIPH_ID0) & 0xff, 0x11);
	KT_OK(helios_page_unmap(page));
	helios_caddr_t irq = kt_slot();
	KT_OK(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, CONSOLE_UART_IRQ, kt_notification(),
				       irq, NULL));
	KT_OK(helios_cspace_delete(rt_cspace, irq));
	KT_ERR(helios_console_hand_over(HELIOS_INIT_CONSOLE, kt_slot(), NULL), HELIOS_ERR_IN_USE);
	rt_printf("console: handed over; the kernel's output goes on\n");
}
