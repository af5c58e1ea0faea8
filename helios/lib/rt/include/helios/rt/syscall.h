/*
 * The 15 Helios syscalls as inline functions. Each architecture's <helios/rt/arch/syscall.h>
 * (helios/lib/rt/arch/<arch>/) supplies helios_syscall, which puts the seven roles of abi.h's
 * "Registers" in their registers (x86_64: rax, rdi, rsi, rdx, r10, r8, r9; aarch64: x0-x6).
 * Parameters 4-63, capabilities to transfer and poll items are in the calling thread's IPC
 * buffer (rt_ipc_buffer()), which the caller fills before the syscall.
 */
#ifndef HELIOS_RT_SYSCALL_H
#define HELIOS_RT_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/msg.h> /* struct helios_msg */

#include <helios/rt/arch/syscall.h> /* helios_syscall(number, caddr, &msg) */

/* A syscall that takes only the caddr register and returns only the error and value. */
static inline int helios_syscall1(uint64_t number, uint64_t arg, uint64_t *value)
{
	struct helios_msg m = { 0 };
	helios_syscall(number, arg, &m);
	if (value)
		*value = m.value;
	return (int)m.error;
}

/* WRITECONS: writes len bytes at p to the debug console; *written (may be NULL) = bytes out. */
static inline int helios_writecons(const void *p, size_t len, size_t *written)
{
	struct helios_msg m = { .tag = len };
	helios_syscall(HELIOS_SYS_WRITECONS, (uintptr_t)p, &m);
	if (written)
		*written = m.value;
	return (int)m.error;
}

/* IDENTIFY: the type (enum helios_cap_type) and rights of a capability; either may be NULL. */
static inline int helios_identify(helios_caddr_t cap, unsigned *type, unsigned *rights)
{
	uint64_t v = 0;
	int err = helios_syscall1(HELIOS_SYS_IDENTIFY, cap, &v);
	if (type)
		*type = err ? HELIOS_CAP_NULL : HELIOS_IDENTIFY_TYPE(v);
	if (rights)
		*rights = err ? 0 : HELIOS_IDENTIFY_RIGHTS(v);
	return err;
}

/* SEND, NBSEND, CALL: the message in *m; CALL returns the reply in *m. */
static inline int helios_send(helios_caddr_t cap, struct helios_msg *m)
{
	helios_syscall(HELIOS_SYS_SEND, cap, m);
	return (int)m->error;
}

static inline int helios_nbsend(helios_caddr_t cap, struct helios_msg *m)
{
	helios_syscall(HELIOS_SYS_NBSEND, cap, m);
	return (int)m->error;
}

static inline int helios_call(helios_caddr_t cap, struct helios_msg *m)
{
	helios_syscall(HELIOS_SYS_CALL, cap, m);
	return (int)m->error;
}

/* RECV, NBRECV: the message arrives in *m (m->value = the sender's badge). */
static inline int helios_recv(helios_caddr_t cap, struct helios_msg *m)
{
	*m = (struct helios_msg){ 0 };
	helios_syscall(HELIOS_SYS_RECV, cap, m);
	return (int)m->error;
}

static inline int helios_nbrecv(helios_caddr_t cap, struct helios_msg *m)
{
	*m = (struct helios_msg){ 0 };
	helios_syscall(HELIOS_SYS_NBRECV, cap, m);
	return (int)m->error;
}

/* REPLY: answers the last caller with *m. */
static inline int helios_reply(struct helios_msg *m)
{
	helios_syscall(HELIOS_SYS_REPLY, 0, m);
	return (int)m->error;
}

/* REPLYRECV: replies with *m, then receives the next message on cap into *m. */
static inline int helios_replyrecv(helios_caddr_t cap, struct helios_msg *m)
{
	helios_syscall(HELIOS_SYS_REPLYRECV, cap, m);
	return (int)m->error;
}

static inline int helios_signal(helios_caddr_t notification)
{
	return helios_syscall1(HELIOS_SYS_SIGNAL, notification, NULL);
}

/* WAIT, NBWAIT: *word (may be NULL) = the notification's word, which is cleared. */
static inline int helios_wait(helios_caddr_t notification, uint64_t *word)
{
	return helios_syscall1(HELIOS_SYS_WAIT, notification, word);
}

/* WAIT until `deadline` (nanoseconds of the monotonic clock, helios_clock; 0: no deadline):
 * HELIOS_ERR_TIMED_OUT when it comes first (at once if it has passed). */
static inline int helios_wait_until(helios_caddr_t notification, uint64_t deadline,
				    uint64_t *word)
{
	struct helios_msg m = { .tag = deadline };
	helios_syscall(HELIOS_SYS_WAIT, notification, &m);
	if (word)
		*word = m.value;
	return (int)m.error;
}

static inline int helios_nbwait(helios_caddr_t notification, uint64_t *word)
{
	return helios_syscall1(HELIOS_SYS_NBWAIT, notification, word);
}

/* POLL: waits for the first `count` poll items of the IPC buffer; *ready = how many are
 * ready (on an item error: the index of the bad item). */
static inline int helios_poll(unsigned count, unsigned *ready)
{
	uint64_t v = 0;
	int err = helios_syscall1(HELIOS_SYS_POLL, count, &v);
	if (ready)
		*ready = (unsigned)v;
	return err;
}

/* POLL until `deadline` (as helios_wait_until). */
static inline int helios_poll_until(unsigned count, uint64_t deadline, unsigned *ready)
{
	struct helios_msg m = { .tag = deadline };
	helios_syscall(HELIOS_SYS_POLL, count, &m);
	if (ready)
		*ready = (unsigned)m.value;
	return (int)m.error;
}

/* CLOCK: nanoseconds of the monotonic clock since the kernel started it. */
static inline uint64_t helios_clock(void)
{
	uint64_t ns = 0;
	helios_syscall1(HELIOS_SYS_CLOCK, 0, &ns);
	return ns;
}

static inline int helios_yield(void)
{
	return helios_syscall1(HELIOS_SYS_YIELD, 0, NULL);
}

#endif
