/*
 * The fuzzer's caller (fuzz.h, README.md): random syscalls and invocations from a thread whose
 * cspace is the sandbox, never one that blocks; and the random values the whole fuzzer draws
 * from.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "helios/tests/hostile/fuzz.h"
#include "helios/tests/ktest.h"

/* ---- Values --------------------------------------------------------------------------- */

uint64_t fuzz_register_value(uint64_t *s)
{
	static const uint64_t edges[] = {
		0,
		~0ull,
		HELIOS_USER_TOP,
		HELIOS_USER_TOP - 1,
		HELIOS_USER_TOP - 16,
		HELIOS_USER_TOP - HELIOS_PAGE_SIZE, /* the last mappable page */
		0x00007fffffffffffull,              /* the last canonical user address */
		0x0000800000000000ull,              /* the first non-canonical one */
		0x0001000000000000ull,              /* past 48 bits */
		0xffff800000000000ull,              /* the first kernel address */
		0xffffffff80000000ull,              /* where kernels live */
		0x8000000000000000ull,
	};
	uint64_t r = fuzz_next(s);
	switch (r % 8) {
	case 0:
		return (r >> 8) % 64;
	case 1:
	case 2:
		return fuzz_page_vaddr(0) + (r >> 8) % (FUZZ_PAGES * HELIOS_PAGE_SIZE);
	case 3:
		return edges[(r >> 8) % KT_COUNT(edges)];
	case 4:
		return (r >> 8) % HELIOS_USER_TOP;
	case 5:
		return 0xffff800000000000ull | r >> 17;
	default:
		return fuzz_next(s);
	}
}

/* An invocation parameter: usually something plausible (a slot, a type, a size, an address at
 * a table boundary), sometimes an edge, sometimes anything. */
static uint64_t param_value(uint64_t *s)
{
	static const uint64_t edges[] = { 0, 1, HELIOS_CADDR_UNDEF, ~0ull, HELIOS_USER_TOP,
					  1ull << 47, 4096, 7 };
	uint64_t r = fuzz_next(s);
	switch (r % 8) {
	case 0:
	case 1:
		return (r >> 8) % FUZZ_SLOTS;
	case 2:
		return (r >> 8) % HELIOS_CAP_TYPE_COUNT;
	case 3:
		return ((r >> 8) % 64) * HELIOS_PAGE_SIZE;
	case 4:
		return ((r >> 8) % 512) << (12 + 9 * ((r >> 20) % 4)); /* a page, table, ... */
	case 5:
		return edges[(r >> 8) % KT_COUNT(edges)];
	default:
		return fuzz_next(s);
	}
}

void fuzz_random_registers(struct helios_regs *regs, uint64_t *s, bool acceptable)
{
	uint64_t *words = (uint64_t *)regs;
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		words[i] = fuzz_register_value(s);
	if (acceptable)
		fuzz_regs_acceptable(regs);
}

/* ---- The caller ----------------------------------------------------------------------- */

/* Every kernel method, so most invocations reach a decoder rather than INVALID_METHOD. */
static const uint64_t methods[] = {
	HELIOS_MEMORY_RETYPE, HELIOS_MEMORY_INFO, HELIOS_DEVICE_MEMORY_RETYPE,
	HELIOS_DEVICE_MEMORY_INFO, HELIOS_CSPACE_COPY, HELIOS_CSPACE_MINT, HELIOS_CSPACE_MOVE,
	HELIOS_CSPACE_DELETE, HELIOS_CSPACE_REVOKE, HELIOS_CSPACE_SAVE_REPLY, HELIOS_CSPACE_INFO,
	HELIOS_PDPT_MAP, HELIOS_PDPT_UNMAP, HELIOS_PD_MAP, HELIOS_PD_UNMAP, HELIOS_PT_MAP,
	HELIOS_PT_UNMAP, HELIOS_PAGE_MAP, HELIOS_PAGE_UNMAP, HELIOS_PAGE_INFO,
	HELIOS_ASID_CONTROL_MAKE_POOL, HELIOS_ASID_POOL_ASSIGN, HELIOS_TASK_CONFIGURE,
	HELIOS_TASK_SET_SPACE, HELIOS_TASK_SET_IPC_BUFFER, HELIOS_TASK_SET_FAULT_ENDPOINT,
	HELIOS_TASK_SET_PRIORITY, HELIOS_TASK_READ_REGISTERS, HELIOS_TASK_WRITE_REGISTERS,
	HELIOS_TASK_RESUME, HELIOS_TASK_SUSPEND, HELIOS_TASK_INFO, HELIOS_IO_PORT_IN8,
	HELIOS_IRQ_HANDLER_ACK,
};

/* What the caller does to tasks: mostly writing their registers. */
static const uint64_t task_methods[] = {
	HELIOS_TASK_WRITE_REGISTERS, HELIOS_TASK_WRITE_REGISTERS, HELIOS_TASK_WRITE_REGISTERS,
	HELIOS_TASK_READ_REGISTERS,  HELIOS_TASK_SUSPEND,         HELIOS_TASK_RESUME,
	HELIOS_TASK_RESUME,          HELIOS_TASK_SET_PRIORITY,
};

/* Syscalls that never block (invocations through NBSEND never do either). */
static const uint64_t caller_syscalls[] = {
	HELIOS_SYS_IDENTIFY, HELIOS_SYS_NBSEND, HELIOS_SYS_NBSEND, HELIOS_SYS_NBSEND,
	HELIOS_SYS_NBRECV,   HELIOS_SYS_NBRECV, HELIOS_SYS_REPLY,  HELIOS_SYS_SIGNAL,
	HELIOS_SYS_NBWAIT,   HELIOS_SYS_YIELD,  HELIOS_SYSCALL_COUNT, 0x7fffffffffffffffull,
};

/* Parameters: the first four in the message, the rest in the IPC buffer. */
static void set_params(struct helios_msg *m, struct helios_ipc_buffer *buf, unsigned count,
		       uint64_t (*value)(uint64_t *), uint64_t *s)
{
	for (unsigned i = 0; i < count && i < HELIOS_MSG_MAX_PARAMS; i++) {
		if (i < HELIOS_MSG_REG_PARAMS)
			m->p[i] = value(s);
		else
			buf->params[i] = value(s);
	}
}

/* One invocation on a task, mostly a puppet: its registers, random but often acceptable. */
static void caller_task_call(uint64_t *s, struct helios_ipc_buffer *buf)
{
	struct helios_msg m = { 0 };
	uint64_t target = fuzz_below(s, 4) ? SB_PUPPETS + fuzz_below(s, FUZZ_PUPPETS)
					   : param_value(s);
	uint64_t label = task_methods[fuzz_below(s, KT_COUNT(task_methods))];
	unsigned params = fuzz_below(s, 8) ? HELIOS_REGS_COUNT : (unsigned)fuzz_below(s, 65);
	if (label == HELIOS_TASK_WRITE_REGISTERS && params == HELIOS_REGS_COUNT) {
		struct helios_regs regs;
		fuzz_random_registers(&regs, s, fuzz_below(s, 2));
		const uint64_t *words = (const uint64_t *)&regs;
		memcpy(m.p, words, sizeof(m.p));
		memcpy(&buf->params[HELIOS_MSG_REG_PARAMS], words + HELIOS_MSG_REG_PARAMS,
		       sizeof(regs) - sizeof(m.p));
	} else {
		set_params(&m, buf, params, param_value, s);
	}
	m.tag = helios_tag(label, params, 0);
	helios_syscall(HELIOS_SYS_NBSEND, target, &m);
}

/* One random syscall: a number, a capability, a tag (sometimes malformed), parameters,
 * capabilities to transfer and slots to receive them in. */
static void caller_syscall(uint64_t *s, struct helios_ipc_buffer *buf)
{
	struct helios_msg m = { 0 };
	uint64_t r = fuzz_next(s);
	uint64_t label = r % 5 ? methods[(r >> 8) % KT_COUNT(methods)] : param_value(s);
	unsigned params = (unsigned)((r >> 16) % 9), caps = (unsigned)((r >> 24) % 8 == 0);
	if ((r >> 28) % 32 == 0)
		params = (unsigned)fuzz_below(s, 128); /* up to 127: past the limit */
	m.tag = helios_tag(label & HELIOS_LABEL_MAX, params, caps ? (unsigned)fuzz_below(s, 8) : 0);
	if ((r >> 32) % 16 == 0)
		m.tag |= 1ull << 12; /* a reserved bit */
	if ((r >> 36) % 4 == 0)
		m.tag |= HELIOS_TAG_MOVE_CAPS;
	set_params(&m, buf, params, param_value, s);
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++) {
		buf->caps[i] = (helios_caddr_t)param_value(s);
		buf->recv_slots[i] = fuzz_below(s, 2) ? HELIOS_CADDR_UNDEF
						      : (helios_caddr_t)param_value(s);
	}
	uint64_t number = caller_syscalls[(r >> 40) % KT_COUNT(caller_syscalls)];
	helios_syscall(number, param_value(s), &m);
}

int fuzz_caller_main(void *arg)
{
	struct fuzz_caller *c = arg;
	uint64_t s = c->seed;
	struct helios_ipc_buffer *buf = rt_ipc_buffer();
	for (;;) {
		if (fuzz_below(&s, 8) == 0)
			caller_task_call(&s, buf);
		else
			caller_syscall(&s, buf);
		c->calls++;
	}
	return 0;
}
