/* IRQ lines and their handlers (irq.h); kernel_interrupt is arch.h's. */
#include "helios/kernel/irq.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/notification.h"

struct irq_line {
	struct cap notification; /* a copy of the bound notification capability */
	uint32_t issued;
};

static struct irq_line lines[ARCH_IRQ_COUNT];

bool irq_issued(unsigned irq)
{
	return lines[irq].issued;
}

void irq_issue(unsigned irq, struct cap *n, struct cap *dst, struct cap *control)
{
	struct irq_line *line = &lines[irq];
	cap_copy(&line->notification, n, n->rights);
	cap_create(dst, HELIOS_CAP_IRQ_HANDLER, HELIOS_RIGHTS_ALL, (uintptr_t)line, irq, NULL,
		   control);
	line->issued = 1;
	arch_irq_unmask(irq);
}

struct notification *irq_handler_notification(const struct cap *c)
{
	struct irq_line *line = (struct irq_line *)c->object;
	if (line->notification.type != HELIOS_CAP_NOTIFICATION)
		return NULL;
	return (struct notification *)line->notification.object;
}

void kernel_interrupt(unsigned irq)
{
	if (irq >= ARCH_IRQ_COUNT || !lines[irq].issued)
		return; /* nobody owns it: it stays masked */
	struct cap *n = &lines[irq].notification;
	if (n->type == HELIOS_CAP_NOTIFICATION)
		notification_signal((struct notification *)n->object,
				    cap_badge(n));
}

/* The last IRQ_HANDLER capability is gone: mask the line and let it be issued again. */
void irq_handler_finalize(struct cap *c)
{
	struct irq_line *line = (struct irq_line *)c->object;
	arch_irq_mask((unsigned)c->data);
	if (line->notification.type != HELIOS_CAP_NULL)
		cap_delete(&line->notification);
	line->issued = 0;
}
