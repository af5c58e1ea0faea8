/*
 * A generated service on the real kernel (sample.ipc, bulk.ipc): a server thread runs the
 * generated serve loop with sample_server's handlers, test tasks call it through the generated
 * clients, and raw messages it must refuse. Each test starts a fresh server; the runner
 * deletes everything afterwards.
 */
#include <string.h>

#include "helios/tests/ktest.h"
#include "tools/ipcgen/tests/bulk.ipc.h"
#include "tools/ipcgen/tests/sample_server.h"

#include <ipcgen/bulk.h>

struct service {
	helios_caddr_t ep;
	helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS];
	struct sample_state state;
	struct rt_thread thread;
};

static int serve_sample(void *arg)
{
	struct service *s = arg;
	return test_sample_echo_serve(s->ep, &sample_server, &s->state, s->recv_slots);
}

/* A sample server in a thread of its own, receiving capabilities into slots of the test's. */
static void service_start(struct service *s, int (*serve)(void *))
{
	memset(s, 0, sizeof(*s));
	s->ep = kt_endpoint();
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		s->recv_slots[i] = kt_slot();
	s->state.file = kt_endpoint();
	s->state.saved_reply = HELIOS_CADDR_UNDEF;
	kt_spawn(&s->thread, serve, s, KT_PRIORITY);
}

KTEST(ipcgen_integers)
{
	struct service s;
	service_start(&s, serve_sample);
	helios_caddr_t badged = kt_mint(s.ep, HELIOS_RIGHTS_ALL, 0x51);
	uint64_t r = 0;
	KT_OK(test_sample_echo_ping(badged, 41, &r));
	KT_EQ(r, 42);
	KT_EQ(s.state.last_badge, 0x51);
	uint16_t a2 = 0;
	int64_t b2 = 0;
	bool on2 = false;
	enum test_sample_mode m2 = TEST_SAMPLE_MODE_NORMAL;
	KT_OK(test_sample_echo_mix(s.ep, 200, -7, false, TEST_SAMPLE_MODE_SLOW, &a2, &b2, &on2,
				   &m2));
	KT_EQ(a2, 400);
	KT_EQ(b2, 7);
	KT_CHECK(on2);
	KT_EQ(m2, TEST_SAMPLE_MODE_FAST);
}

KTEST(ipcgen_strings_and_bytes)
{
	struct service s;
	service_start(&s, serve_sample);
	char joined[65];
	uint32_t length = 0;
	KT_OK(test_sample_echo_concat(s.ep, "thirty-two bytes of left text..", "and right",
				      joined, &length));
	KT_CHECK(strcmp(joined, "thirty-two bytes of left text..and right") == 0);
	KT_EQ(length, 40);
	KT_ERR(test_sample_echo_concat(s.ep, "", "", joined, &length),
	       TEST_SAMPLE_SAMPLE_ERROR_EMPTY);
	uint8_t data[256], copy[16];
	uint32_t sum = 0, want = 0;
	size_t copy_len = 0;
	for (unsigned i = 0; i < sizeof(data); i++)
		want += data[i] = (uint8_t)(i * 13 + 5);
	KT_OK(test_sample_echo_checksum(s.ep, data, sizeof(data), &sum, copy, &copy_len));
	KT_EQ(sum, want);
	KT_EQ(copy_len, 16);
	KT_CHECK(memcmp(copy, data, 16) == 0);
	KT_ERR(test_sample_echo_checksum(s.ep, data, 0, &sum, copy, &copy_len),
	       TEST_IO_FILE_ERROR_END_OF_FILE);
}

KTEST(ipcgen_capabilities_both_ways)
{
	struct service s;
	service_start(&s, serve_sample);
	helios_caddr_t note = kt_notification(), copy = kt_slot();
	KT_OK(test_sample_echo_keep(s.ep, note, &copy));
	KT_EQ(kt_type(copy), HELIOS_CAP_NOTIFICATION);
	KT_EQ(s.state.kept, s.recv_slots[0]);
	/* The same notification all round: signalled through the copy that came back. */
	KT_OK(helios_signal(copy));
	KT_OK(helios_nbwait(note, NULL));
	helios_caddr_t file = kt_slot();
	KT_OK(test_sample_echo_open(s.ep, "file", &file));
	KT_EQ(kt_type(file), HELIOS_CAP_ENDPOINT);
	helios_caddr_t pages[3] = { kt_object(HELIOS_CAP_PAGE, 0), kt_object(HELIOS_CAP_PAGE, 0),
				    kt_object(HELIOS_CAP_PAGE, 0) };
	uint32_t count = 0;
	KT_OK(helios_cspace_delete(rt_cspace, s.recv_slots[0])); /* keep's, done with */
	KT_OK(test_sample_echo_pages(s.ep, pages, 3, 1, &count));
	KT_EQ(count, 3);
}

/* The caller of `later` waits while the server takes other calls; a poke answers it. */
static int call_later(void *arg)
{
	struct service *s = arg;
	uint64_t twice = 0;
	int err = test_sample_echo_later(s->ep, 21, &twice);
	return err != HELIOS_OK ? err : (int)twice;
}

KTEST(ipcgen_deferred_reply)
{
	struct service s;
	service_start(&s, serve_sample);
	struct rt_thread caller;
	kt_spawn(&caller, call_later, &s, KT_PRIORITY);
	while (kt_state(caller.task) != HELIOS_TASK_BLOCKED_REPLY || s.state.handled == 0)
		helios_yield();
	KT_OK(s.state.later_error);
	uint64_t r = 0;
	KT_OK(test_sample_echo_ping(s.ep, 1, &r)); /* the server still serves */
	KT_EQ(kt_state(caller.task), HELIOS_TASK_BLOCKED_REPLY);
	KT_OK(test_sample_echo_poke(s.ep, 3));
	KT_EQ(kt_join(&caller), 42);
}

KTEST(ipcgen_events)
{
	struct service s;
	service_start(&s, serve_sample);
	KT_OK(test_sample_echo_poke_text(s.ep, "one-way, forty bytes at most"));
	KT_OK(test_sample_echo_poke(s.ep, 77));
	uint64_t r = 0;
	KT_OK(test_sample_echo_ping(s.ep, 1, &r)); /* after the events, in order */
	KT_EQ(s.state.poked, 77);
	KT_CHECK(strcmp(s.state.poke_text, "one-way, forty bytes at most") == 0);
}

/* A raw call with label, words and capabilities: the reply's status. */
static uint64_t raw_call(helios_caddr_t ep, uint64_t label, const uint64_t *words, unsigned n,
			 const helios_caddr_t *caps, unsigned ncaps)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	struct helios_msg m = { .tag = helios_tag(label, n, ncaps) };
	for (unsigned i = 0; i < n; i++) {
		if (i < HELIOS_MSG_REG_PARAMS)
			m.p[i] = words[i];
		else
			ipc->params[i] = words[i];
	}
	for (unsigned i = 0; i < ncaps; i++)
		ipc->caps[i] = caps[i];
	KT_OK(helios_call(ep, &m));
	KT_EQ(helios_tag_params(m.tag), 0);
	return helios_tag_label(m.tag);
}

KTEST(ipcgen_malformed_messages)
{
	struct service s;
	service_start(&s, serve_sample);
	const uint64_t ping = TEST_SAMPLE_ECHO_PING_LABEL, concat = TEST_SAMPLE_ECHO_CONCAT_LABEL;
	uint64_t words[8] = { 1, 2 };
	KT_EQ(raw_call(s.ep, ping + 1000, words, 1, NULL, 0), HELIOS_ERR_INVALID_METHOD);
	KT_EQ(raw_call(s.ep, 1, words, 0, NULL, 0), HELIOS_ERR_INVALID_METHOD);
	KT_EQ(raw_call(s.ep, ping, words, 0, NULL, 0), HELIOS_ERR_INVALID_PARAM); /* short */
	KT_EQ(raw_call(s.ep, ping, words, 2, NULL, 0), HELIOS_ERR_INVALID_PARAM); /* long */
	uint64_t overlong[7] = { 33 };
	KT_EQ(raw_call(s.ep, concat, overlong, 7, NULL, 0), HELIOS_ERR_INVALID_PARAM);
	uint64_t beyond[3] = { 20, 'x', 0 };
	KT_EQ(raw_call(s.ep, concat, beyond, 3, NULL, 0), HELIOS_ERR_INVALID_PARAM);
	const uint64_t keep = TEST_SAMPLE_ECHO_KEEP_LABEL;
	KT_EQ(raw_call(s.ep, keep, words, 0, NULL, 0), HELIOS_ERR_INVALID_PARAM); /* no cap */
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_EQ(raw_call(s.ep, keep, words, 0, &page, 1), HELIOS_ERR_INVALID_TYPE);
	KT_EQ(kt_type(s.recv_slots[0]), HELIOS_CAP_NULL); /* the server deleted its copy */
	KT_EQ(s.state.handled, 0);
	/* And it keeps serving. */
	uint64_t r = 0;
	KT_OK(test_sample_echo_ping(s.ep, 9, &r));
	KT_EQ(r, 10);
}

/* ---- Bulk data through shared pages ----------------------------------------------------- */

#define BULK_CLIENT KT_SCRATCH
#define BULK_SERVER (KT_SCRATCH + 0x100000)

static int sum_pages(void *ctx, const struct ipcgen_request *req, const helios_caddr_t *pages,
		     unsigned count, uint32_t length, uint64_t *sum)
{
	(void)ctx;
	(void)req;
	int err = HELIOS_ERR_INVALID_PARAM;
	if (length <= count * HELIOS_PAGE_SIZE)
		err = ipcgen_bulk_map(pages, count, BULK_SERVER, HELIOS_MAP_READ);
	if (err == HELIOS_OK) {
		const uint8_t *bytes = (const uint8_t *)BULK_SERVER;
		*sum = 0;
		for (uint32_t i = 0; i < length; i++)
			*sum += bytes[i];
	}
	ipcgen_bulk_drop(pages, count); /* unmaps; the receive slots are free again */
	return err;
}

static const struct test_bulk_summer_server summer = { .sum = sum_pages };

static int serve_summer(void *arg)
{
	struct service *s = arg;
	return test_bulk_summer_serve(s->ep, &summer, NULL, s->recv_slots);
}

KTEST(ipcgen_bulk_pages)
{
	struct service s;
	service_start(&s, serve_summer);
	helios_caddr_t pages[HELIOS_MSG_MAX_CAPS];
	unsigned count = 0;
	const uint32_t length = 3 * HELIOS_PAGE_SIZE + 100;
	KT_OK(ipcgen_bulk_alloc(BULK_CLIENT, length, pages, &count));
	KT_EQ(count, 4);
	uint8_t *bytes = (uint8_t *)BULK_CLIENT;
	uint64_t want = 0;
	for (uint32_t i = 0; i < length; i++)
		want += bytes[i] = (uint8_t)(i ^ (i >> 8));
	uint64_t sum = 0;
	KT_OK(test_bulk_summer_sum(s.ep, pages, count, length, &sum));
	KT_EQ(sum, want);
	KT_ERR(test_bulk_summer_sum(s.ep, pages, 1, length, &sum), HELIOS_ERR_INVALID_PARAM);
	ipcgen_bulk_free(pages, count);
}
