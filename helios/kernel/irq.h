/*
 * Interrupt lines owned by userspace. IRQ_CONTROL issues one IRQ_HANDLER capability per line,
 * bound to a notification: when the line fires the kernel masks it and signals the
 * notification with that notification capability's badge; IRQ_HANDLER_ACK unmasks it.
 */
#ifndef HELIOS_KERNEL_IRQ_H
#define HELIOS_KERNEL_IRQ_H

#include "helios/kernel/object.h"

struct notification;

/* The notification an IRQ_HANDLER capability signals (NULL if it has none). */
struct notification *irq_handler_notification(const struct cap *c);

#endif
