/*
 * What the probe (probe.c, a program the suite starts) and the suite say to each other: the
 * probe reports a line of text by calling its "report" endpoint with PROBE_REPORT, the text's
 * length in parameter 0 and its bytes packed into the parameters after it; its "service" mode
 * answers PROBE_ADD with p0 + 1 and ends at PROBE_STOP.
 */
#ifndef MERCURY_TESTS_PROBE_PROTOCOL_H
#define MERCURY_TESTS_PROBE_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>

#define PROBE_REPORT 0x7270ull /* label */
#define PROBE_ADD 0x6164ull
#define PROBE_STOP 0x7374ull
#define PROBE_TEXT_MAX ((HELIOS_MSG_MAX_PARAMS - 1) * 8)

/* Parameter i of the message in m (and the calling thread's IPC buffer). */
static inline uint64_t *probe_param(struct helios_msg *m, unsigned i)
{
	return i < HELIOS_MSG_REG_PARAMS ? &m->p[i] : &rt_ipc_buffer()->params[i];
}

/* Packs text (cut to PROBE_TEXT_MAX bytes) into m. */
static inline void probe_pack(struct helios_msg *m, const char *text)
{
	size_t len = strnlen(text, PROBE_TEXT_MAX);
	uint64_t words[HELIOS_MSG_MAX_PARAMS - 1] = { 0 };
	memcpy(words, text, len);
	unsigned count = 1 + (unsigned)((len + 7) / 8);
	*probe_param(m, 0) = len;
	for (unsigned i = 1; i < count; i++)
		*probe_param(m, i) = words[i - 1];
	m->tag = helios_tag(PROBE_REPORT, count, 0);
}

/* The text of a received report into text (PROBE_TEXT_MAX + 1 bytes); false if malformed. */
static inline int probe_unpack(struct helios_msg *m, char *text)
{
	uint64_t len = *probe_param(m, 0);
	unsigned count = helios_tag_params(m->tag);
	if (helios_tag_label(m->tag) != PROBE_REPORT || len > PROBE_TEXT_MAX ||
	    count != 1 + (len + 7) / 8)
		return 0;
	uint64_t words[HELIOS_MSG_MAX_PARAMS - 1];
	for (unsigned i = 1; i < count; i++)
		words[i - 1] = *probe_param(m, i);
	memcpy(text, words, (size_t)len);
	text[len] = 0;
	return 1;
}

#endif
