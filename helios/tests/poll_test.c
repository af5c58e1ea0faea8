/*
 * Poll: readiness of endpoints (both directions) and notifications, blocking until something
 * is ready, the ready count and flags, item errors, and that poll consumes nothing.
 */
#include "helios/tests/ktest.h"

static void set_item(unsigned i, helios_caddr_t cap, uint16_t events)
{
	rt_ipc_buffer()->poll[i] = (struct helios_poll_item){ cap, events, 0xffff };
}

static uint16_t ready(unsigned i)
{
	return rt_ipc_buffer()->poll[i].ready;
}

static int send_label(void *arg)
{
	struct helios_msg m = { .tag = helios_tag(61, 0, 0) };
	return helios_send(*(helios_caddr_t *)arg, &m);
}

static int receive_any(void *arg)
{
	struct helios_msg m;
	return helios_recv(*(helios_caddr_t *)arg, &m);
}

static int signal_later(void *arg)
{
	helios_yield();
	return helios_signal(*(helios_caddr_t *)arg);
}

KTEST(poll_notification_ready)
{
	helios_caddr_t n = kt_notification(), other = kt_notification();
	KT_OK(helios_signal(n));
	set_item(0, other, HELIOS_POLL_RECV);
	set_item(1, n, HELIOS_POLL_RECV);
	unsigned count = 0;
	KT_OK(helios_poll(2, &count));
	KT_EQ(count, 1);
	KT_EQ(ready(0), 0);
	KT_EQ(ready(1), HELIOS_POLL_RECV);
	/* Poll consumed nothing. */
	KT_OK(helios_nbwait(n, NULL));
	KT_ERR(helios_nbwait(other, NULL), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(poll_endpoint_sender_waiting)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, send_label, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_SEND);
	set_item(0, ep, HELIOS_POLL_RECV | HELIOS_POLL_SEND);
	unsigned count = 0;
	KT_OK(helios_poll(1, &count));
	KT_EQ(count, 1);
	KT_EQ(ready(0), HELIOS_POLL_RECV);
	struct helios_msg m;
	KT_OK(helios_nbrecv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 61);
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(poll_endpoint_receiver_waiting)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_any, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	set_item(0, ep, HELIOS_POLL_RECV | HELIOS_POLL_SEND);
	unsigned count = 0;
	KT_OK(helios_poll(1, &count));
	KT_EQ(ready(0), HELIOS_POLL_SEND);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_OK(helios_nbsend(ep, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(poll_blocks_until_ready)
{
	helios_caddr_t n = kt_notification(), ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, signal_later, &n, KT_PRIORITY);
	set_item(0, ep, HELIOS_POLL_RECV);
	set_item(1, n, HELIOS_POLL_RECV);
	unsigned count = 0;
	KT_OK(helios_poll(2, &count));
	KT_EQ(count, 1);
	KT_EQ(ready(0), 0);
	KT_EQ(ready(1), HELIOS_POLL_RECV);
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(poll_count_and_flags)
{
	helios_caddr_t a = kt_notification(), b = kt_notification(), c = kt_notification();
	KT_OK(helios_signal(a));
	KT_OK(helios_signal(c));
	set_item(0, a, HELIOS_POLL_RECV);
	set_item(1, b, HELIOS_POLL_RECV);
	set_item(2, c, HELIOS_POLL_RECV);
	unsigned count = 0;
	KT_OK(helios_poll(3, &count));
	KT_EQ(count, 2);
	KT_EQ(ready(0), HELIOS_POLL_RECV);
	KT_EQ(ready(1), 0);
	KT_EQ(ready(2), HELIOS_POLL_RECV);
	/* Only the first `count` items are looked at. */
	set_item(0, b, HELIOS_POLL_RECV);
	set_item(1, a, HELIOS_POLL_RECV);
	KT_OK(helios_poll(2, &count));
	KT_EQ(count, 1);
	KT_EQ(ready(1), HELIOS_POLL_RECV);
}

/* Readiness counts only for the events asked for. */
KTEST(poll_events_mask)
{
	helios_caddr_t n = kt_notification(), m = kt_notification();
	KT_OK(helios_signal(n));
	KT_OK(helios_signal(m));
	set_item(0, n, HELIOS_POLL_SEND);
	set_item(1, m, HELIOS_POLL_RECV);
	unsigned count = 0;
	KT_OK(helios_poll(2, &count));
	KT_EQ(count, 1);
	KT_EQ(ready(0), 0);
	KT_EQ(ready(1), HELIOS_POLL_RECV);
}

KTEST(poll_bad_items)
{
	helios_caddr_t n = kt_notification();
	KT_OK(helios_signal(n));
	unsigned index = 99;
	set_item(0, n, HELIOS_POLL_RECV);
	set_item(1, kt_slot(), HELIOS_POLL_RECV);
	KT_ERR(helios_poll(2, &index), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(index, 1);
	set_item(1, rt_memory.first, HELIOS_POLL_RECV);
	KT_ERR(helios_poll(2, &index), HELIOS_ERR_INVALID_TYPE);
	KT_EQ(index, 1);
	set_item(1, HELIOS_CADDR_UNDEF, HELIOS_POLL_RECV);
	KT_ERR(helios_poll(2, &index), HELIOS_ERR_INVALID_CADDR);
	KT_EQ(index, 1);
	set_item(1, kt_copy(n, HELIOS_RIGHT_WRITE), HELIOS_POLL_RECV);
	KT_ERR(helios_poll(2, &index), HELIOS_ERR_ACCESS);
	KT_EQ(index, 1);
	set_item(0, kt_copy(kt_endpoint(), HELIOS_RIGHT_WRITE), HELIOS_POLL_SEND);
	KT_ERR(helios_poll(1, &index), HELIOS_ERR_ACCESS);
	KT_EQ(index, 0);
}

static volatile int poller_done;

static int poll_two(void *arg)
{
	helios_caddr_t *caps = arg;
	set_item(0, caps[0], HELIOS_POLL_RECV);
	set_item(1, caps[1], HELIOS_POLL_RECV);
	unsigned count = 0;
	int err = helios_poll(2, &count);
	poller_done = 1;
	return err ? -err : (int)count;
}

/* A polling task is woken by the object becoming ready (here a sender arriving), and a
 * suspended poller polls again when resumed. */
KTEST(poll_woken_by_sender)
{
	helios_caddr_t caps[2] = { kt_endpoint(), kt_notification() };
	poller_done = 0;
	struct rt_thread p, s;
	kt_spawn(&p, poll_two, caps, KT_PRIORITY);
	kt_wait_state(p.task, HELIOS_TASK_BLOCKED_POLL);
	KT_OK(helios_task_suspend(p.task));
	KT_OK(helios_task_resume(p.task));
	kt_wait_state(p.task, HELIOS_TASK_BLOCKED_POLL);
	KT_EQ(poller_done, 0);
	kt_spawn(&s, send_label, &caps[0], KT_PRIORITY);
	KT_EQ(kt_join(&p), 1);
	struct helios_msg m;
	KT_OK(helios_recv(caps[0], &m));
	KT_EQ(kt_join(&s), HELIOS_OK);
}

/* Deleting a polled object wakes the poller; its poll then reports the bad item. */
KTEST(poll_object_deleted)
{
	helios_caddr_t caps[2] = { kt_notification(), kt_notification() };
	struct rt_thread p;
	kt_spawn(&p, poll_two, caps, KT_PRIORITY);
	kt_wait_state(p.task, HELIOS_TASK_BLOCKED_POLL);
	KT_OK(helios_cspace_delete(rt_cspace, caps[1]));
	KT_EQ(kt_join(&p), -HELIOS_ERR_INVALID_CSLOT);
}
