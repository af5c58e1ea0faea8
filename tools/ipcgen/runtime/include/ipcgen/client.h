/*
 * The client side of generated interfaces (docs/ipc.md, "Clients"): a call sends the message
 * and checks the reply. The reply's label is the status (0 = OK, as for kernel invocations);
 * its words and capabilities must be exactly what the method declares.
 */
#ifndef IPCGEN_CLIENT_H
#define IPCGEN_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/msg.h>
#include <ipcgen/message.h>
#include <ipcgen/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether a status is one of a method's declared error enums. */
typedef bool ipcgen_raises_fn(uint64_t status);

/*
 * The error a reply that is not the expected success means, from the call's error and the tag
 * that came back: the syscall's own error (the call never reached a server: our tag is still
 * there), else the reply's status if it is an enum helios_error or a declared error (raises may
 * be NULL), else INVALID_PARAM (a malformed reply). Capabilities that came with it are deleted.
 * Registers, not the struct: the inline clients' fast path keeps the message in registers.
 */
int ipcgen_reply_error(uint64_t error, helios_tag_t tag, ipcgen_raises_fn *raises);
/* A reply that is not what its status promises: deletes the capabilities it brought and
 * returns INVALID_PARAM. */
int ipcgen_reply_malformed(helios_tag_t tag);

/*
 * Calls ep with label and m's words and capabilities; result capabilities go to recv_slots
 * (nrecv of them; HELIOS_CADDR_UNDEF: the kernel picks). On HELIOS_OK m holds the reply, to be
 * read with ipcgen_get_* and finished with ipcgen_client_end. On an error status m holds the
 * words the error reply carried, for an error that carries results (ipcgen_client_error_end);
 * on the syscall's own error m holds nothing and reading it fails with that error.
 */
int ipcgen_client_call(helios_caddr_t ep, uint64_t label, struct ipcgen_message *m,
		       const helios_caddr_t *recv_slots, unsigned nrecv, ipcgen_raises_fn *raises);
/* ipcgen_message_end of a reply; on an error the reply's capabilities are deleted. */
int ipcgen_client_end(struct ipcgen_message *m);
/* The end of an error reply whose results were read: `status` if they were exactly right,
 * else the error reading them met. */
int ipcgen_client_error_end(struct ipcgen_message *m, int status);
/* Sends m to ep with label, without waiting for an answer (events). */
int ipcgen_client_send(helios_caddr_t ep, uint64_t label, struct ipcgen_message *m);

#ifdef __cplusplus
}
#endif

#endif
