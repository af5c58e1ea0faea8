/*
 * IRQ_CONTROL_ISSUE and IRQ_HANDLER_ACK. The decode step checks the line, the notification
 * and the rights and reserves the destination slot; the invoke step cannot fail (invoke.h).
 */
#include "helios/kernel/irq.h"

#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/invoke.h"

/* A decoded IRQ_CONTROL_ISSUE. */
struct issue_irq {
	unsigned irq;
	struct cap *notification;
	struct cap *dst; /* reserved */
};

/* IRQ_CONTROL_ISSUE (irq, notification, dest_slot). Reserving the slot is the last check. */
static int decode_issue_irq(struct invocation *inv, struct issue_irq *issue)
{
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	INVOKE_NEED_PARAMS(inv, 3);
	uint64_t irq = inv->params[0];
	if (irq >= ARCH_IRQ_COUNT || !arch_irq_issuable((unsigned)irq))
		return HELIOS_ERR_INVALID_PARAM;
	if (irq_issued((unsigned)irq))
		return HELIOS_ERR_IN_USE;
	struct cap *n;
	int err = invoke_cap_param(inv, inv->params[1], HELIOS_CAP_NOTIFICATION, &n);
	if (err)
		return err;
	if (!(n->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	issue->irq = (unsigned)irq;
	issue->notification = n;
	return invoke_reserve_slot(inv, inv->params[2], &issue->dst);
}

/* -> (dest slot). */
static void invoke_issue_irq(struct invocation *inv, const struct issue_irq *issue)
{
	irq_issue(issue->irq, issue->notification, issue->dst, inv->cap);
	invoke_result_slot(inv, issue->dst);
}

int irq_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IRQ_CONTROL_ISSUE)
		return HELIOS_ERR_INVALID_METHOD;
	struct issue_irq issue;
	int err = decode_issue_irq(inv, &issue);
	if (err)
		return err;
	invoke_issue_irq(inv, &issue);
	return HELIOS_OK;
}

/* IRQ_HANDLER_ACK (): the handler has dealt with the line; let it fire again. Nothing to
 * decode but the right. */
int irq_handler_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_IRQ_HANDLER_ACK)
		return HELIOS_ERR_INVALID_METHOD;
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	arch_irq_unmask((unsigned)inv->cap->data);
	return HELIOS_OK;
}
