/*
 * Interrupt lines owned by userspace. IRQ_CONTROL issues one IRQ_HANDLER capability per line,
 * bound to a notification: when the line fires the kernel masks it and signals the
 * notification with that notification capability's badge; IRQ_HANDLER_ACK unmasks it.
 * irq.c keeps the lines; irq_invoke.c is the IRQ_CONTROL_* and IRQ_HANDLER_* methods.
 */
#ifndef HELIOS_KERNEL_IRQ_H
#define HELIOS_KERNEL_IRQ_H

#include <stdbool.h>

struct cap;
struct invocation;
struct notification;

/* ---- irq.c --------------------------------------------------------------------------- */

/* Whether the line has an IRQ_HANDLER capability already. */
bool irq_issued(unsigned irq);
/* Issues line `irq` (issuable, not issued): binds it to a copy of the notification
 * capability `n`, fills the empty slot `dst` with its IRQ_HANDLER capability, a child of
 * `control`, and unmasks it. */
void irq_issue(unsigned irq, struct cap *n, struct cap *dst, struct cap *control);
/* The notification an IRQ_HANDLER capability signals (NULL if it has none). */
struct notification *irq_handler_notification(const struct cap *c);
/* The type table's hook (object.h): the last IRQ_HANDLER capability is gone. */
void irq_handler_finalize(struct cap *c);

/* ---- irq_invoke.c -------------------------------------------------------------------- */

/* IRQ_CONTROL_* and IRQ_HANDLER_* methods (enum helios_error). */
int irq_control_invoke(struct invocation *inv);
int irq_handler_invoke(struct invocation *inv);

#endif
