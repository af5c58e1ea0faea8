/*
 * The server side of generated interfaces (docs/ipc.md, "Servers"): <iface>_dispatch loads a
 * received message into a request, the method's _handle function checks and decodes it, calls
 * the handler and encodes its results, and ipcgen_request_finish turns the status into the
 * reply. Nothing malformed reaches a handler: it is answered with an error.
 */
#ifndef IPCGEN_SERVER_H
#define IPCGEN_SERVER_H

#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/msg.h>
#include <ipcgen/message.h>
#include <ipcgen/transport.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A handler's status that says: no reply now, the reply capability is saved (ipcgen_defer)
 * and <iface>_<method>_reply answers later. */
#define IPCGEN_DEFERRED (-1)
/* The status of an event's handling: one-way, nobody to answer. */
#define IPCGEN_ONE_WAY (-2)

/* What dispatch leaves in the message: a reply to send, or nothing. */
enum ipcgen_outcome {
	IPCGEN_NO_REPLY = 0,
	IPCGEN_REPLY = 1,
};

/* One received message on its way through a server. */
struct ipcgen_request {
	uint64_t badge; /* of the capability the client sent through: who it is */
	uint64_t label;
	struct ipcgen_message in;  /* the parameters */
	struct ipcgen_message out; /* the results */
};

void ipcgen_request_load(struct ipcgen_request *req, const struct helios_msg *msg,
			 const struct helios_ipc_buffer *buf);
/* Refuses a request before its handler saw it: deletes the capabilities it brought and
 * returns `error`. */
int ipcgen_reject(struct ipcgen_request *req, int error);
/* Writes the reply for `status` (HELIOS_OK: with the results) into msg and buf; the outcome. */
int ipcgen_request_finish(struct ipcgen_request *req, int status, struct helios_msg *msg,
			  struct helios_ipc_buffer *buf);

/* Keeps the current caller's reply capability in dest (HELIOS_CADDR_UNDEF: the kernel picks)
 * and says where in *saved; the handler then returns IPCGEN_DEFERRED. */
int ipcgen_defer(helios_caddr_t dest, helios_caddr_t *saved);
/* Answers a saved reply capability with `status` and, on HELIOS_OK, m (consumes the cap). */
int ipcgen_send_reply(helios_caddr_t reply, int status, struct ipcgen_message *m);

/* The generated dispatch function, without its server struct's type. */
typedef int ipcgen_dispatch_fn(const void *impl, void *ctx, struct helios_msg *msg,
			       struct helios_ipc_buffer *buf);
/*
 * Receives on ep and dispatches until a receive fails (then its error). Before each receive the
 * IPC buffer's recv_slots are set from recv_slots[0..3] (NULL: HELIOS_CADDR_UNDEF, the kernel
 * picks): a handler that keeps a capability received in a fixed slot moves it elsewhere.
 */
int ipcgen_serve(helios_caddr_t ep, ipcgen_dispatch_fn *dispatch, const void *impl, void *ctx,
		 const helios_caddr_t *recv_slots);

#ifdef __cplusplus
}
#endif

#endif
