/* Words, integers, strings and bytes into and out of a struct ipcgen_message. */
#include <string.h>

#include <ipcgen/message.h>

void ipcgen_put(struct ipcgen_message *m, uint64_t word)
{
	if (m->word_count == HELIOS_MSG_MAX_PARAMS) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	m->words[m->word_count++] = word;
}

void ipcgen_put_bytes(struct ipcgen_message *m, const void *p, size_t len, size_t max)
{
	if (len > max || (len && !p)) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	ipcgen_put(m, len);
	const uint8_t *bytes = p;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t word = 0;
		for (size_t j = 0; j < 8 && i + j < len; j++)
			word |= (uint64_t)bytes[i + j] << (8 * j);
		ipcgen_put(m, word);
	}
}

void ipcgen_put_string(struct ipcgen_message *m, const char *s, size_t max)
{
	const char *nul = s ? memchr(s, 0, max + 1) : NULL;
	size_t len = nul ? (size_t)(nul - s) : max + 1; /* max + 1: too long, refused */
	ipcgen_put_bytes(m, s, s ? len : 0, max);
}

void ipcgen_put_words(struct ipcgen_message *m, const void *p, unsigned count)
{
	if (!p) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return;
	}
	for (unsigned i = 0; i < count; i++) {
		uint64_t word;
		memcpy(&word, (const uint64_t *)p + i, sizeof(word));
		ipcgen_put(m, word);
	}
}

uint64_t ipcgen_get(struct ipcgen_message *m)
{
	if (m->error != HELIOS_OK)
		return 0;
	if (m->word_pos == m->word_count) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM); /* fewer words than the method has */
		return 0;
	}
	return m->words[m->word_pos++];
}

uint64_t ipcgen_get_uint(struct ipcgen_message *m, uint64_t max)
{
	uint64_t v = ipcgen_get(m);
	if (v > max) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return 0;
	}
	return v;
}

int64_t ipcgen_get_int(struct ipcgen_message *m, int64_t min, int64_t max)
{
	int64_t v = (int64_t)ipcgen_get(m);
	if (v < min || v > max) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return 0;
	}
	return v;
}

int64_t ipcgen_get_enum(struct ipcgen_message *m, bool (*valid)(int64_t))
{
	int64_t v = (int64_t)ipcgen_get(m);
	if (m->error == HELIOS_OK && !valid(v)) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM);
		return 0;
	}
	return v;
}

void ipcgen_get_words(struct ipcgen_message *m, void *out, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		uint64_t word = ipcgen_get(m);
		if (out)
			memcpy((uint64_t *)out + i, &word, sizeof(word));
	}
}

size_t ipcgen_get_bytes(struct ipcgen_message *m, void *out, size_t max)
{
	uint64_t len = ipcgen_get(m);
	uint64_t words = (len + 7) / 8;
	if (len > max || words > m->word_count - m->word_pos) {
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM); /* too long, or longer than what came */
		return 0;
	}
	uint8_t *bytes = out;
	for (uint64_t i = 0; i < len; i += 8) {
		uint64_t word = m->words[m->word_pos++];
		for (uint64_t j = 0; j < 8; j++, word >>= 8) {
			if (i + j < len)
				bytes[i + j] = (uint8_t)word;
			else if (word & 0xff)
				ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM); /* padding must be zero */
		}
	}
	return m->error == HELIOS_OK ? (size_t)len : 0;
}

void ipcgen_get_string(struct ipcgen_message *m, char *out, size_t max)
{
	size_t len = ipcgen_get_bytes(m, out, max);
	if (memchr(out, 0, len))
		ipcgen_fail(m, HELIOS_ERR_INVALID_PARAM); /* a C string cannot hold it */
	out[m->error == HELIOS_OK ? len : 0] = 0;
}
