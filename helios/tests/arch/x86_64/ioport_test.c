/*
 * I/O ports (x86_64 only): IO_CONTROL_ISSUE hands out ranges (never the kernel's own ports:
 * the PICs, the PIT, the console's COM1; never one port twice), IO_PORT capabilities reach
 * exactly their range, in every access width. aarch64 has no I/O ports;
 * arch/aarch64/devmem_test.c tests device memory and its rules in their place, as many tests.
 */
#include "helios/tests/ktest.h"

/* DMA channel 0's page register (the 8237's, at 0x87), which keeps any byte written to it,
 * inside 0x80-0x8f: the DMA page registers and the POST port. */
#define SCRATCH 0x87
#define SCRATCH_FIRST 0x80
#define SCRATCH_LAST 0x8f
#define PCI_CONFIG_ADDRESS 0xcf8
#define VBE_INDEX 0x1ce
#define VBE_DATA 0x1cf

static helios_caddr_t issue(uint64_t first, uint64_t last)
{
	helios_caddr_t slot = kt_slot(), got = 0;
	KT_OK(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, first, last, slot, &got));
	KT_EQ(got, slot);
	KT_EQ(kt_type(slot), HELIOS_CAP_IO_PORT);
	return slot;
}

/* A register that keeps whatever is written to it. */
KTEST(ioport_read_write)
{
	helios_caddr_t port = issue(SCRATCH, SCRATCH);
	static const uint8_t values[] = { 0xa5, 0x5a, 0x00, 0xff };
	for (unsigned i = 0; i < sizeof(values); i++) {
		KT_OK(helios_io_port_out8(port, SCRATCH, values[i]));
		uint8_t v = (uint8_t)~values[i];
		KT_OK(helios_io_port_in8(port, SCRATCH, &v));
		KT_EQ(v, values[i]);
	}
}

KTEST(ioport_outside_range_refused)
{
	helios_caddr_t port = issue(SCRATCH, SCRATCH);
	uint8_t b;
	uint16_t w;
	uint32_t l;
	KT_ERR(helios_io_port_in8(port, SCRATCH - 1, &b), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in8(port, SCRATCH + 1, &b), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in8(port, 1ull << 16 | SCRATCH, &b), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in8(port, ~0ull, &b), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in16(port, SCRATCH, &w), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in32(port, SCRATCH - 3, &l), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_out8(port, SCRATCH_FIRST, 0x41), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_out16(port, SCRATCH, 1), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_out8(port, 0xf4, 0), HELIOS_ERR_INVALID_PARAM); /* not QEMU's exit */
	/* Values wider than the access. */
	KT_ERR(helios_io_port_out8(port, SCRATCH, 0x100), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_out8(port, SCRATCH, ~0ull), HELIOS_ERR_INVALID_PARAM);
	KT_OK(helios_io_port_in8(port, SCRATCH, &b));
}

KTEST(ioport_kernel_ports_refused)
{
	static const uint64_t ranges[][2] = {
		{ 0x20, 0x21 }, { 0x21, 0x21 }, { 0x40, 0x40 }, { 0x43, 0x43 },
		{ 0xa0, 0xa1 }, { 0x1f, 0x20 }, { 0x00, 0xff }, { 0x0, 0xffff },
		{ 0x3f8, 0x3ff }, { 0x3f8, 0x3f8 }, { 0x3ff, 0x3ff }, { 0x3f0, 0x3f8 },
	};
	for (unsigned i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, ranges[i][0], ranges[i][1],
					       kt_slot(), NULL),
		       HELIOS_ERR_IN_USE);
}

KTEST(ioport_invalid_ranges)
{
	helios_caddr_t slot = kt_slot();
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, SCRATCH_LAST, SCRATCH_FIRST, slot,
				       NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, 0xffff, 0x10000, slot, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, ~0ull, ~0ull, slot, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, SCRATCH, SCRATCH, HELIOS_INIT_TASK,
				       NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_type(slot), HELIOS_CAP_NULL);
	/* None of that issued anything. */
	helios_caddr_t port = issue(SCRATCH_FIRST, SCRATCH_LAST);
	KT_OK(rt_free(port));
}

/* A range stays issued while any copy of its capability lives. */
KTEST(ioport_in_use_until_last_copy)
{
	helios_caddr_t port = issue(SCRATCH_FIRST, SCRATCH_LAST);
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, SCRATCH, SCRATCH,
				       kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
	helios_caddr_t copy = kt_copy(port, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_delete(rt_cspace, port));
	uint8_t b;
	KT_OK(helios_io_port_in8(copy, SCRATCH, &b));
	KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, SCRATCH, SCRATCH,
				       kt_slot(), NULL),
	       HELIOS_ERR_IN_USE);
	KT_OK(helios_cspace_delete(rt_cspace, copy));
	issue(SCRATCH, SCRATCH);
}

/* 32-bit access: the PCI configuration address register reads back what was written. */
KTEST(ioport_32_bit)
{
	helios_caddr_t port = issue(PCI_CONFIG_ADDRESS, PCI_CONFIG_ADDRESS + 3);
	uint32_t v = 0;
	KT_OK(helios_io_port_out32(port, PCI_CONFIG_ADDRESS, 0x80000000u));
	KT_OK(helios_io_port_in32(port, PCI_CONFIG_ADDRESS, &v));
	KT_EQ(v, 0x80000000u);
	KT_OK(helios_io_port_out32(port, PCI_CONFIG_ADDRESS, 0));
	KT_ERR(helios_io_port_out32(port, PCI_CONFIG_ADDRESS, 1ull << 32),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in32(port, PCI_CONFIG_ADDRESS + 1, &v), HELIOS_ERR_INVALID_PARAM);
}

/* 16-bit access: the Bochs VBE interface of QEMU's standard VGA names its version. A 16-bit
 * access at the data port also covers the byte after it. */
KTEST(ioport_16_bit)
{
	helios_caddr_t narrow = issue(VBE_DATA, VBE_DATA);
	KT_ERR(helios_io_port_in16(narrow, VBE_DATA, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_OK(rt_free(narrow));
	helios_caddr_t port = issue(VBE_INDEX, VBE_DATA + 1);
	uint16_t id = 0;
	KT_OK(helios_io_port_out16(port, VBE_INDEX, 0));
	KT_OK(helios_io_port_in16(port, VBE_DATA, &id));
	KT_CHECK(id >= 0xb0c0 && id <= 0xb0cf);
	KT_ERR(helios_io_port_out16(port, VBE_INDEX, 0x10000), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_io_port_in16(port, VBE_DATA + 1, &id), HELIOS_ERR_INVALID_PARAM);
}

KTEST(ioport_unknown_methods)
{
	helios_caddr_t port = issue(SCRATCH, SCRATCH);
	KT_ERR(helios_invoke(port, HELIOS_METHOD(HELIOS_CAP_IO_PORT, 7), 1,
			     (uint64_t[]){ SCRATCH }, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(port, HELIOS_IO_CONTROL_ISSUE, 3,
			     (uint64_t[]){ SCRATCH, SCRATCH, HELIOS_CADDR_UNDEF }, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(port, HELIOS_IO_PORT_IN8, 0, NULL, NULL, 0), HELIOS_ERR_INVALID_PARAM);
}
