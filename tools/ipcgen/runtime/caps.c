/* Capabilities into and out of a struct ipcgen_message; those received are type-checked. */
#include <ipcgen/message.h>
#include <ipcgen/transport.h>

void ipcgen_put_cap(struct ipcgen_message *m, helios_caddr_t cap)
{
	if (m->cap_count == HELIOS_MSG_MAX_CAPS) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	m->caps[m->cap_count++] = cap;
}

void ipcgen_put_caps(struct ipcgen_message *m, const helios_caddr_t *caps, unsigned count,
		     unsigned max)
{
	if (count > max || (count && !caps)) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	ipcgen_put(m, count);
	for (unsigned i = 0; i < count; i++)
		ipcgen_put_cap(m, caps[i]);
}

helios_caddr_t ipcgen_get_cap(struct ipcgen_message *m, unsigned type)
{
	if (m->error != HELIOS_OK)
		return HELIOS_CADDR_UNDEF;
	if (m->cap_pos == m->cap_count) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM); /* fewer capabilities than declared */
		return HELIOS_CADDR_UNDEF;
	}
	helios_caddr_t cap = m->caps[m->cap_pos++];
	unsigned actual = HELIOS_CAP_NULL;
	if (ipcgen_identify(cap, &actual) != HELIOS_OK || actual != type) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_TYPE);
		return HELIOS_CADDR_UNDEF;
	}
	return cap;
}

unsigned ipcgen_get_caps(struct ipcgen_message *m, helios_caddr_t *out, unsigned max,
			 unsigned type)
{
	unsigned count = (unsigned)ipcgen_get_uint(m, max);
	for (unsigned i = 0; i < count; i++)
		out[i] = ipcgen_get_cap(m, type);
	return m->error == HELIOS_OK ? count : 0;
}
