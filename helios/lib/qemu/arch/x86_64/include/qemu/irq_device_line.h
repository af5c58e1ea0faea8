/* The line of x86_64's IRQ device (qemu/irq_device.h), for IRQ_CONTROL_ISSUE: ISA IRQ 1, the i8042's (through the 8259 PIC). */
#ifndef QEMU_IRQ_DEVICE_LINE_H
#define QEMU_IRQ_DEVICE_LINE_H

#define QEMU_IRQ_DEVICE_LINE 1

#endif
