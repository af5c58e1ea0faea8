/* struct ipcgen_message: its state, and its way to and from the kernel's registers and IPC
 * buffer. */
#include <string.h>

#include <ipcgen/message.h>
#include <ipcgen/transport.h>

void ipcgen_message_init(struct ipcgen_message *m)
{
	m->word_count = m->word_pos = 0;
	m->cap_count = m->cap_pos = 0;
	m->error = HELIOS_OK;
}

void ipcgen_fail(struct ipcgen_message *m, int error)
{
	if (m->error == HELIOS_OK)
		m->error = error;
}

int ipcgen_message_end(const struct ipcgen_message *m)
{
	if (m->error != HELIOS_OK)
		return m->error;
	if (m->word_pos != m->word_count || m->cap_pos != m->cap_count)
		return HELIOS_ERR_INVALID_PARAM; /* more sent than the method has */
	return HELIOS_OK;
}

void ipcgen_message_load(struct ipcgen_message *m, const struct helios_msg *msg,
			 const struct helios_ipc_buffer *buf)
{
	ipcgen_message_init(m);
	unsigned words = helios_tag_params(msg->tag), caps = helios_tag_caps(msg->tag);
	if (words > HELIOS_MSG_MAX_PARAMS || caps > HELIOS_MSG_MAX_CAPS ||
	    (!buf && (words > HELIOS_MSG_REG_PARAMS || caps > 0))) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	for (unsigned i = 0; i < words; i++)
		m->words[i] = i < HELIOS_MSG_REG_PARAMS ? msg->p[i] : buf->params[i];
	for (unsigned i = 0; i < caps; i++)
		m->caps[i] = buf->caps[i];
	m->word_count = words;
	m->cap_count = caps;
}

void ipcgen_message_store(const struct ipcgen_message *m, struct helios_msg *msg,
			  struct helios_ipc_buffer *buf)
{
	memset(msg->p, 0, sizeof(msg->p));
	for (unsigned i = 0; i < m->word_count; i++) {
		if (i < HELIOS_MSG_REG_PARAMS)
			msg->p[i] = m->words[i];
		else
			buf->params[i] = m->words[i];
	}
	for (unsigned i = 0; i < m->cap_count; i++)
		buf->caps[i] = m->caps[i];
}

bool ipcgen_message_needs_buffer(const struct ipcgen_message *m)
{
	return m->word_count > HELIOS_MSG_REG_PARAMS || m->cap_count > 0;
}

void ipcgen_drop_caps(const struct ipcgen_message *m)
{
	for (unsigned i = 0; i < m->cap_count; i++)
		ipcgen_delete(m->caps[i]);
}
