/* The server loop: receive, dispatch, reply and receive the next in one syscall. */
#include <ipcgen/server.h>

static void set_recv_slots(struct helios_ipc_buffer *buf, const helios_caddr_t *recv_slots)
{
	for (unsigned i = 0; buf && i < HELIOS_MSG_MAX_CAPS; i++)
		buf->recv_slots[i] = recv_slots ? recv_slots[i] : HELIOS_CADDR_UNDEF;
}

int ipcgen_serve(helios_caddr_t ep, ipcgen_dispatch_fn *dispatch, const void *impl, void *ctx,
		 const helios_caddr_t *recv_slots)
{
	struct helios_ipc_buffer *buf = ipcgen_buffer();
	struct helios_msg msg;
	set_recv_slots(buf, recv_slots);
	int err = ipcgen_recv(ep, &msg);
	while (err == HELIOS_OK) {
		int outcome = dispatch(impl, ctx, &msg, buf);
		set_recv_slots(buf, recv_slots);
		/* A caller gone meanwhile fails only the reply half: REPLYRECV still receives. */
		err = outcome == IPCGEN_REPLY ? ipcgen_replyrecv(ep, &msg) : ipcgen_recv(ep, &msg);
	}
	return err;
}
