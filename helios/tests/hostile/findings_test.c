/*
 * The hostile review's findings that hold on every architecture, one regression test each
 * (docs/security.md lists them): each failed on the kernel before its fix. The x86_64-only
 * findings and their aarch64 counterparts are in arch/<arch>/cpu_state_test.c.
 */
#include "helios/tests/ktest.h"
#include "hostile_arch.h"

/* What hostile_landing (hostile.S) stores and signals. */
uint64_t hostile_landing_result, hostile_landing_signal;

#define TLS_MAGIC 0x7e57ab1e5eedull
#define ROUNDS 40

static volatile uint64_t tls_errors;

/* Clobbers the hardware TLS base, then lets the other task run. */
static int clobber_tls(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		hostile_clobber_tls();
		helios_yield();
	}
	return 0;
}

static int read_tls(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		if (kt_tls_word() != TLS_MAGIC)
			tls_errors++;
		helios_yield();
	}
	return 0;
}

/*
 * Finding 3: a task that changes its hardware TLS base (x86_64: loads a selector into FS, which
 * zeroes FS's base) must not change another task's, even one whose recorded base is the same:
 * the kernel's cache of the loaded base went stale and the other task ran with base 0.
 */
KTEST(hostile_tls_base_not_shared)
{
	static uint64_t tls_block = TLS_MAGIC;
	tls_errors = 0;
	struct rt_thread t[2];
	kt_create(&t[0], clobber_tls, NULL, KT_PRIORITY);
	kt_create(&t[1], read_tls, NULL, KT_PRIORITY);
	for (int i = 0; i < 2; i++) {
		struct helios_regs r;
		KT_OK(helios_task_read_registers(t[i].task, &r));
		rt_regs_set_tls(&r, (uint64_t)(uintptr_t)&tls_block);
		KT_OK(helios_task_write_registers(t[i].task, &r));
	}
	for (int i = 0; i < 2; i++)
		KT_OK(rt_thread_start(&t[i]));
	for (int i = 0; i < 2; i++)
		kt_join(&t[i]);
	KT_EQ(tls_errors, 0);
}

static int poll_once(void *arg)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->poll[0] = (struct helios_poll_item){ (helios_caddr_t)(uintptr_t)arg, HELIOS_POLL_RECV,
						  0 };
	unsigned ready;
	return helios_poll(1, &ready);
}

/*
 * Finding 4: a poller whose registers a supervisor rewrote is woken at the pc written, not
 * stepped back onto a syscall that is no longer there (hostile_landing follows an undefined
 * instruction, which a task stepped back runs into).
 */
KTEST(hostile_poll_wakeup_keeps_written_pc)
{
	helios_caddr_t polled = kt_notification(), landed = kt_notification();
	hostile_landing_signal = landed;
	hostile_landing_result = 0;
	struct rt_thread t;
	kt_spawn(&t, poll_once, (void *)(uintptr_t)polled, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_POLL);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(t.task, &r));
	rt_regs_set_pc(&r, (uint64_t)(uintptr_t)hostile_landing);
	rt_regs_set_result(&r, 0x5eed);
	KT_OK(helios_task_write_registers(t.task, &r));
	KT_EQ(kt_state(t.task), HELIOS_TASK_BLOCKED_POLL);
	KT_OK(helios_signal(polled));
	KT_OK(helios_wait(landed, NULL));
	KT_EQ(hostile_landing_result, 0x5eed);
}

struct sender {
	helios_caddr_t ep, cap;
};

/* Sends one message with one capability: blocks, as nobody receives yet. */
static int send_one_cap(void *arg)
{
	struct sender *s = arg;
	rt_ipc_buffer()->caps[0] = s->cap;
	struct helios_msg m = { .tag = helios_tag(0x51, 1, 1), .p = { 0x5a } };
	return helios_send(s->ep, &m);
}

/*
 * Finding 5: a blocked sender's message is the one it was checked with. Rewriting its tag
 * register (seven capabilities, a reserved bit) must not make the kernel read past the
 * four capability slots of its IPC buffer, or hand the receiver more than the ABI allows.
 */
KTEST(hostile_blocked_sender_tag_rewritten)
{
	struct sender s = { kt_endpoint(), kt_endpoint() };
	struct rt_thread t;
	kt_spawn(&t, send_one_cap, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_SEND);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(t.task, &r));
	hostile_regs_set_tag(&r, helios_tag(0x52, 8, 7) | 1ull << 12);
	KT_OK(helios_task_write_registers(t.task, &r));

	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		ipc->recv_slots[i] = HELIOS_CADDR_UNDEF;
	struct helios_msg m;
	KT_OK(helios_recv(s.ep, &m));
	unsigned caps = helios_tag_caps(m.tag);
	for (unsigned i = 0; i < caps && i < HELIOS_MSG_MAX_CAPS; i++)
		KT_OK(helios_cspace_delete(rt_cspace, ipc->caps[i])); /* kernel-chosen slots */
	KT_EQ(helios_tag_label(m.tag), 0x51);
	KT_EQ(helios_tag_params(m.tag), 1);
	KT_EQ(caps, 1);
	KT_EQ(m.p[0], 0x5a);
	KT_EQ(kt_join(&t), HELIOS_OK);
}

static int jump_to_bad_address(void *arg)
{
	(void)arg;
	return hostile_jump((void *)(uintptr_t)KT_BAD_ADDRESS);
}

/*
 * Finding 6: a fault whose saved pc is outside user space (QEMU reports a jump to a
 * non-canonical address with the target as rip) is never returned to: resumed, the task takes
 * the instruction-fetch fault that address raises instead of the kernel faulting on IRETQ.
 */
KTEST(hostile_fault_pc_outside_user_space)
{
	struct kt_sup s;
	kt_sup_start(&s, jump_to_bad_address, NULL);
	KT_EQ(kt_sup_wait(&s), 1);
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 1);
	KT_EQ(s.fault.type, HELIOS_FAULT_PAGE);
	KT_EQ(s.fault.vector, KT_VECTOR_FETCH_ABORT);
	KT_EQ(s.fault.ip, KT_BAD_ADDRESS);
	KT_EQ(s.fault.addr, KT_BAD_ADDRESS);
	KT_CHECK(kt_page_fault_flags(s.fault.code) & KT_PF_USER);
	/* Resumed again, the same: the kernel keeps refusing, and stays up. */
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 1);
	KT_EQ(s.fault.ip, KT_BAD_ADDRESS);
}

/* A vspace with an ASID of the init pool. */
static helios_caddr_t vspace_with_asid(uint64_t *asid)
{
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, asid));
	return vs;
}

/*
 * Finding 8: a mapping record that outlived its vspace must not remove a mapping another
 * vspace made under the same, reused ASID. Page p is mapped in vspace a; a dies and b gets
 * its ASID; a copy of p is mapped in b at the same address; unmapping p's stale record must
 * leave b's mapping in place (mapping another page there still finds the slot taken).
 */
KTEST(hostile_stale_mapping_after_asid_reuse)
{
	const uint64_t vaddr = KT_SCRATCH;
	uint64_t asid_a = 0, asid_b = 0;
	helios_caddr_t a = vspace_with_asid(&asid_a);
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(a, page, vaddr, HELIOS_MAP_READ));
	KT_OK(rt_free(a));
	helios_caddr_t b = vspace_with_asid(&asid_b);
	KT_EQ(asid_b, asid_a);
	helios_caddr_t copy = kt_copy(page, HELIOS_RIGHTS_ALL);
	KT_OK(rt_map(b, copy, vaddr, HELIOS_MAP_READ));
	KT_OK(helios_page_unmap(page));
	helios_caddr_t other = kt_object(HELIOS_CAP_PAGE, 0);
	KT_ERR(helios_page_map(other, b, vaddr, HELIOS_MAP_READ, NULL), HELIOS_ERR_MAPPED);
	uint64_t mapped_vaddr = 0, mapped_asid = 0;
	KT_OK(helios_page_info(copy, NULL, &mapped_vaddr, &mapped_asid));
	KT_EQ(mapped_vaddr, vaddr);
	KT_EQ(mapped_asid, asid_b);
	/* Deleting the stale capability leaves b's mapping alone too. */
	KT_OK(rt_free(page));
	KT_ERR(helios_page_map(other, b, vaddr, HELIOS_MAP_READ, NULL), HELIOS_ERR_MAPPED);
}

/*
 * The first page is never mappable (HELIOS_USER_BOTTOM): a null pointer always faults, and
 * nothing the CPU might read at address 0 (x86_64's firmware LDT was based there) can be
 * planted. Tables covering it may be mapped; a page at 0 or anywhere inside it may not.
 */
KTEST(hostile_page_zero_unmappable)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_ERR(rt_map(rt_vspace, page, 0, HELIOS_MAP_READ | HELIOS_MAP_WRITE),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, 0, HELIOS_MAP_READ, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, HELIOS_USER_BOTTOM - HELIOS_PAGE_SIZE,
			       HELIOS_MAP_READ, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_CHECK(kt_probe_read(0) != 0);
	KT_CHECK(kt_probe_write(8) != 0);
	/* The page right above it is an ordinary one. */
	KT_OK(rt_map(rt_vspace, page, HELIOS_USER_BOTTOM, HELIOS_MAP_READ));
	KT_OK(helios_page_unmap(page));
}
