/*
 * The random-syscall fuzzer (README.md, "The fuzzer"). Each round builds a fresh sandbox (a
 * small cspace of its own, memory, endpoints, notifications, address spaces, tables, pages,
 * tasks) and lets these loose in it until the caller has made the round's number of calls:
 *
 * - the caller (fuzz_caller.c): random syscalls and invocations (numbers, labels, tags,
 *   parameters, register writes into the sandbox's tasks), never one that blocks, so its
 *   progress is the round's clock whatever the others do;
 * - three puppets: tasks that repeat one syscall their registers describe (fuzz_arch.S), on
 *   the sandbox's endpoints and notifications: they block in send, receive, call, wait and
 *   poll, and are woken by the caller and by each other (each yields after its syscall);
 * - the instruction task: runs one random or templated instruction of its architecture
 *   (fuzz_arch.c) at a time, with random registers, in an address space of its own;
 * - the test itself, supervisor of the puppets and the instruction task: it answers their
 *   faults, sends the instruction task on to the next instruction after each, and between turns
 *   suspends, resumes, reprograms and writes random registers (refused ones too) into puppets
 *   that are blocked, faulted, ready or suspended.
 *
 * Nothing may crash or hang the kernel, nothing may reach outside the sandbox, and after every
 * round every slot and byte must be back. Everything random comes from the round's seed, which
 * is printed with the call count ("fuzz: round 7 seed 0x... calls 50000"), and fuzz_seed= and
 * fuzz_calls= on the kernel command line replay that round alone. Which task runs when depends
 * on timer interrupts, so a replay makes the same calls, not always in the same order.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/tests/hostile/fuzz.h"
#include "helios/tests/ktest.h"

/* The default run: FUZZ_ROUNDS rounds of FUZZ_ROUND_CALLS calls, shared by the FUZZ_TESTS
 * tests at the end (the kernel command line may ask for others: fuzz_part). */
#define FUZZ_ROUNDS 40
#define FUZZ_ROUND_CALLS 50000
#define FUZZ_TESTS 4
#define FUZZ_TEST_TIMEOUT_S 120
/* Round i's seed comes from this and i. */
#define FUZZ_SEED 0x48656c696f73ull

#define FUZZ_MEMORY (64 * 1024)     /* what the sandbox may retype */
#define FUZZ_PRIORITY KT_PRIORITY   /* everyone's: the test's own */
#define FUZZ_VIEW (KT_SCRATCH + 0x100000) /* where the test sees the sandbox's pages */
/* Turns of the test without the caller making a call before the round fails. */
#define FUZZ_STALL_TURNS 100000
/* Turns of the test without a fault of the instruction task before it is stopped and sent
 * on: an instruction that loops (jumps to itself) or blocks. */
#define FUZZ_INSN_IDLE_TURNS 4

/* ---- Seeds ---------------------------------------------------------------------------- */

/* splitmix64: seeds for the round's streams from its seed (never 0, which xorshift keeps). */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x ? x : 1;
}

/* ---- The round ------------------------------------------------------------------------ */

/* A puppet, as the test sees it. */
struct puppet {
	helios_caddr_t task;
	helios_caddr_t ipc_page;                /* its IPC buffer page (the test's copy) */
	helios_caddr_t fault_ep;                /* the test's endpoint, badged for it */
	helios_caddr_t reply;                   /* a slot for the reply to a fault kept for later */
	bool waiting;                           /* faulted, its reply in `reply` */
	unsigned fault_streak;                  /* faults in a row */
	struct helios_ipc_buffer *ipc;          /* the test's view of its IPC buffer */
	volatile struct fuzz_puppet_words *words; /* the test's view of the words at its sp */
};

/* The instruction task, as the test sees it. */
struct insn_task {
	helios_caddr_t task, fault_ep;
	uint64_t rng;
	unsigned slot;       /* the next slot to run */
	uint64_t faults;     /* seen so far */
	uint64_t faults_seen; /* at the last look */
	unsigned idle;       /* turns without a fault */
};

/* What a round did, for its report line. */
struct stats {
	uint64_t turns;                 /* of the test */
	uint64_t writes;                /* register writes into puppets the kernel accepted */
	uint64_t refused;               /* and refused */
	uint64_t blocked_writes;        /* accepted into a puppet blocked in a syscall */
	uint64_t faulted_writes;        /* into one waiting for the answer to its fault */
	uint64_t puppet_faults;
	uint64_t puppet_turns;          /* as the puppets counted them */
	uint64_t insns;                 /* instructions started */
	uint64_t insn_hangs;            /* of them, stopped for not faulting */
	uint64_t insn_resumed;          /* faults answered with the registers as they were */
	uint64_t insn_faults[HELIOS_FAULT_OTHER + 1]; /* by type */
};

struct round {
	uint64_t index, seed, calls;
	uint64_t rng;                   /* the test's own choices */
	helios_caddr_t sandbox, memory, sup, pages;
	helios_caddr_t vspace, insn_vspace; /* the puppets', the instruction task's */
	uint8_t *view;                  /* the test's view of the sandbox's pages */
	struct fuzz_caller caller;
	struct rt_thread caller_thread;
	struct puppet puppets[FUZZ_PUPPETS];
	struct insn_task insn;
	struct stats stats;
};

#define INSN_BADGE (FUZZ_PUPPETS + 1) /* puppet i's is i + 1 */

static uint8_t *view_page(struct round *r, unsigned page)
{
	return r->view + (uint64_t)page * HELIOS_PAGE_SIZE;
}

static uint64_t free_slots(void)
{
	uint64_t n = 0;
	KT_OK(helios_cspace_info(rt_cspace, NULL, &n));
	return n;
}

/* Copies a capability of the program's cspace into the sandbox at `slot` (minted with
 * `badge` when it is not 0). */
static void give(struct round *r, helios_caddr_t slot, helios_caddr_t cap, uint64_t badge)
{
	uint64_t all = HELIOS_RIGHTS_ALL;
	if (badge)
		KT_OK(helios_cspace_mint(r->sandbox, slot, rt_cspace, cap, all, badge, NULL));
	else
		KT_OK(helios_cspace_copy(r->sandbox, slot, rt_cspace, cap, all, NULL));
}

static helios_caddr_t new_vspace(void)
{
	helios_caddr_t vspace = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vspace, NULL));
	return vspace;
}

/*
 * The sandbox's address spaces and the test's view of them: fresh pages mapped read-write at
 * FUZZ_VIEW for the test, and copies of them mapped at their fuzz_page addresses in the
 * instruction task's address space or the puppets', code read-execute. The puppets' loop is
 * copied in; the rest is filled as the round goes.
 */
static void build_address_spaces(struct round *r)
{
	r->vspace = new_vspace();
	r->insn_vspace = new_vspace();
	r->view = (uint8_t *)(uintptr_t)FUZZ_VIEW;
	r->pages = kt_map(FUZZ_VIEW, FUZZ_PAGES);
	for (unsigned i = 0; i < FUZZ_PAGES; i++) {
		bool code = i == FUZZ_PAGE_CODE || i == FUZZ_PAGE_PUPPET_CODE;
		uint64_t rights = HELIOS_MAP_READ | (code ? HELIOS_MAP_EXEC : HELIOS_MAP_WRITE);
		helios_caddr_t vspace = i < FUZZ_PAGE_PUPPET_CODE ? r->insn_vspace : r->vspace;
		KT_OK(rt_map(vspace, kt_copy(r->pages + i, HELIOS_RIGHTS_ALL), fuzz_page_vaddr(i),
			     rights));
	}
	uint8_t *code = view_page(r, FUZZ_PAGE_PUPPET_CODE);
	size_t size = (size_t)(fuzz_puppet_code_end - fuzz_puppet_code);
	KT_CHECK(size <= HELIOS_PAGE_SIZE);
	memcpy(code, fuzz_puppet_code, size);
	fuzz_sync_code(code, size);
}

/* The sandbox cspace and what it holds (enum sandbox_slot). */
static void build_sandbox(struct round *r)
{
	r->sandbox = kt_object(HELIOS_CAP_CSPACE, FUZZ_SLOTS);
	r->memory = kt_memory(FUZZ_MEMORY);
	helios_caddr_t ep = kt_endpoint(), notification = kt_notification();
	helios_caddr_t spare_task = kt_object(HELIOS_CAP_TASK, 0);
	give(r, SB_CSPACE, r->sandbox, 0);
	give(r, SB_MEMORY, r->memory, 0);
	give(r, SB_ENDPOINT, ep, 0);
	give(r, SB_ENDPOINT_BADGED, ep, 0x5a5a);
	give(r, SB_NOTIFICATION, notification, 0);
	give(r, SB_NOTIFICATION_BADGED, notification, 1ull << 40);
	give(r, SB_VSPACE, r->vspace, 0);
	give(r, SB_SPARE_VSPACE, kt_object(HELIOS_CAP_VSPACE, 0), 0);
	give(r, SB_ASID_POOL, HELIOS_INIT_ASID_POOL, 0);
	give(r, SB_PDPT, kt_object(HELIOS_CAP_PDPT, 0), 0);
	give(r, SB_PD, kt_object(HELIOS_CAP_PD, 0), 0);
	give(r, SB_PT, kt_object(HELIOS_CAP_PT, 0), 0);
	give(r, SB_PAGE, kt_object(HELIOS_CAP_PAGE, 0), 0);
	give(r, SB_PAGE_2, kt_object(HELIOS_CAP_PAGE, 0), 0);
	give(r, SB_SPARE_TASK, spare_task, 0);
	/* Its faults, if the caller ever runs it, go where the puppets can take them. */
	KT_OK(helios_task_set_fault_endpoint(spare_task, ep));
}

/* ---- Puppets -------------------------------------------------------------------------- */

/* Syscalls a puppet repeats, each on capabilities it blocks on. */
static const uint64_t puppet_syscalls[] = {
	HELIOS_SYS_SEND, HELIOS_SYS_RECV,      HELIOS_SYS_CALL,
	HELIOS_SYS_CALL, HELIOS_SYS_REPLYRECV, HELIOS_SYS_WAIT,
	HELIOS_SYS_POLL, HELIOS_SYS_POLL,
};

static helios_caddr_t pick_endpoint(uint64_t *s)
{
	return fuzz_below(s, 2) ? SB_ENDPOINT : SB_ENDPOINT_BADGED;
}

static helios_caddr_t pick_notification(uint64_t *s)
{
	return fuzz_below(s, 2) ? SB_NOTIFICATION : SB_NOTIFICATION_BADGED;
}

/* A new syscall for a puppet to repeat, with its IPC buffer filled to match: parameters,
 * capabilities to send (sometimes), where to receive them, poll items. */
static void puppet_request(struct round *r, struct puppet *p, struct fuzz_request *q)
{
	uint64_t *s = &r->rng;
	struct helios_ipc_buffer *buf = p->ipc;
	unsigned caps = fuzz_below(s, 4) ? 0 : (unsigned)fuzz_below(s, HELIOS_MSG_MAX_CAPS + 1);
	*q = (struct fuzz_request){
		.number = puppet_syscalls[fuzz_below(s, KT_COUNT(puppet_syscalls))],
		.caddr = pick_endpoint(s),
		.tag = helios_tag(fuzz_below(s, 1u << 20), (unsigned)fuzz_below(s, 9), caps),
	};
	if (fuzz_below(s, 4) == 0)
		q->tag |= HELIOS_TAG_MOVE_CAPS;
	for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
		q->p[i] = fuzz_register_value(s);
	for (unsigned i = HELIOS_MSG_REG_PARAMS; i < 8; i++)
		buf->params[i] = fuzz_register_value(s);
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++) {
		buf->caps[i] = (helios_caddr_t)fuzz_below(s, FUZZ_SLOTS);
		uint64_t slot = SB_FIRST_FREE + fuzz_below(s, FUZZ_SLOTS - SB_FIRST_FREE);
		buf->recv_slots[i] = fuzz_below(s, 2) ? HELIOS_CADDR_UNDEF : (helios_caddr_t)slot;
	}
	if (q->number == HELIOS_SYS_WAIT) {
		q->caddr = pick_notification(s);
	} else if (q->number == HELIOS_SYS_POLL) {
		q->caddr = 1 + fuzz_below(s, 3); /* the item count */
		for (unsigned i = 0; i < q->caddr; i++)
			buf->poll[i] = (struct helios_poll_item){
				.caddr = fuzz_below(s, 2) ? pick_endpoint(s) : pick_notification(s),
				.events = (uint16_t)(1 + fuzz_below(s, 3)),
			};
	}
}

/* Reprograms a puppet, whatever it is doing: its configuration back to the round's (the
 * caller may have changed it), registers that run the loop with a new request. */
static void puppet_reprogram(struct round *r, struct puppet *p, unsigned index)
{
	unsigned stack = FUZZ_PAGE_PUPPETS + 2 * index + 1;
	KT_OK(helios_task_configure(p->task, r->sandbox, r->vspace, p->ipc_page,
				    fuzz_page_vaddr(stack - 1), p->fault_ep, FUZZ_PRIORITY));
	struct fuzz_request q;
	puppet_request(r, p, &q);
	struct helios_regs regs;
	fuzz_random_registers(&regs, &r->rng, true);
	rt_regs_set_pc(&regs, fuzz_page_vaddr(FUZZ_PAGE_PUPPET_CODE));
	rt_regs_set_sp(&regs, fuzz_page_vaddr(stack + 1) - sizeof(struct fuzz_puppet_words));
	fuzz_puppet_regs(&regs, &q);
	p->words->p3 = q.p[3];
	KT_OK(helios_task_write_registers(p->task, &regs));
}

static void puppet_start(struct round *r, unsigned index)
{
	struct puppet *p = &r->puppets[index];
	unsigned stack = FUZZ_PAGE_PUPPETS + 2 * index + 1;
	*p = (struct puppet){
		.task = kt_object(HELIOS_CAP_TASK, 0),
		.ipc_page = r->pages + stack - 1,
		.fault_ep = kt_mint(r->sup, HELIOS_RIGHT_WRITE, index + 1),
		.reply = kt_slot(),
		.ipc = (struct helios_ipc_buffer *)view_page(r, stack - 1),
		.words = (struct fuzz_puppet_words *)(view_page(r, stack + 1) -
						      sizeof(struct fuzz_puppet_words)),
	};
	give(r, SB_PUPPETS + index, p->task, 0);
	puppet_reprogram(r, p, index);
	KT_OK(helios_task_resume(p->task));
}

/* Writes registers into a puppet, counting what it was doing: `state` (TASK_INFO's, taken
 * before any suspend), `faulted` (waiting for the answer to a fault the test received). */
static void puppet_write(struct round *r, struct puppet *p, uint64_t state, bool faulted)
{
	struct helios_regs regs;
	fuzz_random_registers(&regs, &r->rng, fuzz_below(&r->rng, 4));
	int err = helios_task_write_registers(p->task, &regs);
	if (err) {
		KT_ERR(err, HELIOS_ERR_INVALID_PARAM);
		r->stats.refused++;
		return;
	}
	r->stats.writes++;
	if (faulted)
		r->stats.faulted_writes++;
	else if (state >= HELIOS_TASK_BLOCKED_SEND)
		r->stats.blocked_writes++;
}

/* Answers the fault just received (the test's own reply capability): the task retries where
 * its registers now say. DELETED: the caller suspended the puppet meanwhile (during a time
 * slice the test lost to it). */
static void answer_fault(void)
{
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	int err = helios_reply(&m);
	KT_CHECK(err == HELIOS_OK || err == HELIOS_ERR_DELETED);
}

/* Answers a fault kept for later, through its saved reply capability (consumed). */
static void answer_kept(struct puppet *p)
{
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	int err = helios_send(p->reply, &m);
	KT_CHECK(err == HELIOS_OK || err == HELIOS_ERR_DELETED);
}

/* A puppet's fault, just received: answer it at once (reprogrammed, with random registers,
 * or as it is), or keep the answer for a later turn. */
static void puppet_fault(struct round *r, unsigned index)
{
	struct puppet *p = &r->puppets[index];
	r->stats.puppet_faults++;
	if (p->waiting) /* an earlier fault's answer, dead since (the puppet was suspended) */
		helios_cspace_delete(rt_cspace, p->reply);
	p->waiting = false;
	uint64_t choice = ++p->fault_streak > 4 ? 0 : fuzz_below(&r->rng, 4);
	switch (choice) {
	case 0:
		puppet_reprogram(r, p, index);
		p->fault_streak = 0;
		break;
	case 1:
		puppet_write(r, p, HELIOS_TASK_BLOCKED_REPLY, true);
		break;
	case 2:
		KT_OK(helios_cspace_save_reply(rt_cspace, p->reply, NULL));
		p->waiting = true;
		return;
	default:
		break;
	}
	answer_fault();
}

/* Answers a kept fault, after random registers or as it is, or drops the answer (the puppet
 * then retries the instruction). */
static void puppet_release(struct round *r, struct puppet *p, uint64_t state)
{
	uint64_t *s = &r->rng;
	if (fuzz_below(s, 2))
		puppet_write(r, p, state, state == HELIOS_TASK_BLOCKED_REPLY);
	if (fuzz_below(s, 4))
		answer_kept(p);
	else
		helios_cspace_delete(rt_cspace, p->reply);
	p->waiting = false;
}

/*
 * One thing done to a random puppet, by what it is doing. Blocked in a syscall: its registers
 * read or written (random values, refused ones too), with or without a suspend first, or a new
 * syscall written over the one it is blocked in, or a new priority. Waiting for the answer to
 * a kept fault: released (puppet_release). Suspended: reprogrammed or not, resumed. Running:
 * suspended, sometimes written.
 */
static void chaos(struct round *r)
{
	uint64_t *s = &r->rng;
	unsigned index = (unsigned)fuzz_below(s, FUZZ_PUPPETS);
	struct puppet *p = &r->puppets[index];
	uint64_t state = kt_state(p->task), choice = fuzz_below(s, 8);
	bool faulted = p->waiting && state == HELIOS_TASK_BLOCKED_REPLY; /* and not suspended */
	struct helios_regs regs;
	if (p->waiting && choice < 6) {
		puppet_release(r, p, state);
	} else if (state == HELIOS_TASK_INACTIVE) {
		if (choice < 4)
			puppet_reprogram(r, p, index);
		else if (choice < 6)
			puppet_write(r, p, state, false);
		KT_OK(helios_task_resume(p->task));
	} else if (state == HELIOS_TASK_READY) {
		KT_OK(helios_task_suspend(p->task));
		if (choice < 2)
			puppet_write(r, p, state, false);
	} else if (choice == 0) {
		KT_OK(helios_task_read_registers(p->task, &regs));
	} else if (choice < 4) {
		puppet_write(r, p, state, faulted);
	} else if (choice == 4) {
		KT_OK(helios_task_suspend(p->task));
		puppet_write(r, p, state, faulted);
		KT_OK(helios_task_resume(p->task));
	} else if (choice == 5) {
		puppet_reprogram(r, p, index); /* a new syscall over the one it is blocked in */
	} else if (choice == 6) {
		KT_OK(helios_task_suspend(p->task));
		puppet_reprogram(r, p, index);
		KT_OK(helios_task_resume(p->task));
	} else {
		KT_OK(helios_task_set_priority(p->task, FUZZ_PRIORITY - fuzz_below(s, 4)));
	}
}

/* ---- The instruction task --------------------------------------------------------------- */

/* Sends the instruction task (faulted or suspended) to the next slot, refilling the code
 * page when it has run every slot. */
static void insn_next(struct round *r)
{
	struct insn_task *t = &r->insn;
	if (t->slot == HELIOS_PAGE_SIZE / fuzz_insn_slot_size) {
		fuzz_insn_data(view_page(r, FUZZ_PAGE_DATA), &t->rng);
		fuzz_insn_fill(view_page(r, FUZZ_PAGE_CODE), &t->rng);
		fuzz_sync_code(view_page(r, FUZZ_PAGE_CODE), HELIOS_PAGE_SIZE);
		t->slot = 0;
	}
	struct helios_regs regs;
	fuzz_insn_regs(&regs, fuzz_page_vaddr(FUZZ_PAGE_CODE) + t->slot * fuzz_insn_slot_size,
		       view_page(r, FUZZ_PAGE_STACK), &t->rng);
	KT_OK(helios_task_write_registers(t->task, &regs));
	t->slot++;
	r->stats.insns++;
}

static void insn_start(struct round *r)
{
	struct insn_task *t = &r->insn;
	*t = (struct insn_task){
		.task = kt_object(HELIOS_CAP_TASK, 0),
		.fault_ep = kt_mint(r->sup, HELIOS_RIGHT_WRITE, INSN_BADGE),
		.rng = mix(r->seed ^ 3),
		.slot = HELIOS_PAGE_SIZE / fuzz_insn_slot_size, /* fill the pages first */
	};
	/* The sandbox cspace: an instruction may be a syscall, with random registers. */
	KT_OK(helios_task_configure(t->task, r->sandbox, r->insn_vspace, HELIOS_CADDR_UNDEF, 0,
				    t->fault_ep, FUZZ_PRIORITY));
	insn_next(r);
	KT_OK(helios_task_resume(t->task));
}

/* A fault of the instruction task: mostly on to the next slot with new registers; one in eight
 * times resumed as it is, at whatever rip and with whatever flags the fault left (a fault
 * frame may hold a rip no register write could set). */
static void insn_fault(struct round *r, uint64_t type)
{
	r->insn.faults++;
	r->stats.insn_faults[type <= HELIOS_FAULT_OTHER ? type : 0]++;
	if (fuzz_below(&r->insn.rng, 8) == 0)
		r->stats.insn_resumed++;
	else
		insn_next(r);
	answer_fault();
}

/* An instruction that neither faults nor ends (a jump to itself, a syscall that blocks) is
 * stopped after a few turns and the task sent on. */
static void insn_watch(struct round *r)
{
	struct insn_task *t = &r->insn;
	if (t->faults != t->faults_seen) {
		t->faults_seen = t->faults;
		t->idle = 0;
		return;
	}
	if (++t->idle < FUZZ_INSN_IDLE_TURNS)
		return;
	KT_OK(helios_task_suspend(t->task));
	insn_next(r);
	KT_OK(helios_task_resume(t->task));
	r->stats.insn_hangs++;
	t->idle = 0;
}

/* ---- Running a round -------------------------------------------------------------------- */

/* Every fault that came in since the last turn: only the kernel sends on this endpoint. */
static void supervise(struct round *r)
{
	struct helios_msg m;
	while (helios_nbrecv(r->sup, &m) == HELIOS_OK) {
		KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
		if (m.value == INSN_BADGE) {
			insn_fault(r, m.p[HELIOS_FAULT_TYPE]);
		} else {
			KT_CHECK(m.value >= 1 && m.value <= FUZZ_PUPPETS);
			puppet_fault(r, (unsigned)m.value - 1);
		}
	}
}

static void round_start(struct round *r)
{
	r->rng = mix(r->seed ^ 2);
	r->caller.seed = mix(r->seed ^ 1);
	r->sup = kt_endpoint();
	build_address_spaces(r);
	build_sandbox(r);
	for (unsigned i = 0; i < FUZZ_PUPPETS; i++)
		puppet_start(r, i);
	insn_start(r);
	kt_create(&r->caller_thread, fuzz_caller_main, &r->caller, FUZZ_PRIORITY);
	/* Its own cspace is the sandbox; it shares the program's vspace for its code. */
	KT_OK(helios_task_set_space(r->caller_thread.task, r->sandbox, rt_vspace));
	KT_OK(rt_thread_start(&r->caller_thread));
}

/* The test's turns, until the caller has made the round's calls. */
static void round_run(struct round *r)
{
	uint64_t last = 0;
	unsigned stalled = 0;
	while (r->caller.calls < r->calls) {
		supervise(r);
		insn_watch(r);
		chaos(r);
		r->stats.turns++;
		helios_yield();
		if (r->caller.calls != last) {
			last = r->caller.calls;
			stalled = 0;
		} else if (++stalled > FUZZ_STALL_TURNS) {
			KT_FAIL("round %llu: the caller made no call in %u turns (%llu of %llu)",
				(unsigned long long)r->index, FUZZ_STALL_TURNS,
				(unsigned long long)last, (unsigned long long)r->calls);
		}
	}
}

/* Stops everyone, checks the test's own capabilities, and takes the sandbox apart. */
static void round_stop(struct round *r)
{
	KT_OK(helios_task_suspend(r->caller_thread.task));
	KT_OK(helios_task_suspend(r->insn.task));
	for (unsigned i = 0; i < FUZZ_PUPPETS; i++) {
		KT_OK(helios_task_suspend(r->puppets[i].task));
		r->stats.puppet_turns += r->puppets[i].words->turns;
	}
	/* The kernel still answers, and nothing outside the sandbox changed hands. */
	KT_EQ(kt_type(r->sandbox), HELIOS_CAP_CSPACE);
	KT_EQ(kt_type(r->sup), HELIOS_CAP_ENDPOINT);
	KT_EQ(kt_type(r->memory), HELIOS_CAP_MEMORY);
	/*
	 * Everything the sandbox made from its memory, then everything it holds: a cspace holding
	 * itself (the sandbox, and any the caller made and copied into itself) keeps itself alive
	 * after the runtime deletes the test's capabilities. Then the leak check sees whether the
	 * rest came back.
	 */
	KT_OK(helios_cspace_revoke(rt_cspace, r->memory));
	for (helios_caddr_t i = 1; i < FUZZ_SLOTS; i++) {
		int err = helios_cspace_delete(r->sandbox, i);
		KT_CHECK(err == HELIOS_OK || err == HELIOS_ERR_INVALID_CSLOT);
	}
}

static void round_report(const struct round *r, uint64_t ms)
{
	const struct stats *st = &r->stats;
	rt_printf("fuzz: round %llu: %llu calls in %llu ms (%llu turns); puppets: %llu turns, "
		  "%llu faults; register writes: %llu (%llu blocked, %llu faulted), "
		  "%llu refused\n",
		  (unsigned long long)r->index, (unsigned long long)r->caller.calls,
		  (unsigned long long)ms, (unsigned long long)st->turns,
		  (unsigned long long)st->puppet_turns, (unsigned long long)st->puppet_faults,
		  (unsigned long long)st->writes,
		  (unsigned long long)st->blocked_writes, (unsigned long long)st->faulted_writes,
		  (unsigned long long)st->refused);
	rt_printf("fuzz: round %llu: %llu instructions (%llu stopped, %llu faults resumed as they "
		  "were); faults: page %llu, protection %llu, opcode %llu, debug %llu, other %llu\n",
		  (unsigned long long)r->index, (unsigned long long)st->insns,
		  (unsigned long long)st->insn_hangs, (unsigned long long)st->insn_resumed,
		  (unsigned long long)st->insn_faults[HELIOS_FAULT_PAGE],
		  (unsigned long long)st->insn_faults[HELIOS_FAULT_GENERAL_PROTECTION],
		  (unsigned long long)st->insn_faults[HELIOS_FAULT_INVALID_OPCODE],
		  (unsigned long long)st->insn_faults[HELIOS_FAULT_DEBUG],
		  (unsigned long long)(st->insn_faults[0] + st->insn_faults[HELIOS_FAULT_DIVIDE] +
				       st->insn_faults[HELIOS_FAULT_ALIGNMENT] +
				       st->insn_faults[HELIOS_FAULT_FPU] +
				       st->insn_faults[HELIOS_FAULT_OTHER]));
}

/* One round, in a mark of its own: every slot and byte must be back after it. */
static void fuzz_round(uint64_t index, uint64_t seed, uint64_t calls)
{
	rt_printf("fuzz: round %llu seed %#llx calls %llu\n", (unsigned long long)index,
		  (unsigned long long)seed, (unsigned long long)calls);
	struct rt_mark mark;
	rt_mark(&mark);
	uint64_t memory = rt_memory_free(), slots = free_slots(), start = kt_counter();
	static struct round r;
	r = (struct round){ .index = index, .seed = seed, .calls = calls };
	round_start(&r);
	round_run(&r);
	round_stop(&r);
	rt_release_since(&mark);
	if (rt_memory_free() != memory)
		KT_FAIL("round %llu: %lld bytes of memory not given back",
			(unsigned long long)index, (long long)(memory - rt_memory_free()));
	if (free_slots() != slots)
		KT_FAIL("round %llu: %lld capability slots not given back",
			(unsigned long long)index, (long long)(slots - free_slots()));
	round_report(&r, (kt_counter() - start) / kt_counter_per_ms());
}

/*
 * Test `part` of FUZZ_TESTS: its share of the rounds. The kernel command line may ask for
 * fuzz_rounds= rounds of fuzz_calls= calls from round fuzz_first= on, or with fuzz_seed= for
 * the one round of that seed (which the first test runs).
 */
static void fuzz_part(unsigned part)
{
	uint64_t calls = kt_option_u64("fuzz_calls", FUZZ_ROUND_CALLS);
	if (kt_option("fuzz_seed")) {
		if (part == 0)
			fuzz_round(0, kt_option_u64("fuzz_seed", 0), calls);
		return;
	}
	uint64_t rounds = kt_option_u64("fuzz_rounds", FUZZ_ROUNDS);
	uint64_t first = kt_option_u64("fuzz_first", 0);
	uint64_t share = (rounds + FUZZ_TESTS - 1) / FUZZ_TESTS;
	for (uint64_t i = part * share; i < rounds && i < (part + 1) * share; i++)
		fuzz_round(first + i, mix(FUZZ_SEED + first + i), calls);
}

KTEST_LONG(fuzz_rounds_1, FUZZ_TEST_TIMEOUT_S)
{
	fuzz_part(0);
}

KTEST_LONG(fuzz_rounds_2, FUZZ_TEST_TIMEOUT_S)
{
	fuzz_part(1);
}

KTEST_LONG(fuzz_rounds_3, FUZZ_TEST_TIMEOUT_S)
{
	fuzz_part(2);
}

KTEST_LONG(fuzz_rounds_4, FUZZ_TEST_TIMEOUT_S)
{
	fuzz_part(3);
}
