/*
 * The registry's handlers (registry.h). Invariants every handler keeps, whatever the message:
 * `received` is empty when it returns (the published endpoint moved into the table or
 * deleted), a waiter's slot is empty once it is answered, and an entry whose endpoint a
 * supervisor revoked is dropped when found, never handed out.
 */
#include "mercury/registry/registry.h"

#include <string.h>

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

/* The name, if valid, and whether the caller's rules allow verb on it. */
static int check(const struct registry *r, uint64_t badge, enum registry_verb verb,
		 uint32_t iface, const char *instance, struct registry_name *name)
{
	if (!registry_name_set(name, iface, instance))
		return MERCURY_REGISTRY_ERROR_BAD_NAME;
	if (!registry_policy_allows(&r->policy, badge, verb, name))
		return MERCURY_REGISTRY_ERROR_NOT_ALLOWED;
	return HELIOS_OK;
}

/* A supervisor that revokes a dead server's endpoint empties the entry's slot too. */
static bool entry_alive(const struct registry_entry *e)
{
	unsigned type;
	return helios_identify(e->slot, &type, NULL) == HELIOS_OK;
}

/* The entry of name if its endpoint is still there; a revoked one is dropped. */
static struct registry_entry *find_live(struct registry *r, const struct registry_name *name)
{
	struct registry_entry *e = registry_table_find(&r->table, name);
	if (e && !entry_alive(e)) {
		registry_table_remove(e);
		e = NULL;
	}
	return e;
}

static void drop_revoked(struct registry *r)
{
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++)
		if (r->table.entries[i].used && !entry_alive(&r->table.entries[i]))
			registry_table_remove(&r->table.entries[i]);
}

/* Empties `outgoing`. The copy a client received from it is its child, and moves up to the
 * entry's copy: revoking that still reaches every client. */
static void clear_outgoing(struct registry *r)
{
	helios_cspace_delete(rt_cspace, r->outgoing); /* INVALID_CSLOT: empty already */
}

/* A copy of e's endpoint badged with the caller's registry badge, in `outgoing`. An entry whose
 * endpoint was revoked is dropped: NOT_FOUND (the mint finds its slot empty, which saves the
 * common case a liveness check). */
static int hand_out(struct registry *r, struct registry_entry *e, uint64_t badge,
		    helios_caddr_t *service, uint64_t *generation)
{
	clear_outgoing(r);
	int err = helios_cspace_mint(rt_cspace, r->outgoing, rt_cspace, e->slot,
				     REGISTRY_CLIENT_RIGHTS, badge, NULL);
	if (err == HELIOS_ERR_INVALID_CSLOT) {
		registry_table_remove(e);
		return MERCURY_REGISTRY_ERROR_NOT_FOUND;
	}
	if (err)
		return err;
	*service = r->outgoing;
	*generation = e->generation;
	return HELIOS_OK;
}

/* A published endpoint must be callable and unbadged (mint refuses to badge it twice). */
static int check_endpoint(struct registry *r, helios_caddr_t service)
{
	unsigned type, rights;
	int err = helios_identify(service, &type, &rights);
	if (err)
		return err;
	if (!(rights & HELIOS_RIGHT_WRITE))
		return MERCURY_REGISTRY_ERROR_BAD_ENDPOINT;
	clear_outgoing(r);
	err = helios_cspace_mint(rt_cspace, r->outgoing, rt_cspace, service, HELIOS_RIGHT_WRITE, 1,
				 NULL);
	clear_outgoing(r);
	return err == HELIOS_ERR_INVALID_PARAM ? MERCURY_REGISTRY_ERROR_BAD_ENDPOINT : err;
}

/* Answers every waiter that the new instance e satisfies. */
static void answer_waiters(struct registry *r, struct registry_entry *e)
{
	struct registry_waiter *w;
	while ((w = registry_waiters_answered_by(&r->waiters, &e->name, e->generation))) {
		helios_caddr_t service = HELIOS_CADDR_UNDEF;
		uint64_t generation = 0;
		int err = hand_out(r, e, w->badge, &service, &generation);
		/* DELETED: the waiter is gone; either way its reply capability is used up. */
		mercury_registry_await_reply(w->reply, err, service, generation);
		helios_cspace_delete(rt_cspace, w->reply);
		registry_waiters_remove(w);
	}
}

static int add_entry(struct registry *r, uint64_t badge, const struct registry_name *name,
		     helios_caddr_t service, uint64_t *generation)
{
	if (find_live(r, name))
		return MERCURY_REGISTRY_ERROR_ALREADY_REGISTERED;
	int err = check_endpoint(r, service);
	if (err)
		return err;
	struct registry_entry *e = registry_table_add(&r->table, name, badge);
	if (!e) {
		drop_revoked(r);
		e = registry_table_add(&r->table, name, badge);
	}
	if (!e)
		return MERCURY_REGISTRY_ERROR_FULL;
	err = helios_cspace_move(rt_cspace, e->slot, rt_cspace, service, NULL);
	if (err) {
		registry_table_remove(e);
		return err;
	}
	*generation = e->generation;
	answer_waiters(r, e);
	return HELIOS_OK;
}

static int publish(void *ctx, const struct ipcgen_request *req, uint32_t iface,
		   const char *instance, helios_caddr_t service, uint64_t *generation)
{
	struct registry *r = ctx;
	struct registry_name name;
	int err = check(r, req->badge, REGISTRY_PUBLISH, iface, instance, &name);
	if (!err)
		err = add_entry(r, req->badge, &name, service, generation);
	helios_cspace_delete(rt_cspace, service); /* unless it moved into the table */
	return err;
}

static int withdraw(void *ctx, const struct ipcgen_request *req, uint32_t iface,
		    const char *instance)
{
	struct registry *r = ctx;
	struct registry_name name;
	int err = check(r, req->badge, REGISTRY_PUBLISH, iface, instance, &name);
	if (err)
		return err;
	struct registry_entry *e = find_live(r, &name);
	if (!e)
		return MERCURY_REGISTRY_ERROR_NOT_FOUND;
	if (e->publisher != req->badge)
		return MERCURY_REGISTRY_ERROR_NOT_ALLOWED;
	/* Every copy handed out is a descendant of the entry's: clients' calls now fail. */
	helios_cspace_revoke(rt_cspace, e->slot);
	helios_cspace_delete(rt_cspace, e->slot);
	registry_table_remove(e);
	return HELIOS_OK;
}

/* The caller's copy of the instance of name if it is newer than `after`; else NOT_FOUND. */
static int find_newer(struct registry *r, const struct ipcgen_request *req, uint32_t iface,
		      const char *instance, uint64_t after, struct registry_name *name,
		      helios_caddr_t *service, uint64_t *generation)
{
	int err = check(r, req->badge, REGISTRY_LOOKUP, iface, instance, name);
	if (err)
		return err;
	struct registry_entry *e = registry_table_find(&r->table, name);
	if (!e || e->generation <= after)
		return MERCURY_REGISTRY_ERROR_NOT_FOUND;
	return hand_out(r, e, req->badge, service, generation);
}

static int lookup(void *ctx, const struct ipcgen_request *req, uint32_t iface,
		  const char *instance, helios_caddr_t *service, uint64_t *generation)
{
	struct registry_name name;
	return find_newer(ctx, req, iface, instance, 0, &name, service, generation);
}

static int await(void *ctx, const struct ipcgen_request *req, uint32_t iface,
		 const char *instance, uint64_t after, helios_caddr_t *service,
		 uint64_t *generation)
{
	struct registry *r = ctx;
	struct registry_name name;
	int err = find_newer(r, req, iface, instance, after, &name, service, generation);
	if (err != MERCURY_REGISTRY_ERROR_NOT_FOUND)
		return err;
	struct registry_waiter *w = registry_waiters_add(&r->waiters, &name, after, req->badge);
	if (!w)
		return MERCURY_REGISTRY_ERROR_FULL;
	err = ipcgen_defer(w->reply, NULL);
	if (err) {
		registry_waiters_remove(w);
		return err;
	}
	return IPCGEN_DEFERRED;
}

static int list(void *ctx, const struct ipcgen_request *req, uint32_t index, uint32_t *iface,
		char *instance, uint64_t *generation, uint64_t *publisher)
{
	struct registry *r = ctx;
	drop_revoked(r);
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++) {
		const struct registry_entry *e = &r->table.entries[i];
		if (!e->used ||
		    !registry_policy_allows(&r->policy, req->badge, REGISTRY_LOOKUP, &e->name))
			continue;
		if (index > 0) {
			index--;
			continue;
		}
		*iface = e->name.iface;
		memcpy(instance, e->name.instance, sizeof(e->name.instance));
		*generation = e->generation;
		*publisher = e->publisher;
		return HELIOS_OK;
	}
	return MERCURY_REGISTRY_ERROR_NOT_FOUND;
}

static const struct mercury_registry_server handlers = {
	.publish = publish,
	.withdraw = withdraw,
	.lookup = lookup,
	.await = await,
	.list = list,
};

/* The table's slots, the waiters', `received` and `outgoing`, consecutive. */
#define REGISTRY_SLOTS (REGISTRY_SERVICES_MAX + REGISTRY_WAITERS_MAX + 2)

int registry_init(struct registry *r, helios_caddr_t ep)
{
	helios_caddr_t first = rt_slot_alloc_range(REGISTRY_SLOTS);
	if (first == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	r->ep = ep;
	r->policy.count = 0;
	registry_table_init(&r->table, first);
	registry_waiters_init(&r->waiters, first + REGISTRY_SERVICES_MAX);
	r->received = first + REGISTRY_SERVICES_MAX + REGISTRY_WAITERS_MAX;
	r->outgoing = r->received + 1;
	return HELIOS_OK;
}

int registry_serve(struct registry *r)
{
	/* One slot for every capability a message may carry: only publish takes one, and a
	 * sender of more gets the first there and the rest refused by the kernel. */
	const helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS] = {
		r->received, r->received, r->received, r->received
	};
	return mercury_registry_serve(r->ep, &handlers, r, recv_slots);
}
