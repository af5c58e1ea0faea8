/*
 * Capability spaces: every CSPACE method, each of its errors, rights, badges, the derivation
 * tree (revoke, delete), cspaces made by retype, the kernel's slot choice.
 */
#include "helios/tests/ktest.h"

/* Sends one message through `via` (nbsend to a waiting receiver is not needed: a thread
 * receives it) and checks that it arrives through `recv` with the badge. */
struct relay {
	helios_caddr_t ep;
	uint64_t badge, label;
};

static int relay_receive(void *arg)
{
	struct relay *r = arg;
	struct helios_msg m;
	KT_OK(helios_recv(r->ep, &m));
	r->badge = m.value;
	r->label = helios_tag_label(m.tag);
	return 0;
}

static void send_and_check(helios_caddr_t via, helios_caddr_t recv_ep, uint64_t badge)
{
	struct relay r = { .ep = recv_ep };
	struct rt_thread t;
	kt_spawn(&t, relay_receive, &r, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_msg m = { .tag = helios_tag(0x55, 0, 0) };
	KT_OK(helios_send(via, &m));
	kt_join(&t);
	KT_EQ(r.label, 0x55);
	KT_EQ(r.badge, badge);
}

KTEST(cspace_info)
{
	uint64_t slots, free_before, free_after;
	KT_OK(helios_cspace_info(rt_cspace, &slots, &free_before));
	KT_EQ(slots, rt_info->cspace_slots);
	KT_CHECK(free_before > 0 && free_before < slots);
	helios_caddr_t ep = kt_endpoint();
	KT_OK(helios_cspace_info(rt_cspace, NULL, &free_after));
	KT_EQ(free_after, free_before - 1);
	KT_OK(rt_free(ep));
	KT_OK(helios_cspace_info(rt_cspace, NULL, &free_after));
	KT_EQ(free_after, free_before);
}

KTEST(cspace_copy)
{
	helios_caddr_t ep = kt_endpoint(), dest = kt_slot(), got = 0;
	KT_OK(helios_cspace_copy(rt_cspace, dest, rt_cspace, ep, HELIOS_RIGHTS_ALL, &got));
	KT_EQ(got, dest);
	unsigned type, rights;
	KT_OK(helios_identify(dest, &type, &rights));
	KT_EQ(type, HELIOS_CAP_ENDPOINT);
	KT_EQ(rights, HELIOS_RIGHTS_ALL);
	/* Both name the same endpoint. */
	send_and_check(dest, ep, 0);
	send_and_check(ep, dest, 0);
}

KTEST(cspace_copy_masks_rights)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t r = kt_copy(ep, HELIOS_RIGHT_READ);
	unsigned rights;
	KT_OK(helios_identify(r, NULL, &rights));
	KT_EQ(rights, HELIOS_RIGHT_READ);
	/* A copy of the copy cannot get back what was dropped. */
	helios_caddr_t rr = kt_copy(r, HELIOS_RIGHTS_ALL);
	KT_OK(helios_identify(rr, NULL, &rights));
	KT_EQ(rights, HELIOS_RIGHT_READ);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_nbsend(rr, &m), HELIOS_ERR_ACCESS);
	helios_caddr_t none = kt_copy(ep, 0);
	KT_OK(helios_identify(none, NULL, &rights));
	KT_EQ(rights, 0);
	KT_ERR(helios_nbrecv(none, &m), HELIOS_ERR_ACCESS);
}

KTEST(cspace_copy_errors)
{
	helios_caddr_t ep = kt_endpoint(), dest = kt_slot(), empty = kt_slot();
	KT_ERR(helios_cspace_copy(rt_cspace, dest, rt_cspace, ep, 8, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_cspace_copy(rt_cspace, dest, rt_cspace, empty, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_copy(rt_cspace, ep, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_copy(rt_cspace, rt_info->cspace_slots, rt_cspace, ep,
				  HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_cspace_copy(rt_cspace, dest, rt_cspace, rt_info->cspace_slots + 1,
				  HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_cspace_copy(rt_cspace, dest, ep, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_cspace_copy(rt_cspace, dest, empty, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	/* Slots above 32 bits are not truncated. */
	uint64_t p[] = { 1ull << 32 | dest, rt_cspace, ep, HELIOS_RIGHTS_ALL };
	KT_ERR(helios_invoke(rt_cspace, HELIOS_CSPACE_COPY, 4, p, NULL, 0),
	       HELIOS_ERR_INVALID_CADDR);
	/* Nothing arrived anywhere. */
	KT_EQ(kt_type(dest), HELIOS_CAP_NULL);
}

KTEST(cspace_copy_kernel_picks_slot)
{
	helios_caddr_t ep = kt_endpoint(), got = HELIOS_CADDR_UNDEF;
	uint64_t free_before, free_after;
	KT_OK(helios_cspace_info(rt_cspace, NULL, &free_before));
	KT_OK(helios_cspace_copy(rt_cspace, HELIOS_CADDR_UNDEF, rt_cspace, ep, HELIOS_RIGHTS_ALL,
				 &got));
	KT_CHECK(got != HELIOS_CADDR_UNDEF && got != 0 && got < rt_info->cspace_slots);
	KT_EQ(kt_type(got), HELIOS_CAP_ENDPOINT);
	KT_OK(helios_cspace_info(rt_cspace, NULL, &free_after));
	KT_EQ(free_after, free_before - 1);
	KT_OK(helios_cspace_delete(rt_cspace, got));
}

KTEST(cspace_rights_of_cspace_caps)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t ro = kt_copy(rt_cspace, HELIOS_RIGHT_READ);
	helios_caddr_t wo = kt_copy(rt_cspace, HELIOS_RIGHT_WRITE);
	/* Changing a cspace needs WRITE on it; copying out of one needs READ; moving both. */
	KT_ERR(helios_cspace_copy(ro, kt_slot(), rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_ACCESS);
	KT_ERR(helios_cspace_copy(rt_cspace, kt_slot(), wo, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_ACCESS);
	KT_ERR(helios_cspace_move(rt_cspace, kt_slot(), ro, ep, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_cspace_delete(ro, ep), HELIOS_ERR_ACCESS);
	/* INFO only looks. */
	uint64_t slots;
	KT_OK(helios_cspace_info(ro, &slots, NULL));
	KT_EQ(slots, rt_info->cspace_slots);
	KT_OK(helios_cspace_copy(wo, kt_slot(), ro, ep, HELIOS_RIGHTS_ALL, NULL));
}

KTEST(cspace_mint_badge)
{
	helios_caddr_t ep = kt_endpoint(), got = 0, dest = kt_slot();
	KT_OK(helios_cspace_mint(rt_cspace, dest, rt_cspace, ep, HELIOS_RIGHTS_ALL, 0xbadce11,
				 &got));
	KT_EQ(got, dest);
	send_and_check(dest, ep, 0xbadce11);
	/* A copy of a badged capability keeps the badge. */
	send_and_check(kt_copy(dest, HELIOS_RIGHTS_ALL), ep, 0xbadce11);
	send_and_check(ep, dest, 0);
}

KTEST(cspace_mint_errors)
{
	helios_caddr_t ep = kt_endpoint();
	KT_ERR(helios_cspace_mint(rt_cspace, kt_slot(), rt_cspace, ep, HELIOS_RIGHTS_ALL, 0, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	helios_caddr_t badged = kt_mint(ep, HELIOS_RIGHTS_ALL, 7);
	KT_ERR(helios_cspace_mint(rt_cspace, kt_slot(), rt_cspace, badged, HELIOS_RIGHTS_ALL, 9,
				  NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_cspace_mint(rt_cspace, kt_slot(), rt_cspace, ep, 0x10, 9, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_cspace_mint(rt_cspace, badged, rt_cspace, ep, HELIOS_RIGHTS_ALL, 9, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	/* Types without badges: a mint is a copy. */
	helios_caddr_t n = kt_mint(rt_memory.first, HELIOS_RIGHT_READ, 5);
	unsigned type, rights;
	KT_OK(helios_identify(n, &type, &rights));
	KT_EQ(type, HELIOS_CAP_MEMORY);
	KT_EQ(rights, HELIOS_RIGHT_READ);
}

KTEST(cspace_move)
{
	helios_caddr_t ep = kt_endpoint(), dest = kt_slot(), got = 0;
	KT_OK(helios_cspace_move(rt_cspace, dest, rt_cspace, ep, &got));
	KT_EQ(got, dest);
	KT_EQ(kt_type(ep), HELIOS_CAP_NULL);
	KT_EQ(kt_type(dest), HELIOS_CAP_ENDPOINT);
	helios_caddr_t other = kt_endpoint();
	KT_ERR(helios_cspace_move(rt_cspace, other, rt_cspace, dest, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_move(rt_cspace, dest, rt_cspace, dest, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_cspace_move(rt_cspace, kt_slot(), rt_cspace, ep, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	/* A moved badge stays. */
	helios_caddr_t badged = kt_mint(other, HELIOS_RIGHTS_ALL, 33), moved = kt_slot();
	KT_OK(helios_cspace_move(rt_cspace, moved, rt_cspace, badged, NULL));
	send_and_check(moved, other, 33);
}

KTEST(cspace_delete)
{
	helios_caddr_t ep = kt_endpoint();
	KT_OK(helios_cspace_delete(rt_cspace, ep));
	KT_EQ(kt_type(ep), HELIOS_CAP_NULL);
	KT_ERR(helios_cspace_delete(rt_cspace, ep), HELIOS_ERR_INVALID_CSLOT);
	int err = helios_cspace_delete(rt_cspace, 0);
	KT_CHECK(err == HELIOS_ERR_INVALID_CADDR || err == HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_delete(rt_cspace, rt_info->cspace_slots), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_cspace_delete(rt_cspace, HELIOS_CADDR_UNDEF), HELIOS_ERR_INVALID_CADDR);
}

/* Deleting one copy leaves the object alive; deleting the last destroys it. */
KTEST(cspace_delete_last_copy_frees)
{
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t ep = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, ep, NULL));
	uint64_t used = kt_free(mem);
	KT_CHECK(used < before);
	helios_caddr_t copy = kt_copy(ep, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_delete(rt_cspace, ep));
	KT_EQ(kt_free(mem), used);
	KT_EQ(kt_type(copy), HELIOS_CAP_ENDPOINT);
	KT_OK(helios_cspace_delete(rt_cspace, copy));
	KT_EQ(kt_free(mem), before);
}

KTEST(cspace_revoke)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t a = kt_copy(ep, HELIOS_RIGHTS_ALL);
	helios_caddr_t b = kt_copy(a, HELIOS_RIGHTS_ALL);
	helios_caddr_t c = kt_mint(ep, HELIOS_RIGHTS_ALL, 3);
	helios_caddr_t other = kt_copy(kt_endpoint(), HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_revoke(rt_cspace, ep));
	KT_EQ(kt_type(ep), HELIOS_CAP_ENDPOINT);
	KT_EQ(kt_type(a), HELIOS_CAP_NULL);
	KT_EQ(kt_type(b), HELIOS_CAP_NULL);
	KT_EQ(kt_type(c), HELIOS_CAP_NULL);
	KT_EQ(kt_type(other), HELIOS_CAP_ENDPOINT);
	KT_ERR(helios_cspace_revoke(rt_cspace, a), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_revoke(rt_cspace, rt_info->cspace_slots), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_cspace_revoke(kt_copy(rt_cspace, HELIOS_RIGHT_READ), ep), HELIOS_ERR_ACCESS);
	/* Revoking what has no children changes nothing. */
	KT_OK(helios_cspace_revoke(rt_cspace, ep));
	KT_EQ(kt_type(ep), HELIOS_CAP_ENDPOINT);
}

/* Revoking a memory capability destroys everything made from it. */
KTEST(cspace_revoke_memory)
{
	helios_caddr_t mem = kt_memory(8 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t objs = rt_slot_alloc_range(3);
	KT_CHECK(objs != HELIOS_CADDR_UNDEF);
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_NOTIFICATION, 0, 3, objs, NULL));
	helios_caddr_t page = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, page, NULL));
	helios_caddr_t copy = kt_copy(objs + 1, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_revoke(rt_cspace, mem));
	for (int i = 0; i < 3; i++)
		KT_EQ(kt_type(objs + (helios_caddr_t)i), HELIOS_CAP_NULL);
	KT_EQ(kt_type(page), HELIOS_CAP_NULL);
	KT_EQ(kt_type(copy), HELIOS_CAP_NULL);
	KT_EQ(kt_free(mem), before);
	/* The memory can be used again. */
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 8, rt_slot_alloc_range(8), NULL));
}

/* Deleting a capability with children hands them to its parent: they keep working and a
 * revoke of the grandparent still reaches them. */
KTEST(cspace_delete_keeps_children)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t a = kt_copy(ep, HELIOS_RIGHTS_ALL);
	helios_caddr_t b = kt_copy(a, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_delete(rt_cspace, a));
	KT_EQ(kt_type(b), HELIOS_CAP_ENDPOINT);
	send_and_check(b, ep, 0);
	KT_OK(helios_cspace_revoke(rt_cspace, ep));
	KT_EQ(kt_type(b), HELIOS_CAP_NULL);
}

KTEST(cspace_new_cspace)
{
	helios_caddr_t cs = kt_object(HELIOS_CAP_CSPACE, 64);
	uint64_t slots, free_slots;
	KT_OK(helios_cspace_info(cs, &slots, &free_slots));
	KT_EQ(slots, 64);
	KT_EQ(free_slots, 63);
	helios_caddr_t ep = kt_endpoint(), got = 0;
	KT_OK(helios_cspace_copy(cs, 5, rt_cspace, ep, HELIOS_RIGHT_WRITE, &got));
	KT_EQ(got, 5);
	KT_OK(helios_cspace_info(cs, NULL, &free_slots));
	KT_EQ(free_slots, 62);
	/* And back again. */
	helios_caddr_t back = kt_slot();
	KT_OK(helios_cspace_copy(rt_cspace, back, cs, 5, HELIOS_RIGHTS_ALL, NULL));
	unsigned type, rights;
	KT_OK(helios_identify(back, &type, &rights));
	KT_EQ(type, HELIOS_CAP_ENDPOINT);
	KT_EQ(rights, HELIOS_RIGHT_WRITE);
	KT_ERR(helios_cspace_copy(cs, 64, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	int err = helios_cspace_copy(cs, 0, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL);
	KT_CHECK(err == HELIOS_ERR_INVALID_CADDR || err == HELIOS_ERR_INVALID_CSLOT);
	KT_OK(helios_cspace_delete(cs, 5));
	KT_OK(helios_cspace_info(cs, NULL, &free_slots));
	KT_EQ(free_slots, 63);
}

KTEST(cspace_full)
{
	helios_caddr_t cs = kt_object(HELIOS_CAP_CSPACE, 4);
	helios_caddr_t ep = kt_endpoint();
	for (int i = 0; i < 3; i++) {
		helios_caddr_t got = 0;
		KT_OK(helios_cspace_copy(cs, HELIOS_CADDR_UNDEF, rt_cspace, ep, HELIOS_RIGHTS_ALL,
					 &got));
		KT_CHECK(got >= 1 && got <= 3);
	}
	KT_ERR(helios_cspace_copy(cs, HELIOS_CADDR_UNDEF, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_CSPACE_FULL);
	uint64_t free_slots = 9;
	KT_OK(helios_cspace_info(cs, NULL, &free_slots));
	KT_EQ(free_slots, 0);
}

/* A cspace whose last capability goes deletes what it holds. */
KTEST(cspace_delete_cspace_deletes_contents)
{
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t cs = kt_slot(), ep = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_CSPACE, 8, 1, cs, NULL));
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, ep, NULL));
	KT_OK(helios_cspace_move(cs, 1, rt_cspace, ep, NULL));
	KT_OK(helios_cspace_copy(cs, 2, rt_cspace, rt_memory.first, HELIOS_RIGHTS_ALL, NULL));
	KT_OK(helios_cspace_delete(rt_cspace, cs));
	KT_EQ(kt_free(mem), before);
}

KTEST(cspace_retype_sizes)
{
	KT_ERR(helios_memory_retype(kt_big_memory(), HELIOS_CAP_CSPACE, 0, 1, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_memory_retype(kt_big_memory(), HELIOS_CAP_CSPACE, HELIOS_CSPACE_MAX_SLOTS + 1,
				    1, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_memory_retype(kt_big_memory(), HELIOS_CAP_CSPACE, ~0ull, 1, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_PARAM);
	helios_caddr_t cs = kt_object(HELIOS_CAP_CSPACE, 1);
	uint64_t slots, free_slots;
	KT_OK(helios_cspace_info(cs, &slots, &free_slots));
	KT_EQ(slots, 1);
	KT_EQ(free_slots, 0);
}

KTEST(cspace_save_reply_without_caller)
{
	KT_ERR(helios_cspace_save_reply(rt_cspace, kt_slot(), NULL), HELIOS_ERR_INVALID_CSLOT);
}
