/*
 * A device of QEMU's machines whose interrupt a user program raises at will: for the kernel
 * suite's interrupt tests and the IRQ latency benchmark.
 *
 * x86_64 (pc): the i8042 keyboard controller, through its I/O ports (0x60, 0x64, from init's
 * IO_CONTROL capability). Its command 0xd2 puts the next data byte in its output buffer as if
 * the keyboard had sent it, which raises ISA IRQ 1 (through the 8259 PIC); reading the byte
 * lowers it again.
 * aarch64 (virt): the PL061 GPIO controller at 0x09030000 (from init's device memory), its
 * pins outputs, level-sensitive and active high, so a pin written high raises GIC SPI 39
 * (interrupt ID 39) until it is written low and its interrupt cleared.
 *
 * Every function returns a helios_error.
 */
#ifndef QEMU_IRQ_DEVICE_H
#define QEMU_IRQ_DEVICE_H

#include <stdint.h>

#include <helios/abi.h>

#include <qemu/irq_device_line.h> /* QEMU_IRQ_DEVICE_LINE: the device's line */

struct qemu_irq_device {
	helios_caddr_t cap;      /* x86_64: the i8042's I/O ports; aarch64: the PL061's page */
	volatile uint32_t *regs; /* aarch64: the PL061's registers, where open mapped them */
};

/*
 * Gets the device into `slot` (an empty slot of rt_cspace) and lets it interrupt, with
 * nothing pending. aarch64 maps its registers in rt_vspace at `vaddr` (page-aligned; x86_64
 * ignores it). Fails when the program holds no capability for the device (x86_64: init's
 * IO_CONTROL; aarch64: device memory covering the PL061, else INVALID_CSLOT), and with
 * WOULD_BLOCK when the device does not answer.
 */
int qemu_irq_device_open(struct qemu_irq_device *d, helios_caddr_t slot, uint64_t vaddr);

/* Makes the device interrupt, carrying `token` (a byte; on aarch64 the pins it drives high,
 * so it must not be 0): qemu_irq_device_ready, then qemu_irq_device_fire. */
int qemu_irq_device_raise(struct qemu_irq_device *d, uint8_t token);
/* The halves of raise, for measurements: ready does all but the one device write that raises
 * the line (x86_64: the 0xd2 command; aarch64: nothing), fire is that write. */
int qemu_irq_device_ready(struct qemu_irq_device *d);
int qemu_irq_device_fire(struct qemu_irq_device *d, uint8_t token);

/* Services the interrupt: the device stops asserting its line; *token = what raise carried. */
int qemu_irq_device_take(struct qemu_irq_device *d, uint8_t *token);

/* Discards whatever is pending. */
int qemu_irq_device_drain(struct qemu_irq_device *d);

#endif
