/*
 * Device memory on aarch64, in place of x86_64's I/O port tests (as many tests): aarch64 has
 * no I/O ports, so devices are reached only through device memory the kernel found in the
 * device tree. Which regions init gets (and which it does not: the GIC, the console UART),
 * the device tree itself, pages of a device mapped uncached and reaching its registers, the
 * rules of device memory (no kernel objects from it, no IPC buffers in it, never executable),
 * no I/O port capabilities at all, and the interrupt IDs IRQ_CONTROL hands out.
 */
#include "helios/tests/ktest.h"

#define GIC_DISTRIBUTOR 0x08000000ull
#define CONSOLE_UART 0x09000000ull
#define RAM_BASE 0x40000000ull

#define FDT_MAGIC 0xd00dfeedu

#define PL031_DR 0x000
#define PL031_PERIPH_ID 0xfe0
#define PL061_DIR 0x400

/* The GIC's line count is what GICD_TYPER says (QEMU 7.2's virt: 288 on GICv2, 256 on GICv3);
 * at least this many, always a multiple of 32. */
#define GIC_MIN_LINES 256
#define CONSOLE_UART_IRQ 33 /* the kernel's console: never handed out */

#define RW (HELIOS_MAP_READ | HELIOS_MAP_WRITE)

static uint32_t read32(uint64_t vaddr)
{
	return *(volatile uint32_t *)vaddr;
}

static uint32_t big_endian32(const volatile uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Init gets the devices of the device tree, but not the kernel's own. */
KTEST(devmem_regions_from_device_tree)
{
	uint64_t offset;
	KT_CHECK(rt_device_memory_find(KT_PL031_BASE, &offset) != HELIOS_CADDR_UNDEF);
	KT_CHECK(rt_device_memory_find(KT_PL061_BASE, &offset) != HELIOS_CADDR_UNDEF);
	KT_EQ(rt_device_memory_find(GIC_DISTRIBUTOR, &offset), HELIOS_CADDR_UNDEF);
	KT_EQ(rt_device_memory_find(CONSOLE_UART, &offset), HELIOS_CADDR_UNDEF);
	for (uint32_t i = 0; i < rt_info->device_memory.count; i++) {
		const struct helios_init_region *r = &rt_info->device_regions[i];
		KT_CHECK(r->size > 0);
		KT_EQ(r->base % HELIOS_PAGE_SIZE, 0);
		KT_EQ(r->size % HELIOS_PAGE_SIZE, 0);
		/* Never RAM. */
		for (uint32_t m = 0; m < rt_info->memory.count; m++) {
			const struct helios_init_region *ram = &rt_info->memory_regions[m];
			KT_CHECK(r->base + r->size <= ram->base || ram->base + ram->size <= r->base);
		}
	}
}

/* The device tree the kernel booted with comes as read-only pages. */
KTEST(devmem_device_tree_pages)
{
	const struct helios_init_module *dt = &rt_info->device_tree;
	KT_CHECK(dt->pages.count > 0);
	KT_CHECK(dt->size > 0 && dt->size <= (uint64_t)dt->pages.count * HELIOS_PAGE_SIZE);
	uint64_t v = KT_SCRATCH + 0x100000;
	for (uint32_t i = 0; i < dt->pages.count; i++) {
		unsigned type, rights;
		KT_OK(helios_identify(dt->pages.first + i, &type, &rights));
		KT_EQ(type, HELIOS_CAP_PAGE);
		KT_EQ(rights & HELIOS_RIGHT_WRITE, 0);
	}
	helios_caddr_t page = kt_copy(dt->pages.first, HELIOS_RIGHTS_ALL);
	KT_ERR(helios_page_map(page, rt_vspace, v, RW, NULL), HELIOS_ERR_ACCESS);
	KT_OK(rt_map(rt_vspace, page, v, HELIOS_MAP_READ));
	const volatile uint8_t *fdt = (const volatile uint8_t *)v;
	KT_EQ(big_endian32(fdt), FDT_MAGIC);
	KT_CHECK(big_endian32(fdt + 4) <= dt->size); /* totalsize */
	KT_EQ(kt_probe_write(v), HELIOS_FAULT_PAGE);
}

/* A page of the PL031 maps and its identification registers read as the TRM says. */
KTEST(devmem_rtc_identifies_itself)
{
	helios_caddr_t page = kt_map_device(KT_PL031_BASE, KT_SCRATCH);
	uint64_t phys;
	KT_OK(helios_page_info(page, &phys, NULL, NULL));
	KT_EQ(phys, KT_PL031_BASE);
	/* Part 0x031, designer ARM (0x41), PrimeCell ID; PeriphID2's top nibble is the revision
	 * (QEMU's model says 1), so only its designer nibble is checked. */
	static const uint32_t id[8] = { 0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (int i = 0; i < 8; i++) {
		uint32_t mask = i == 2 ? 0x0f : 0xff;
		KT_EQ(read32(KT_SCRATCH + PL031_PERIPH_ID + 4 * (uint64_t)i) & mask, id[i]);
	}
}

/* Device mappings are uncached: every read reaches the device (the RTC's seconds advance) and
 * a write through one mapping is seen through another at once. */
KTEST(devmem_accesses_reach_the_device)
{
	kt_map_device(KT_PL031_BASE, KT_SCRATCH);
	uint32_t start = read32(KT_SCRATCH + PL031_DR), now = start;
	for (int ms = 0; ms < 2500 && now == start; ms += 10) {
		kt_spin_ms(10);
		now = read32(KT_SCRATCH + PL031_DR);
	}
	KT_CHECK(now != start);
	kt_map_device(KT_PL061_BASE, KT_SCRATCH + 0x1000);
	kt_map_device(KT_PL061_BASE, KT_SCRATCH + 0x2000);
	*(volatile uint32_t *)(KT_SCRATCH + 0x1000 + PL061_DIR) = 0x5a;
	KT_EQ(read32(KT_SCRATCH + 0x2000 + PL061_DIR), 0x5a);
	*(volatile uint32_t *)(KT_SCRATCH + 0x2000 + PL061_DIR) = 0;
	KT_EQ(read32(KT_SCRATCH + 0x1000 + PL061_DIR), 0);
}

/* Device memory is never memory: no kernel object comes from it, and no page of it is an
 * IPC buffer (the kernel writes those). */
KTEST(devmem_kernel_objects_refused)
{
	uint64_t offset;
	helios_caddr_t dev = kt_device_memory(KT_PL031_BASE, &offset), dest = kt_slot();
	for (uint64_t type = 0; type <= HELIOS_CAP_TYPE_COUNT; type++) {
		if (type == HELIOS_CAP_PAGE || type == HELIOS_CAP_DEVICE_MEMORY)
			continue;
		KT_ERR(helios_device_memory_retype(dev, type, HELIOS_PAGE_SIZE, 1, dest, offset,
						   NULL),
		       HELIOS_ERR_INVALID_TYPE);
	}
	KT_ERR(helios_device_memory_retype(dev, ~0ull, 0, 1, dest, offset, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_EQ(kt_type(dest), HELIOS_CAP_NULL);
	helios_caddr_t page = kt_slot();
	KT_OK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, page, offset, NULL));
	struct rt_thread t;
	kt_create(&t, kt_fault_read, NULL, KT_PRIORITY);
	KT_ERR(helios_task_set_ipc_buffer(t.task, page, KT_SCRATCH), HELIOS_ERR_INVALID_PARAM);
}

static int call_at(void *code)
{
	return ((int (*)(void))code)();
}

/* Device pages are never executable, whatever the map rights say (UXN is forced): jumping
 * into one is an instruction abort, while reads through the same mapping work. */
KTEST(devmem_never_executable)
{
	helios_caddr_t page = kt_slot();
	uint64_t offset;
	helios_caddr_t dev = kt_device_memory(KT_PL031_BASE, &offset);
	KT_OK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, page, offset, NULL));
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH,
		     HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC));
	KT_EQ(read32(KT_SCRATCH + PL031_PERIPH_ID) & 0xff, 0x31);
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, call_at, (void *)KT_SCRATCH, HELIOS_FAULT_PAGE,
					    KT_VECTOR_FETCH_ABORT);
	KT_EQ(f.ip, KT_SCRATCH);
	KT_EQ(f.addr, KT_SCRATCH);
}

/* No I/O ports: init's IO_CONTROL slot is empty, and nothing makes I/O port capabilities. */
KTEST(devmem_no_io_ports)
{
	KT_ERR(helios_identify(HELIOS_INIT_IO_CONTROL, NULL, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, 0x3f8, 0x3ff, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_invoke(HELIOS_INIT_IRQ_CONTROL, HELIOS_IO_CONTROL_ISSUE, 3,
			     (uint64_t[]){ 0x3f8, 0x3ff, HELIOS_CADDR_UNDEF }, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_memory_retype(kt_big_memory(), HELIOS_CAP_IO_CONTROL, 0, 1, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_memory_retype(kt_big_memory(), HELIOS_CAP_IO_PORT, 0, 1, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_TYPE);
	helios_caddr_t page = kt_map_device(KT_PL061_BASE, KT_SCRATCH);
	uint8_t b;
	KT_ERR(helios_io_port_in8(page, 0x3f8, &b), HELIOS_ERR_INVALID_METHOD);
}

/* IRQ_CONTROL hands out every shared peripheral interrupt the GIC has but the kernel console's,
 * and nothing else: not the software-generated and private ones (0-31), nor IDs past the GIC's
 * last. */
KTEST(devmem_irq_ids)
{
	helios_caddr_t n = kt_notification(), slot = kt_slot();
	for (uint64_t id = 0; id < 32; id++)
		if (helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, id, n, slot, NULL) !=
		    HELIOS_ERR_INVALID_PARAM)
			KT_FAIL("ID %llu was not refused", (unsigned long long)id);
	int console = helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, CONSOLE_UART_IRQ, n, slot,
					       NULL);
	KT_CHECK(console == HELIOS_ERR_INVALID_PARAM || console == HELIOS_ERR_IN_USE);
	/* From the console's on, every SPI is handed out (but the watchdog's, which the runner
	 * holds) up to the GIC's end; everything from there on is refused. */
	unsigned issued = 0;
	uint64_t end = CONSOLE_UART_IRQ + 1;
	for (;; end++) {
		int err = helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, end, n, slot, NULL);
		if (err == HELIOS_ERR_INVALID_PARAM)
			break;
		if (err == HELIOS_OK) {
			issued++;
			KT_OK(helios_cspace_delete(rt_cspace, slot));
		} else if (err != HELIOS_ERR_IN_USE) {
			KT_FAIL("ID %llu: %s", (unsigned long long)end, rt_strerror((uint64_t)err));
		}
	}
	KT_CHECK(end >= GIC_MIN_LINES && end % 32 == 0);
	KT_EQ(issued, end - CONSOLE_UART_IRQ - 2);
	for (uint64_t id = end; id < 1100; id++)
		if (helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, id, n, slot, NULL) !=
		    HELIOS_ERR_INVALID_PARAM)
			KT_FAIL("ID %llu was not refused", (unsigned long long)id);
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, 0xffffffff, n, slot, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_EQ(kt_type(slot), HELIOS_CAP_NULL);
	KT_ERR(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_WATCHDOG, n, slot, NULL),
	       HELIOS_ERR_IN_USE);
}
