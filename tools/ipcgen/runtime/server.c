/* Requests of generated servers: loading, refusing, replying now or later. */
#include <ipcgen/server.h>

void ipcgen_request_load(struct ipcgen_request *req, const struct helios_msg *msg,
			 const struct helios_ipc_buffer *buf)
{
	req->badge = msg->value;
	req->label = helios_tag_label(msg->tag);
	ipcgen_message_load(&req->in, msg, buf);
	ipcgen_message_init(&req->out);
}

int ipcgen_reject(struct ipcgen_request *req, int error)
{
	ipcgen_drop_caps(&req->in);
	return error;
}

/* The reply message for status and what out holds for it: a success's results, the results
 * of an error that carries some (at most four words, no capabilities), or nothing. */
static int reply_message(int status, const struct ipcgen_message *out, struct helios_msg *msg,
			 struct helios_ipc_buffer *buf)
{
	static const struct ipcgen_message nothing = { .error = HELIOS_OK };
	int refused = out->error; /* the handler's results do not fit their types */
	if (refused == HELIOS_OK && !buf && ipcgen_message_needs_buffer(out))
		refused = HELIOS_ERR_INVALID_PARAM;
	if (refused != HELIOS_OK) {
		status = status == HELIOS_OK ? refused : status;
		out = &nothing;
	}
	msg->error = msg->value = 0;
	msg->tag = helios_tag((uint64_t)(uint32_t)status, out->word_count, out->cap_count);
	ipcgen_message_store(out, msg, buf);
	return status;
}

int ipcgen_request_finish(struct ipcgen_request *req, int status, struct helios_msg *msg,
			  struct helios_ipc_buffer *buf)
{
	if (status == IPCGEN_DEFERRED || status == IPCGEN_ONE_WAY)
		return IPCGEN_NO_REPLY;
	reply_message(status, &req->out, msg, buf);
	return IPCGEN_REPLY;
}

int ipcgen_defer(helios_caddr_t dest, helios_caddr_t *saved)
{
	return ipcgen_save_reply(dest, saved);
}

int ipcgen_send_reply(helios_caddr_t reply, int status, struct ipcgen_message *m)
{
	struct helios_msg msg;
	reply_message(status, m, &msg, ipcgen_buffer());
	return ipcgen_send(reply, &msg);
}
