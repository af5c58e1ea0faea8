/*
 * The syscalls generated code makes, on Helios: the runtime's, inline (a register-only call
 * compiles to the bare syscall). The host build has the same names as plain functions a test
 * supplies (transport/host/), so generated code runs without a kernel.
 *
 * The two capability operations are kernel invocations, whose stubs are themselves generated
 * code (//helios/ipc, linked into //helios/lib/rt): this runtime sits below them, so it
 * depends on the runtime's syscall headers only and //helios/lib/rt defines these two
 * (invoke.c), as a host test does for the host build.
 */
#ifndef IPCGEN_TRANSPORT_H
#define IPCGEN_TRANSPORT_H

#include <helios/abi.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>

static inline int ipcgen_call(helios_caddr_t ep, struct helios_msg *m)
{
	return helios_call(ep, m);
}

static inline int ipcgen_send(helios_caddr_t ep, struct helios_msg *m)
{
	return helios_send(ep, m);
}

static inline int ipcgen_recv(helios_caddr_t ep, struct helios_msg *m)
{
	return helios_recv(ep, m);
}

static inline int ipcgen_replyrecv(helios_caddr_t ep, struct helios_msg *m)
{
	return helios_replyrecv(ep, m);
}

/* The calling thread's IPC buffer (NULL: none). */
static inline struct helios_ipc_buffer *ipcgen_buffer(void)
{
	return rt_ipc_buffer();
}

/* The kernel object type (enum helios_cap_type) of the capability in slot. */
static inline int ipcgen_identify(helios_caddr_t slot, unsigned *type)
{
	return helios_identify(slot, type, NULL);
}

/* Deletes the capability in slot (of the program's cspace). */
int ipcgen_delete(helios_caddr_t slot);
/* Moves the caller's pending reply capability to dest of the program's cspace (CADDR_UNDEF:
 * the kernel picks) and says where in *saved. */
int ipcgen_save_reply(helios_caddr_t dest, helios_caddr_t *saved);

#endif
