#include "tools/ipcgen/tests/fake_kernel.h"

#include <gtest/gtest.h>

#include <ipcgen/server.h>
#include <ipcgen/transport.h>

FakeKernel *fake_kernel = nullptr;

FakeKernel::FakeKernel()
{
	fake_kernel = this;
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		client_buf.recv_slots[i] = server_buf.recv_slots[i] = HELIOS_CADDR_UNDEF;
}

FakeKernel::~FakeKernel()
{
	fake_kernel = nullptr;
}

helios_caddr_t FakeKernel::NewCap(unsigned type)
{
	for (helios_caddr_t s = 1; s < kSlots; s++) {
		if (types[s] == HELIOS_CAP_NULL) {
			types[s] = type;
			return s;
		}
	}
	ADD_FAILURE() << "fake cspace full";
	return HELIOS_CADDR_UNDEF;
}

unsigned FakeKernel::CapsHeld() const
{
	unsigned n = 0;
	for (unsigned t : types)
		n += t != HELIOS_CAP_NULL;
	return n;
}

void FakeKernel::Transfer(const struct helios_msg &from, const struct helios_ipc_buffer &from_buf,
			  struct helios_msg *to, struct helios_ipc_buffer *to_buf)
{
	unsigned words = helios_tag_params(from.tag), caps = helios_tag_caps(from.tag);
	for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
		to->p[i] = from.p[i];
	for (unsigned i = HELIOS_MSG_REG_PARAMS; i < words; i++)
		to_buf->params[i] = from_buf.params[i];
	unsigned arrived = 0;
	for (; arrived < caps; arrived++) { // the first that cannot go ends the transfer
		helios_caddr_t src = from_buf.caps[arrived], dest = to_buf->recv_slots[arrived];
		if (src >= kSlots || types[src] == HELIOS_CAP_NULL)
			break;
		if (dest == HELIOS_CADDR_UNDEF)
			dest = NewCap(HELIOS_CAP_NULL);
		if (dest >= kSlots || (types[dest] != HELIOS_CAP_NULL && dest != src))
			break;
		types[dest] = types[src];
		to_buf->caps[arrived] = dest;
	}
	to->tag = helios_tag(helios_tag_label(from.tag), words, arrived);
	to->error = 0;
}

int FakeKernel::Call(helios_caddr_t ep, struct helios_msg *m)
{
	calls++;
	if (ep >= kSlots || types[ep] != HELIOS_CAP_ENDPOINT) {
		m->error = ep < kSlots && types[ep] ? HELIOS_ERR_INVALID_TYPE : HELIOS_ERR_INVALID_CSLOT;
		return (int)m->error;
	}
	struct helios_msg smsg = {};
	Transfer(*m, client_buf, &smsg, &server_buf);
	smsg.value = badge;
	current = &server_buf;
	waiting = m;
	answered = false;
	int outcome = server(&smsg, &server_buf);
	if (outcome == IPCGEN_REPLY) {
		Transfer(smsg, server_buf, m, &client_buf);
		answered = true;
	} else if (while_blocked) {
		while_blocked(); // may answer through a saved reply capability
	}
	current = &client_buf;
	waiting = nullptr;
	m->value = 0;
	m->error = answered ? HELIOS_OK : HELIOS_ERR_DELETED;
	return (int)m->error;
}

int FakeKernel::Send(helios_caddr_t ep, struct helios_msg *m)
{
	sends++;
	if (ep < kSlots && types[ep] == HELIOS_CAP_REPLY) {
		types[ep] = HELIOS_CAP_NULL; // one-shot
		if (!waiting || answered)
			return (int)(m->error = HELIOS_ERR_DELETED);
		Transfer(*m, *current, waiting, &client_buf);
		answered = true;
		return (int)(m->error = HELIOS_OK);
	}
	if (ep >= kSlots || types[ep] != HELIOS_CAP_ENDPOINT)
		return (int)(m->error = HELIOS_ERR_INVALID_CSLOT);
	struct helios_msg smsg = {};
	Transfer(*m, client_buf, &smsg, &server_buf);
	smsg.value = badge;
	current = &server_buf;
	server(&smsg, &server_buf);
	current = &client_buf;
	return (int)(m->error = HELIOS_OK);
}

int FakeKernel::SaveReply(helios_caddr_t dest, helios_caddr_t *saved)
{
	if (!waiting)
		return HELIOS_ERR_INVALID_CSLOT;
	if (dest == HELIOS_CADDR_UNDEF)
		dest = NewCap(HELIOS_CAP_NULL);
	if (dest >= kSlots || types[dest] != HELIOS_CAP_NULL)
		return HELIOS_ERR_INVALID_CSLOT;
	types[dest] = HELIOS_CAP_REPLY;
	*saved = dest;
	return HELIOS_OK;
}

// ---- The transport, as ipcgen/transport.h declares it on the host ----------------------------

extern "C" {

int ipcgen_call(helios_caddr_t ep, struct helios_msg *m)
{
	return fake_kernel->Call(ep, m);
}

int ipcgen_send(helios_caddr_t ep, struct helios_msg *m)
{
	return fake_kernel->Send(ep, m);
}

int ipcgen_recv(helios_caddr_t, struct helios_msg *)
{
	return HELIOS_ERR_INVALID_SYSCALL; // the host tests dispatch directly
}

int ipcgen_replyrecv(helios_caddr_t, struct helios_msg *)
{
	return HELIOS_ERR_INVALID_SYSCALL;
}

struct helios_ipc_buffer *ipcgen_buffer(void)
{
	return fake_kernel->current;
}

int ipcgen_identify(helios_caddr_t slot, unsigned *type)
{
	if (slot >= FakeKernel::kSlots)
		return HELIOS_ERR_INVALID_CADDR;
	if (fake_kernel->types[slot] == HELIOS_CAP_NULL)
		return HELIOS_ERR_INVALID_CSLOT;
	*type = fake_kernel->types[slot];
	return HELIOS_OK;
}

int ipcgen_delete(helios_caddr_t slot)
{
	if (slot >= FakeKernel::kSlots)
		return HELIOS_ERR_INVALID_CADDR;
	fake_kernel->types[slot] = HELIOS_CAP_NULL;
	fake_kernel->deleted.push_back(slot);
	return HELIOS_OK;
}

int ipcgen_save_reply(helios_caddr_t dest, helios_caddr_t *saved)
{
	return fake_kernel->SaveReply(dest, saved);
}

} // extern "C"
