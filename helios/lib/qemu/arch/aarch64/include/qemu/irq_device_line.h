/* The line of aarch64's IRQ device (qemu/irq_device.h), for IRQ_CONTROL_ISSUE: interrupt ID 39, the PL061's (GIC SPI 39). */
#ifndef QEMU_IRQ_DEVICE_LINE_H
#define QEMU_IRQ_DEVICE_LINE_H

#define QEMU_IRQ_DEVICE_LINE 39

#endif
