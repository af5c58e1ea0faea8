/*
 * The registry under QEMU (docs/registry.md): the registry server, greeter services and
 * clients as threads of one program, each calling only through capabilities of its own. The
 * registry receives on its endpoint; every other party holds a capability to it minted with
 * the party's badge, so each has its own policy. The test's own task is the supervisor (it
 * makes each service's endpoint and keeps the original) and, where it calls, a client.
 */
#include <string.h>

#include "helios/tests/ktest.h"
#include "mercury/registry/registry.h"
#include "mercury/registry/service.h"
#include "mercury/registry/tests/greeter.h"

/* The parties' registry badges; the policy below says what each may do. */
enum party {
	SERVICE = 1,
	CLIENT = 2,
	STRANGER = 3,
	FILLER = 4,
	RIVAL = 5,
};

static const char policy[] = "# badge verbs interface instance\n"
			     "1 publish test.registry.greeter main\n"
			     "1 publish test.registry.greeter spare-*\n"
			     "2 lookup test.registry.greeter *\n"
			     "3 lookup test.registry.greeter other\n"
			     "4 lookup,publish * s*\n"
			     "5 lookup,publish test.registry.greeter main\n";

#define GREETER TEST_REGISTRY_GREETER_ID
#define NOT_FOUND MERCURY_REGISTRY_ERROR_NOT_FOUND
#define NOT_ALLOWED MERCURY_REGISTRY_ERROR_NOT_ALLOWED

/* A fresh registry per test, in program data. */
static struct registry registry;
static struct rt_thread registry_thread;
static helios_caddr_t registry_ep; /* its starter's: the parties get badged copies */

static int serve_registry(void *arg)
{
	return registry_serve(arg);
}

static void registry_start(void)
{
	registry_ep = kt_endpoint();
	KT_OK(registry_init(&registry, registry_ep));
	unsigned line = 0;
	KT_EQ(registry_policy_parse(&registry.policy, policy, sizeof(policy) - 1, &line),
	      REGISTRY_POLICY_OK);
	kt_spawn(&registry_thread, serve_registry, &registry, KT_PRIORITY);
}

/* A party's registry capability: it may call and pass capabilities, not receive. */
static helios_caddr_t registry_cap(uint64_t badge)
{
	return kt_mint(registry_ep, HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT, badge);
}

/* The greeter `name` looked up through reg, in a new slot. */
static helios_caddr_t look_up(helios_caddr_t reg, const char *name, uint64_t *generation)
{
	helios_caddr_t slot = kt_slot();
	KT_OK(mercury_registry_lookup(reg, GREETER, name, &slot, generation));
	return slot;
}

static int lookup_status(helios_caddr_t reg, uint32_t iface, const char *name)
{
	helios_caddr_t slot = kt_slot();
	uint64_t generation;
	return mercury_registry_lookup(reg, iface, name, &slot, &generation);
}

/* The badge the greeter behind ep saw, which must be `instance`. */
static uint64_t badge_seen(helios_caddr_t ep, uint32_t instance)
{
	uint64_t badge = 0;
	uint32_t answered = 0;
	KT_OK(test_registry_greeter_whoami(ep, &badge, &answered));
	KT_EQ(answered, instance);
	return badge;
}

/* Yields until task a is in state_a and task b in state_b at once. */
static void wait_states(helios_caddr_t a, uint64_t state_a, helios_caddr_t b, uint64_t state_b)
{
	for (int i = 0; i < 10000; i++) {
		if (kt_state(a) == state_a && kt_state(b) == state_b)
			return;
		helios_yield();
	}
	KT_FAIL("states %llu and %llu, expected %llu and %llu", (unsigned long long)kt_state(a),
		(unsigned long long)kt_state(b), (unsigned long long)state_a,
		(unsigned long long)state_b);
}

/* Until the caller waits for an answer the registry put off (the registry receives again). */
static void wait_deferred(const struct rt_thread *caller)
{
	wait_states(caller->task, HELIOS_TASK_BLOCKED_REPLY, registry_thread.task,
		    HELIOS_TASK_BLOCKED_RECV);
}

/* ---- Client threads: calls that block, each with the client's own capabilities ---------- */

struct client {
	struct rt_thread thread;
	helios_caddr_t registry; /* its registry capability */
	helios_caddr_t service;  /* its copy of the greeter's endpoint, or the slot for one */
	const char *name;
	uint64_t generation;     /* of the instance it knows (0: none) */
	int error;               /* of what it did */
	uint64_t badge;          /* whoami's answer */
	uint32_t instance;
};

static void client_init(struct client *c, uint64_t badge, const char *name)
{
	memset(c, 0, sizeof(*c));
	c->registry = registry_cap(badge);
	c->service = kt_slot();
	c->name = name;
	c->error = -1;
}

static void client_run(struct client *c, int (*fn)(void *))
{
	kt_spawn(&c->thread, fn, c, KT_PRIORITY);
}

static int client_whoami(struct client *c)
{
	return test_registry_greeter_whoami(c->service, &c->badge, &c->instance);
}

static int client_lookup(struct client *c)
{
	return mercury_registry_lookup(c->registry, GREETER, c->name, &c->service,
				       &c->generation);
}

/* Looks the greeter up and calls stall. */
static int client_stall(void *arg)
{
	struct client *c = arg;
	c->error = client_lookup(c);
	if (!c->error)
		c->error = test_registry_greeter_stall(c->service);
	return 0;
}

/* Looks the greeter up and calls whoami. */
static int client_lookup_whoami(void *arg)
{
	struct client *c = arg;
	c->error = client_lookup(c);
	if (!c->error)
		c->error = client_whoami(c);
	return 0;
}

/* Waits for an instance newer than c->generation, then calls whoami. */
static int client_await(void *arg)
{
	struct client *c = arg;
	c->error = mercury_registry_await(c->registry, GREETER, c->name, c->generation,
					  &c->service, &c->generation);
	if (!c->error)
		c->error = client_whoami(c);
	return 0;
}

/* The documented reconnect after a failed call, then whoami. */
static int client_reconnect(void *arg)
{
	struct client *c = arg;
	c->error = mercury_reconnect(c->registry, GREETER, c->name, c->service, &c->generation);
	if (!c->error)
		c->error = client_whoami(c);
	return 0;
}

/* ---- Tests ---------------------------------------------------------------------------- */

KTEST(registry_publish_and_lookup)
{
	registry_start();
	struct greeter g;
	greeter_start(&g, registry_cap(SERVICE), "main", 1);
	KT_OK(g.publish_error);
	KT_EQ(g.generation, 1);
	helios_caddr_t client = registry_cap(CLIENT), rival = registry_cap(RIVAL);
	uint64_t generation = 0;
	helios_caddr_t mine = look_up(client, "main", &generation);
	KT_EQ(generation, g.generation);
	unsigned type = 0, rights = 0;
	KT_OK(helios_identify(mine, &type, &rights));
	KT_EQ(type, HELIOS_CAP_ENDPOINT);
	KT_EQ(rights, REGISTRY_CLIENT_RIGHTS); /* it cannot receive the service's calls */
	/* Each client's copy carries its own registry badge: the service knows who calls. */
	KT_EQ(badge_seen(mine, 1), CLIENT);
	KT_EQ(badge_seen(look_up(rival, "main", &generation), 1), RIVAL);
	uint32_t iface = 0;
	char name[REGISTRY_NAME_MAX + 1];
	uint64_t publisher = 0;
	KT_OK(mercury_registry_list(client, 0, &iface, name, &generation, &publisher));
	KT_EQ(iface, GREETER);
	KT_CHECK(strcmp(name, "main") == 0);
	KT_EQ(generation, g.generation);
	KT_EQ(publisher, SERVICE);
	KT_ERR(mercury_registry_list(client, 1, &iface, name, &generation, &publisher), NOT_FOUND);
}

KTEST(registry_policy_refusals)
{
	registry_start();
	struct greeter g, elsewhere;
	greeter_start(&g, registry_cap(SERVICE), "main", 1);
	helios_caddr_t stranger = registry_cap(STRANGER), client = registry_cap(CLIENT);
	helios_caddr_t unbadged = kt_copy(registry_ep, HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT);
	KT_ERR(lookup_status(stranger, GREETER, "main"), NOT_ALLOWED); /* though it exists */
	KT_ERR(lookup_status(stranger, GREETER, "other"), NOT_FOUND);  /* allowed, absent */
	KT_ERR(lookup_status(client, MERCURY_REGISTRY_ID, "main"), NOT_ALLOWED);
	KT_ERR(lookup_status(unbadged, GREETER, "main"), NOT_ALLOWED);
	uint32_t iface;
	char name[REGISTRY_NAME_MAX + 1];
	uint64_t generation, publisher;
	KT_ERR(mercury_registry_list(stranger, 0, &iface, name, &generation, &publisher),
	       NOT_FOUND); /* it sees only what it may look up */
	KT_ERR(mercury_registry_publish(client, GREETER, "mine", kt_endpoint(), &generation),
	       NOT_ALLOWED);
	greeter_start(&elsewhere, registry_cap(SERVICE), "other", 2);
	KT_ERR(elsewhere.publish_error, NOT_ALLOWED);
	/* RIVAL may publish "main", but only its publisher may withdraw it. */
	KT_ERR(mercury_registry_withdraw(registry_cap(RIVAL), GREETER, "main"), NOT_ALLOWED);
	KT_ERR(mercury_registry_withdraw(client, GREETER, "main"), NOT_ALLOWED);
	KT_EQ(kt_type(registry.received), HELIOS_CAP_NULL); /* refused endpoints were deleted */
	KT_EQ(badge_seen(look_up(client, "main", &generation), 1), CLIENT);
}

KTEST(registry_duplicates_unknown_and_withdraw)
{
	registry_start();
	struct greeter g, twin, rival, again;
	greeter_start(&g, registry_cap(SERVICE), "main", 1);
	greeter_start(&twin, registry_cap(SERVICE), "main", 2);
	KT_ERR(twin.publish_error, MERCURY_REGISTRY_ERROR_ALREADY_REGISTERED);
	greeter_start(&rival, registry_cap(RIVAL), "main", 3);
	KT_ERR(rival.publish_error, MERCURY_REGISTRY_ERROR_ALREADY_REGISTERED);
	helios_caddr_t client = registry_cap(CLIENT);
	KT_ERR(lookup_status(client, GREETER, "nobody"), NOT_FOUND);
	uint64_t generation;
	helios_caddr_t mine = look_up(client, "main", &generation);
	/* The service withdraws itself: every copy handed out is revoked with it. */
	KT_OK(test_registry_greeter_retire(mine));
	KT_EQ(kt_type(mine), HELIOS_CAP_NULL);
	uint64_t badge;
	uint32_t instance;
	KT_ERR(test_registry_greeter_whoami(mine, &badge, &instance), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(lookup_status(client, GREETER, "main"), NOT_FOUND);
	KT_ERR(test_registry_greeter_retire(g.ep), NOT_FOUND); /* the supervisor's own copy */
	/* The name is free again; the new instance's generation is greater. */
	greeter_start(&again, registry_cap(RIVAL), "main", 3);
	KT_OK(again.publish_error);
	KT_CHECK(again.generation > g.generation);
	KT_EQ(badge_seen(look_up(client, "main", &generation), 3), CLIENT);
	KT_EQ(generation, again.generation);
}

KTEST(registry_table_full_and_revoked_entries)
{
	registry_start();
	helios_caddr_t filler = registry_cap(FILLER);
	helios_caddr_t first = kt_endpoint(), second = kt_endpoint();
	uint64_t generation;
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++) {
		char name[8] = { 's', (char)('a' + i / 26), (char)('a' + i % 26), 0 };
		KT_OK(mercury_registry_publish(filler, GREETER, name, first, &generation));
		KT_EQ(generation, i + 1);
	}
	KT_ERR(mercury_registry_publish(filler, GREETER, "s-last", first, &generation),
	       MERCURY_REGISTRY_ERROR_FULL);
	KT_OK(mercury_registry_withdraw(filler, GREETER, "saa"));
	KT_OK(mercury_registry_publish(filler, GREETER, "s-last", first, &generation));
	KT_ERR(mercury_registry_publish(filler, GREETER, "s-more", second, &generation),
	       MERCURY_REGISTRY_ERROR_FULL);
	/* A supervisor revokes `first` behind the registry's back: its 32 entries are dead, and
	 * dropped as soon as the room is needed or the name is asked for. */
	KT_OK(mercury_service_revoke(first));
	KT_OK(mercury_registry_publish(filler, GREETER, "s-more", second, &generation));
	KT_ERR(lookup_status(filler, GREETER, "sab"), NOT_FOUND);
	KT_OK(lookup_status(filler, GREETER, "s-more"));
	KT_EQ(kt_type(registry.received), HELIOS_CAP_NULL);
}

/* ---- Malformed messages ---------------------------------------------------------------- */

/* "main" and "ma\0n" packed as a string's words are. */
#define MAIN_WORD 0x6e69616dull
#define NUL_WORD 0x6e00616dull

struct raw_case {
	const char *what;
	uint64_t label;
	unsigned count;     /* words */
	uint64_t words[8];
	unsigned cap_type;  /* a new capability of this type goes along (0: none) */
	uint64_t status;    /* the reply's */
};

static const struct raw_case raw_cases[] = {
	{ "unknown method", MERCURY_REGISTRY_LIST_LABEL + 9, 1, { 0 }, 0,
	  HELIOS_ERR_INVALID_METHOD },
	{ "lookup without words", MERCURY_REGISTRY_LOOKUP_LABEL, 0, { 0 }, 0,
	  HELIOS_ERR_INVALID_PARAM },
	{ "interface id past 32 bits", MERCURY_REGISTRY_LOOKUP_LABEL, 3,
	  { 1ull << 40, 4, MAIN_WORD }, 0, HELIOS_ERR_INVALID_PARAM },
	{ "name longer than 32", MERCURY_REGISTRY_LOOKUP_LABEL, 7, { GREETER, 33, 1, 1, 1, 1, 1 },
	  0, HELIOS_ERR_INVALID_PARAM },
	{ "name beyond the words", MERCURY_REGISTRY_LOOKUP_LABEL, 3, { GREETER, 20, MAIN_WORD },
	  0, HELIOS_ERR_INVALID_PARAM },
	{ "NUL in the name", MERCURY_REGISTRY_LOOKUP_LABEL, 3, { GREETER, 4, NUL_WORD }, 0,
	  HELIOS_ERR_INVALID_PARAM },
	{ "lookup with a capability", MERCURY_REGISTRY_LOOKUP_LABEL, 3,
	  { GREETER, 4, MAIN_WORD }, HELIOS_CAP_ENDPOINT, HELIOS_ERR_INVALID_PARAM },
	{ "publish without its endpoint", MERCURY_REGISTRY_PUBLISH_LABEL, 3,
	  { GREETER, 4, MAIN_WORD }, 0, HELIOS_ERR_INVALID_PARAM },
	{ "publish of a page", MERCURY_REGISTRY_PUBLISH_LABEL, 3, { GREETER, 4, MAIN_WORD },
	  HELIOS_CAP_PAGE, HELIOS_ERR_INVALID_TYPE },
};

/* Sends c as it is through ep: the status of the reply, which must carry nothing. */
static uint64_t send_raw(helios_caddr_t ep, const struct raw_case *c)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	struct helios_msg m = { .tag = helios_tag(c->label, c->count, c->cap_type ? 1 : 0) };
	memcpy(m.p, c->words, sizeof(m.p));
	memcpy(&ipc->params[HELIOS_MSG_REG_PARAMS], &c->words[HELIOS_MSG_REG_PARAMS],
	       sizeof(c->words) - sizeof(m.p));
	if (c->cap_type == HELIOS_CAP_ENDPOINT)
		ipc->caps[0] = kt_endpoint();
	else if (c->cap_type)
		ipc->caps[0] = kt_object(c->cap_type, 0);
	KT_OK(helios_call(ep, &m));
	KT_EQ(helios_tag_params(m.tag), 0);
	KT_EQ(helios_tag_caps(m.tag), 0);
	return helios_tag_label(m.tag);
}

KTEST(registry_malformed_messages)
{
	registry_start();
	struct greeter g;
	greeter_start(&g, registry_cap(SERVICE), "main", 1);
	helios_caddr_t client = registry_cap(CLIENT), service = registry_cap(SERVICE);
	for (unsigned i = 0; i < KT_COUNT(raw_cases); i++) {
		const struct raw_case *c = &raw_cases[i];
		uint64_t status = send_raw(c->label == MERCURY_REGISTRY_PUBLISH_LABEL ? service
										       : client,
					   c);
		if (status != c->status)
			KT_FAIL("%s: got %s, expected %s", c->what, rt_strerror(status),
				rt_strerror(c->status));
		KT_EQ(kt_type(registry.received), HELIOS_CAP_NULL);
	}
	/* Requests sent one-way have no one to answer: an await that is answered at once, and
	 * one that would wait (the registry cannot keep a reply capability that is not there). */
	struct helios_msg one_way = { .tag = helios_tag(MERCURY_REGISTRY_AWAIT_LABEL, 4, 0),
				      .p = { GREETER, 4, MAIN_WORD, 0 } };
	KT_OK(helios_send(client, &one_way));
	one_way.tag = helios_tag(MERCURY_REGISTRY_AWAIT_LABEL, 4, 0);
	one_way.p[3] = 99; /* after a generation not yet reached */
	KT_OK(helios_send(client, &one_way));
	/* Well formed, but refused by the registry's own checks. */
	uint64_t generation;
	helios_caddr_t ep = kt_endpoint();
	KT_ERR(mercury_registry_publish(service, GREETER, "", ep, &generation),
	       MERCURY_REGISTRY_ERROR_BAD_NAME);
	KT_ERR(mercury_registry_publish(service, GREETER, "Main", ep, &generation),
	       MERCURY_REGISTRY_ERROR_BAD_NAME);
	KT_ERR(lookup_status(client, GREETER, "spare/1"), MERCURY_REGISTRY_ERROR_BAD_NAME);
	helios_caddr_t badged = kt_mint(ep, HELIOS_RIGHTS_ALL, 7);
	KT_ERR(mercury_registry_publish(service, GREETER, "spare-1", badged, &generation),
	       MERCURY_REGISTRY_ERROR_BAD_ENDPOINT);
	helios_caddr_t receive_only = kt_copy(ep, HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT);
	KT_ERR(mercury_registry_publish(service, GREETER, "spare-1", receive_only, &generation),
	       MERCURY_REGISTRY_ERROR_BAD_ENDPOINT);
	KT_EQ(kt_type(registry.received), HELIOS_CAP_NULL);
	/* And it keeps serving. */
	KT_EQ(badge_seen(look_up(client, "main", &generation), 1), CLIENT);
}

/* ---- Waiting for a service, and a service that restarts ---------------------------------- */

KTEST(registry_await)
{
	registry_start();
	struct client early, spares[REGISTRY_WAITERS_PER_CALLER - 1];
	client_init(&early, CLIENT, "main");
	client_run(&early, client_await);
	wait_deferred(&early.thread);
	/* The caller's share of waiting calls is REGISTRY_WAITERS_PER_CALLER. */
	for (unsigned i = 0; i < KT_COUNT(spares); i++) {
		client_init(&spares[i], CLIENT, "spare-1");
		client_run(&spares[i], client_await);
		wait_deferred(&spares[i].thread);
	}
	helios_caddr_t client = registry_cap(CLIENT), slot = kt_slot();
	uint64_t generation = 0;
	KT_ERR(mercury_registry_await(client, GREETER, "main", 0, &slot, &generation),
	       MERCURY_REGISTRY_ERROR_FULL);
	struct greeter g, spare;
	greeter_start(&g, registry_cap(SERVICE), "main", 1);
	kt_join(&early.thread);
	KT_OK(early.error);
	KT_EQ(early.generation, g.generation);
	KT_EQ(early.instance, 1);
	KT_EQ(early.badge, CLIENT);
	greeter_start(&spare, registry_cap(SERVICE), "spare-1", 2);
	for (unsigned i = 0; i < KT_COUNT(spares); i++) {
		kt_join(&spares[i].thread);
		KT_OK(spares[i].error);
		KT_EQ(spares[i].instance, 2);
	}
	/* An instance newer than the one named is there already: answered at once. */
	KT_OK(mercury_registry_await(client, GREETER, "main", 0, &slot, &generation));
	KT_EQ(generation, g.generation);
}

/* The greeter dies with a call in it and one queued; its supervisor destroys its task and
 * revokes its endpoint; every client's call fails with the documented errors, no one hangs;
 * they reconnect to the new instance and go on. */
KTEST(registry_restart)
{
	registry_start();
	struct greeter first, second;
	greeter_start(&first, registry_cap(SERVICE), "main", 1);
	helios_caddr_t client = registry_cap(CLIENT);
	uint64_t generation = 0;
	helios_caddr_t mine = look_up(client, "main", &generation);
	KT_EQ(badge_seen(mine, 1), CLIENT);
	/* One client's call is in the server when it dies, another's waits on its endpoint. */
	struct client in_call, queued, waiting;
	client_init(&in_call, CLIENT, "main");
	client_run(&in_call, client_stall);
	wait_states(first.thread.task, HELIOS_TASK_BLOCKED_WAIT, in_call.thread.task,
		    HELIOS_TASK_BLOCKED_REPLY);
	client_init(&queued, CLIENT, "main");
	client_run(&queued, client_lookup_whoami);
	/* The registry receiving, so the queued call waits on the greeter's endpoint. */
	wait_states(queued.thread.task, HELIOS_TASK_BLOCKED_SEND, registry_thread.task,
		    HELIOS_TASK_BLOCKED_RECV);

	/* The supervisor: the server's task goes, so the call it had taken fails ... */
	rt_thread_destroy(&first.thread);
	kt_join(&in_call.thread);
	KT_ERR(in_call.error, HELIOS_ERR_DELETED);
	KT_EQ(kt_state(queued.thread.task), HELIOS_TASK_BLOCKED_SEND);
	/* ... and with the endpoint revoked, the queued call and every later one fail too. */
	KT_OK(mercury_service_revoke(first.ep));
	kt_join(&queued.thread);
	KT_ERR(queued.error, HELIOS_ERR_DELETED);
	uint64_t badge;
	uint32_t instance;
	int err = test_registry_greeter_whoami(mine, &badge, &instance);
	KT_ERR(err, HELIOS_ERR_INVALID_CSLOT);
	KT_CHECK(mercury_service_gone(err) && mercury_service_gone(in_call.error));
	KT_ERR(lookup_status(client, GREETER, "main"), NOT_FOUND);

	/* A client reconnects before the new instance is up: it waits for it. */
	client_init(&waiting, CLIENT, "main");
	waiting.generation = generation;
	client_run(&waiting, client_reconnect);
	wait_deferred(&waiting.thread);
	greeter_start(&second, registry_cap(SERVICE), "main", 2);
	KT_OK(second.publish_error);
	KT_CHECK(second.generation > generation);
	kt_join(&waiting.thread);
	KT_OK(waiting.error);
	KT_EQ(waiting.generation, second.generation);
	KT_EQ(waiting.instance, 2);
	KT_EQ(waiting.badge, CLIENT);
	/* One that reconnects after it is up gets it at once, in the slot it had. */
	KT_OK(mercury_reconnect(client, GREETER, "main", mine, &generation));
	KT_EQ(generation, second.generation);
	KT_EQ(badge_seen(mine, 2), CLIENT);
}
