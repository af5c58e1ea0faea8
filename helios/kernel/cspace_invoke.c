/*
 * Invocations of cspace capabilities. The invoked cspace is the destination (or the cspace
 * acted on); a source cspace is a capability parameter. Rights: the invoked cap needs WRITE
 * to change its cspace; a source cspace needs READ to copy or mint from it and READ|WRITE to
 * move out of it. Reserving the destination slot is always the last check, so a failed
 * invocation leaves the free list as it was.
 */
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"

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
static int reserve_dest(struct cspace *dest, uint64_t dest_slot, struct cap **out)
{
	helios_caddr_t caddr;
	int err = caddr_param(dest_slot, &caddr);
	if (err)
		return err;
	return cspace_reserve(dest, caddr, out);
}

/* Records the slot of `dest` a new capability went to as result 0. (Not found again through
 * inv->cap: a move may have just moved the invoked capability itself.) */
static int result_slot(struct invocation *inv, struct cspace *dest, struct cap *slot)
{
	inv->results[0] = cspace_caddr(dest, slot);
	inv->nresults = 1;
	return HELIOS_OK;
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
 * CSPACE_COPY (dest_slot, src_cspace, src_slot, rights) and CSPACE_MINT (..., badge): a new
 * capability to the same object with the rights of the source masked by `rights`. Mint also
 * gives an endpoint or notification capability its badge; other types ignore the badge.
 * Reply capabilities are one-shot: they can only be moved.
 */
static int copy_or_mint(struct invocation *inv, bool mint)
{
	INVOKE_NEED_PARAMS(inv, mint ? 5 : 4);
	uint64_t rights = inv->params[3];
	uint64_t badge = mint ? inv->params[4] : 0;
	if (rights & ~(uint64_t)HELIOS_RIGHTS_ALL)
		return HELIOS_ERR_INVALID_PARAM;
	struct cap *src;
	int err = decode_source(inv, inv->params[1], inv->params[2], HELIOS_RIGHT_READ, &src);
	if (err)
		return err;
	if (src->type == HELIOS_CAP_REPLY)
		return HELIOS_ERR_INVALID_TYPE;
	bool badge_it = mint && (src->type == HELIOS_CAP_ENDPOINT ||
				 src->type == HELIOS_CAP_NOTIFICATION);
	if (badge_it && (badge == 0 || (src->flags & CAP_FLAG_BADGED)))
		return HELIOS_ERR_INVALID_PARAM;
	struct cspace *dest = cspace_of(inv->cap);
	struct cap *dst;
	err = reserve_dest(dest, inv->params[0], &dst);
	if (err)
		return err;

	cap_copy(dst, src, (uint8_t)rights);
	if (badge_it) {
		dst->data = badge;
		dst->flags |= CAP_FLAG_BADGED;
	}
	return result_slot(inv, dest, dst);
}

static int cspace_copy(struct invocation *inv)
{
	return copy_or_mint(inv, false);
}

static int cspace_mint(struct invocation *inv)
{
	return copy_or_mint(inv, true);
}

/* CSPACE_MOVE (dest_slot, src_cspace, src_slot) -> (dest slot). */
static int cspace_move(struct invocation *inv)
{
	INVOKE_NEED_PARAMS(inv, 3);
	struct cap *src;
	int err = decode_source(inv, inv->params[1], inv->params[2],
				HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE, &src);
	if (err)
		return err;
	struct cspace *dest = cspace_of(inv->cap);
	if (src->owner == dest && inv->params[0] == inv->params[2])
		return HELIOS_ERR_INVALID_PARAM;
	struct cap *dst;
	err = reserve_dest(dest, inv->params[0], &dst);
	if (err)
		return err;

	cap_move(dst, src);
	return result_slot(inv, dest, dst);
}

/* The capability at parameter 0 of a DELETE or REVOKE. */
static int decode_target(struct invocation *inv, struct cap **out)
{
	INVOKE_NEED_PARAMS(inv, 1);
	helios_caddr_t caddr;
	int err = caddr_param(inv->params[0], &caddr);
	if (err)
		return err;
	return cspace_lookup(cspace_of(inv->cap), caddr, out);
}

/* CSPACE_DELETE (slot). */
static int cspace_delete(struct invocation *inv)
{
	struct cap *c;
	int err = decode_target(inv, &c);
	if (err)
		return err;
	cap_delete(c);
	return HELIOS_OK;
}

/* CSPACE_REVOKE (slot): every capability derived from the one in slot; it stays. */
static int cspace_revoke(struct invocation *inv)
{
	struct cap *c;
	int err = decode_target(inv, &c);
	if (err)
		return err;
	cap_revoke(c);
	return HELIOS_OK;
}

/* CSPACE_SAVE_REPLY (dest_slot) -> (dest slot): keeps the caller's reply capability so the
 * caller can answer later with a send on it. */
static int cspace_save_reply(struct invocation *inv)
{
	INVOKE_NEED_PARAMS(inv, 1);
	struct cap *reply = task_reply_slot(inv->caller);
	if (reply->type == HELIOS_CAP_NULL)
		return HELIOS_ERR_INVALID_CSLOT;
	struct cspace *dest = cspace_of(inv->cap);
	struct cap *dst;
	int err = reserve_dest(dest, inv->params[0], &dst);
	if (err)
		return err;

	cap_move(dst, reply);
	return result_slot(inv, dest, dst);
}

/* CSPACE_INFO () -> (slots, free slots). */
static int cspace_info(struct invocation *inv)
{
	struct cspace *cs = cspace_of(inv->cap);
	inv->results[0] = cs->slot_count;
	inv->results[1] = cs->free_count;
	inv->nresults = 2;
	return HELIOS_OK;
}

/* The methods: INFO only looks; everything else changes the cspace and needs WRITE. */
int cspace_invoke(struct invocation *inv)
{
	int (*method)(struct invocation *);
	switch (inv->label) {
	case HELIOS_CSPACE_INFO:
		return cspace_info(inv);
	case HELIOS_CSPACE_COPY:
		method = cspace_copy;
		break;
	case HELIOS_CSPACE_MINT:
		method = cspace_mint;
		break;
	case HELIOS_CSPACE_MOVE:
		method = cspace_move;
		break;
	case HELIOS_CSPACE_DELETE:
		method = cspace_delete;
		break;
	case HELIOS_CSPACE_REVOKE:
		method = cspace_revoke;
		break;
	case HELIOS_CSPACE_SAVE_REPLY:
		method = cspace_save_reply;
		break;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	return method(inv);
}
