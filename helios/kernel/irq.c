/* IRQ control and IRQ handlers (irq.h). */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/notification.h"
#include "helios/kernel/irq.h"

struct irq_line {
	struct cap notification; /* a copy of the bound notification capability */
	uint32_t issued;
};

static struct irq_line lines[ARCH_IRQ_COUNT];
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

/* IRQ_CONTROL_ISSUE (irq, notification, dest_slot) -> (dest slot). */
int irq_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IRQ_CONTROL_ISSUE)
		return HELIOS_ERR_INVALID_METHOD;
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	INVOKE_NEED_PARAMS(inv, 3);
	uint64_t irq = inv->params[0];
	struct cap *n, *dst;
	if (irq >= ARCH_IRQ_COUNT || !arch_irq_issuable((unsigned)irq))
		return HELIOS_ERR_INVALID_PARAM;
	if (lines[irq].issued)
		return HELIOS_ERR_IN_USE;
	int err = invoke_cap_param(inv, inv->params[1], HELIOS_CAP_NOTIFICATION, &n);
	if (err)
		return err;
	if (!(n->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	if (inv->params[2] > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	err = cspace_reserve(inv->cspace, (helios_caddr_t)inv->params[2], &dst);
	if (err)
		return err;
	struct irq_line *line = &lines[irq];
	cap_copy(&line->notification, n, n->rights);
	cap_create(dst, HELIOS_CAP_IRQ_HANDLER, HELIOS_RIGHTS_ALL, (uintptr_t)line, irq, NULL,
		   inv->cap);
	line->issued = 1;
	arch_irq_unmask((unsigned)irq);
	inv->results[0] = cspace_caddr(inv->cspace, dst);
	inv->nresults = 1;
	return HELIOS_OK;
}

/* IRQ_HANDLER_ACK (): the handler has dealt with the line; let it fire again. */
int irq_handler_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IRQ_HANDLER_ACK)
		return HELIOS_ERR_INVALID_METHOD;
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	arch_irq_unmask((unsigned)inv->cap->data);
	return HELIOS_OK;
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
