/* Calls and sends of generated clients that need the IPC buffer, and the reading of replies. */
#include <ipcgen/client.h>

/* Deletes the capabilities a reply brought (the IPC buffer is touched only if there are any:
 * a thread without one gets no capabilities). */
static void drop_reply_caps(helios_tag_t tag)
{
	if (helios_tag_caps(tag) == 0)
		return;
	struct helios_msg msg = { .tag = helios_tag(0, 0, helios_tag_caps(tag)) };
	struct ipcgen_message reply;
	ipcgen_message_load(&reply, &msg, ipcgen_buffer());
	ipcgen_drop_caps(&reply);
}

int ipcgen_reply_malformed(helios_tag_t tag)
{
	drop_reply_caps(tag);
	return HELIOS_ERR_INVALID_PARAM;
}

int ipcgen_reply_error(uint64_t error, helios_tag_t tag, ipcgen_raises_fn *raises)
{
	uint64_t status = helios_tag_label(tag);
	if (error != HELIOS_OK && status != error)
		return (int)error; /* the syscall failed: our own tag, nothing received */
	drop_reply_caps(tag); /* an error carries none; a malformed reply's are no use */
	if (status == HELIOS_OK)
		return HELIOS_ERR_INVALID_PARAM; /* success, but not the shape the method has */
	if (status < HELIOS_ERROR_COUNT || (raises && raises(status)))
		return (int)status;
	return HELIOS_ERR_INVALID_PARAM; /* a status the method does not declare */
}

/* The kernel message of m with label; its IPC buffer part written. */
static int client_message(uint64_t label, const struct ipcgen_message *m, struct helios_msg *msg,
			  struct helios_ipc_buffer *buf)
{
	if (m->error != HELIOS_OK)
		return m->error; /* a parameter was refused on our side already */
	if (!buf && ipcgen_message_needs_buffer(m))
		return HELIOS_ERR_INVALID_PARAM;
	msg->error = msg->value = 0;
	msg->tag = helios_tag(label, m->word_count, m->cap_count);
	ipcgen_message_store(m, msg, buf);
	return HELIOS_OK;
}

int ipcgen_client_call(helios_caddr_t ep, uint64_t label, struct ipcgen_message *m,
		       const helios_caddr_t *recv_slots, unsigned nrecv, ipcgen_raises_fn *raises)
{
	struct helios_ipc_buffer *buf = ipcgen_buffer();
	struct helios_msg msg;
	int err = client_message(label, m, &msg, buf);
	if (err != HELIOS_OK)
		return err;
	if (nrecv && !buf)
		return HELIOS_ERR_INVALID_PARAM;
	for (unsigned i = 0; buf && i < HELIOS_MSG_MAX_CAPS; i++)
		buf->recv_slots[i] = i < nrecv ? recv_slots[i] : HELIOS_CADDR_UNDEF;
	ipcgen_call(ep, &msg);
	if (msg.error != HELIOS_OK || helios_tag_label(msg.tag) != HELIOS_OK) {
		err = ipcgen_reply_error(msg.error, msg.tag, raises);
		ipcgen_message_init(m);
		if ((uint64_t)err == helios_tag_label(msg.tag) && helios_tag_caps(msg.tag) == 0)
			ipcgen_message_load(m, &msg, buf); /* an error reply: its words */
		else
			ipcgen_fail(m, err); /* nothing came back to read */
		return err;
	}
	ipcgen_message_load(m, &msg, buf);
	return m->error; /* the generated caller reads the results, then ipcgen_client_end */
}

int ipcgen_client_end(struct ipcgen_message *m)
{
	int err = ipcgen_message_end(m);
	if (err != HELIOS_OK)
		ipcgen_drop_caps(m);
	return err;
}

int ipcgen_client_error_end(struct ipcgen_message *m, int status)
{
	int err = ipcgen_message_end(m);
	return err != HELIOS_OK ? err : status;
}

int ipcgen_client_send(helios_caddr_t ep, uint64_t label, struct ipcgen_message *m)
{
	struct helios_msg msg;
	int err = client_message(label, m, &msg, ipcgen_buffer());
	return err != HELIOS_OK ? err : ipcgen_send(ep, &msg);
}
