/*
 * CSPACE_* methods. The invoked cspace is the destination (or the cspace acted on); a source
 * cspace is a capability parameter. Rights: the invoked cap needs WRITE to change its cspace;
 * a source cspace needs READ to copy or mint from it and READ|WRITE to move out of it.
 * decode_cspace checks all that and reserves the destination slot, always as the last check,
 * so a refused invocation leaves the free list as it was; invoke_cspace then acts and cannot
 * fail (invoke.h).
 */
#include "helios/kernel/cspace.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/invoke.h"
#include "helios/kernel/task.h"

/* A decoded CSPACE_* invocation. */
struct cspace_call {
	struct cap *src; /* COPY, MINT, MOVE, SAVE_REPLY: what goes to dst; DELETE, REVOKE: the
			  * capability acted on */
	struct cap *dst; /* COPY, MINT, MOVE, SAVE_REPLY: the reserved destination slot */
	uint8_t rights;  /* COPY, MINT: the source's rights are masked by these */
	uint64_t badge;  /* MINT of an endpoint or notification: its badge; else 0 */
};

/* The cspace a CSPACE capability names. */
static struct cspace *cspace_of(const struct cap *c)
{
	return (struct cspace *)c->object;
}

/* A slot parameter as a caddr: INVALID_CADDR when it does not even fit 32 bits. */
static int caddr_param(uint64_t value, helios_caddr_t *out)
{
	if (value > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	*out = (helios_caddr_t)value;
	return HELIOS_OK;
}

/* The destination slot, empty and taken off the free list, for a new capability. */
static int reserve_dest(struct invocation *inv, uint64_t dest_slot, struct cap **out)
{
	helios_caddr_t caddr;
	int err = caddr_param(dest_slot, &caddr);
	if (err)
		return err;
	return cspace_reserve(cspace_of(inv->cap), caddr, out);
}

/* Finds the source capability (src_cspace, src_slot), the source cspace needing `rights`. */
static int decode_source(struct invocation *inv, uint64_t src_cspace, uint64_t src_slot,
			 unsigned rights, struct cap **out)
{
	struct cap *cs_cap;
	int err = invoke_cap_param(inv, src_cspace, HELIOS_CAP_CSPACE, &cs_cap);
	if (err)
		return err;
	if ((cs_cap->rights & rights) != rights)
		return HELIOS_ERR_ACCESS;
	helios_caddr_t caddr;
	err = caddr_param(src_slot, &caddr);
	if (err)
		return err;
	return cspace_lookup(cspace_of(cs_cap), caddr, out);
}

/*
 * COPY (dest_slot, src_cspace, src_slot, rights) and MINT (..., badge): a new capability to the
 * same object with the rights of the source masked by `rights`. Mint also gives an endpoint or
 * notification capability its badge; other types ignore the badge. Reply capabilities are
 * one-shot: they can only be moved.
 */
static int decode_copy(struct invocation *inv, struct cspace_call *call)
{
	bool mint = inv->label == HELIOS_CSPACE_MINT;
	INVOKE_NEED_PARAMS(inv, mint ? 5 : 4);
	uint64_t rights = inv->params[3];
	uint64_t badge = mint ? inv->params[4] : 0;
	if (rights & ~(uint64_t)HELIOS_RIGHTS_ALL)
		return HELIOS_ERR_INVALID_PARAM;
	int err = decode_source(inv, inv->params[1], inv->params[2], HELIOS_RIGHT_READ, &call->src);
	if (err)
		return err;
	const struct cap *src = call->src;
	if (src->type == HELIOS_CAP_REPLY)
		return HELIOS_ERR_INVALID_TYPE;
	bool badge_it = mint && (src->type == HELIOS_CAP_ENDPOINT ||
				 src->type == HELIOS_CAP_NOTIFICATION);
	if (badge_it && (badge == 0 || (src->flags & CAP_FLAG_BADGED)))
		return HELIOS_ERR_INVALID_PARAM;
	call->rights = (uint8_t)rights;
	call->badge = badge_it ? badge : 0;
	return reserve_dest(inv, inv->params[0], &call->dst);
}

/* MOVE (dest_slot, src_cspace, src_slot). */
static int decode_move(struct invocation *inv, struct cspace_call *call)
{
	INVOKE_NEED_PARAMS(inv, 3);
	int err = decode_source(inv, inv->params[1], inv->params[2],
				HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE, &call->src);
	if (err)
		return err;
	if (call->src->owner == cspace_of(inv->cap) && inv->params[0] == inv->params[2])
		return HELIOS_ERR_INVALID_PARAM;
	return reserve_dest(inv, inv->params[0], &call->dst);
}

/* DELETE (slot) and REVOKE (slot): the capability in slot of the invoked cspace. */
static int decode_target(struct invocation *inv, struct cspace_call *call)
{
	INVOKE_NEED_PARAMS(inv, 1);
	helios_caddr_t caddr;
	int err = caddr_param(inv->params[0], &caddr);
	if (err)
		return err;
	return cspace_lookup(cspace_of(inv->cap), caddr, &call->src);
}

/* SAVE_REPLY (dest_slot): keeps the caller's reply capability so the caller can answer later
 * with a send on it. */
static int decode_save_reply(struct invocation *inv, struct cspace_call *call)
{
	INVOKE_NEED_PARAMS(inv, 1);
	call->src = task_reply_slot(inv->caller);
	if (call->src->type == HELIOS_CAP_NULL)
		return HELIOS_ERR_INVALID_CSLOT;
	return reserve_dest(inv, inv->params[0], &call->dst);
}

/* INFO only looks; everything else changes the cspace and needs WRITE. */
static int decode_cspace(struct invocation *inv, struct cspace_call *call)
{
	int (*decode)(struct invocation *, struct cspace_call *);
	switch (inv->label) {
	case HELIOS_CSPACE_INFO:
		return HELIOS_OK;
	case HELIOS_CSPACE_COPY:
	case HELIOS_CSPACE_MINT:
		decode = decode_copy;
		break;
	case HELIOS_CSPACE_MOVE:
		decode = decode_move;
		break;
	case HELIOS_CSPACE_DELETE:
	case HELIOS_CSPACE_REVOKE:
		decode = decode_target;
		break;
	case HELIOS_CSPACE_SAVE_REPLY:
		decode = decode_save_reply;
		break;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	return decode(inv, call);
}

/* INFO () -> (slots, free slots); COPY, MINT, MOVE, SAVE_REPLY -> (dest slot). */
static void invoke_cspace(struct invocation *inv, const struct cspace_call *call)
{
	struct cspace *cs = cspace_of(inv->cap);
	switch (inv->label) {
	case HELIOS_CSPACE_INFO:
		inv->results[0] = cs->slot_count;
		inv->results[1] = cs->free_count;
		inv->nresults = 2;
		break;
	case HELIOS_CSPACE_COPY:
	case HELIOS_CSPACE_MINT:
		cap_copy(call->dst, call->src, call->rights);
		if (call->badge) {
			call->dst->data = call->badge;
			call->dst->flags |= CAP_FLAG_BADGED;
		}
		invoke_result_slot(inv, call->dst);
		break;
	case HELIOS_CSPACE_MOVE:
	case HELIOS_CSPACE_SAVE_REPLY:
		cap_move(call->dst, call->src);
		invoke_result_slot(inv, call->dst);
		break;
	case HELIOS_CSPACE_DELETE:
		cap_delete(call->src);
		break;
	case HELIOS_CSPACE_REVOKE:
		cap_revoke(call->src);
		break;
	}
}

int cspace_invoke(struct invocation *inv)
{
	struct cspace_call call;
	int err = decode_cspace(inv, &call);
	if (err)
		return err;
	invoke_cspace(inv, &call);
	return HELIOS_OK;
}
