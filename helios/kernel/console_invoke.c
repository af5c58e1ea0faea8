/*
 * CONSOLE_HAND_OVER: the kernel gives its console's device to userspace, once (abi.h). The
 * decode step checks the right and that it has not happened yet, and reserves the slot for the
 * UART's page where there is one; the invoke step cannot fail (invoke.h). The kernel's own
 * output goes on: it only ever polls the transmitter, and sets it up again before a panic.
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/invoke.h"

static bool handed_over;

/* A decoded CONSOLE_HAND_OVER. */
struct hand_over {
	uint64_t base, size; /* the registers' page; size 0: none (x86_64: ports) */
	struct cap *dst;     /* reserved when there is a page */
};

static int decode_hand_over(struct invocation *inv, struct hand_over *h)
{
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 1);
	if (handed_over)
		return HELIOS_ERR_IN_USE;
	arch_console_region(&h->base, &h->size);
	h->dst = NULL;
	return h->size ? invoke_reserve_slot(inv, inv->params[0], &h->dst) : HELIOS_OK;
}

/* -> (slot of the UART's DEVICE_MEMORY, or HELIOS_CADDR_UNDEF). */
static void invoke_hand_over(struct invocation *inv, const struct hand_over *h)
{
	handed_over = true;
	arch_console_hand_over();
	if (!h->dst) {
		inv->results[0] = HELIOS_CADDR_UNDEF;
		inv->nresults = 1;
		return;
	}
	cap_create(h->dst, HELIOS_CAP_DEVICE_MEMORY, HELIOS_RIGHTS_ALL, phys_to_virt(h->base),
		   h->size, NULL, NULL);
	invoke_result_slot(inv, h->dst);
}

int console_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_CONSOLE_HAND_OVER)
		return HELIOS_ERR_INVALID_METHOD;
	struct hand_over h;
	int err = decode_hand_over(inv, &h);
	if (err)
		return err;
	invoke_hand_over(inv, &h);
	return HELIOS_OK;
}
