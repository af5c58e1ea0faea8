/* The sample server's handlers (sample_server.h). */
#include <string.h>

#include "tools/ipcgen/tests/sample_server.h"

static struct sample_state *seen(void *ctx, const struct ipcgen_request *req)
{
	struct sample_state *s = ctx;
	s->handled++;
	s->last_badge = req->badge;
	return s;
}

static int ping(void *ctx, const struct ipcgen_request *req, uint64_t value, uint64_t *plus_one)
{
	seen(ctx, req);
	*plus_one = value + 1;
	return HELIOS_OK;
}

static int mix(void *ctx, const struct ipcgen_request *req, uint8_t a, int32_t b, bool on,
	       enum test_sample_mode m, uint16_t *a2, int64_t *b2, bool *on2,
	       enum test_sample_mode *m2)
{
	seen(ctx, req);
	*a2 = (uint16_t)(a * 2);
	*b2 = -(int64_t)b;
	*on2 = !on;
	*m2 = m == TEST_SAMPLE_MODE_FAST ? TEST_SAMPLE_MODE_SLOW : TEST_SAMPLE_MODE_FAST;
	return HELIOS_OK;
}

static int concat(void *ctx, const struct ipcgen_request *req, const char *left,
		  const char *right, char *joined, uint32_t *length)
{
	seen(ctx, req);
	size_t l = strlen(left), r = strlen(right);
	if (l + r == 0)
		return TEST_SAMPLE_SAMPLE_ERROR_EMPTY;
	memcpy(joined, left, l);
	memcpy(joined + l, right, r + 1);
	*length = (uint32_t)(l + r);
	return HELIOS_OK;
}

static int checksum(void *ctx, const struct ipcgen_request *req, const void *data, size_t len,
		    uint32_t *sum, void *copy, size_t *copy_len)
{
	seen(ctx, req);
	if (len == 0)
		return TEST_IO_FILE_ERROR_END_OF_FILE; /* an error enum of another file */
	const uint8_t *bytes = data;
	*sum = 0;
	for (size_t i = 0; i < len; i++)
		*sum += bytes[i];
	*copy_len = len < 16 ? len : 16;
	memcpy(copy, data, *copy_len);
	return HELIOS_OK;
}

static int keep(void *ctx, const struct ipcgen_request *req, helios_caddr_t note,
		helios_caddr_t *copy)
{
	seen(ctx, req)->kept = note;
	*copy = note; /* sent back: the client gets a copy of its own notification */
	return HELIOS_OK;
}

static int pages(void *ctx, const struct ipcgen_request *req, const helios_caddr_t *pages,
		 unsigned count, uint64_t first, uint32_t *counted)
{
	seen(ctx, req);
	(void)pages;
	*counted = count;
	return first == 0 ? TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG : HELIOS_OK;
}

static int open_file(void *ctx, const struct ipcgen_request *req, const char *name,
		     helios_caddr_t *file)
{
	struct sample_state *s = seen(ctx, req);
	if (strcmp(name, "file") != 0)
		return TEST_IO_FILE_ERROR_NOT_SEEKABLE;
	*file = s->file;
	return HELIOS_OK;
}

static int later(void *ctx, const struct ipcgen_request *req, uint64_t value, uint64_t *twice)
{
	struct sample_state *s = seen(ctx, req);
	(void)twice; /* answered by test_sample_echo_later_reply, from poke */
	s->later_value = value;
	s->later_error = ipcgen_defer(HELIOS_CADDR_UNDEF, &s->saved_reply);
	return s->later_error == HELIOS_OK ? IPCGEN_DEFERRED : s->later_error;
}

/* The slot `offset` past base; MISSING_TABLES (level PT) for offset 0, TOO_BIG past 100. */
static int locate(void *ctx, const struct ipcgen_request *req, helios_caddr_t base,
		  uint64_t offset, helios_caddr_t *slot, uint32_t *level, uint64_t *limit)
{
	seen(ctx, req);
	if (offset == 0) {
		*level = HELIOS_CAP_PT;
		return HELIOS_ERR_MISSING_TABLES;
	}
	if (offset > 100) {
		*limit = 100;
		return TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG;
	}
	*slot = base + (helios_caddr_t)offset;
	return HELIOS_OK;
}

/* The registers' words in reverse order. */
static int reverse(void *ctx, const struct ipcgen_request *req, const struct helios_regs *regs,
		   struct helios_regs *reversed)
{
	seen(ctx, req);
	uint64_t in[HELIOS_REGS_COUNT], out[HELIOS_REGS_COUNT];
	memcpy(in, regs, sizeof(in));
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		out[i] = in[HELIOS_REGS_COUNT - 1 - i];
	memcpy(reversed, out, sizeof(out));
	return HELIOS_OK;
}

static void poke(void *ctx, const struct ipcgen_request *req, uint64_t value)
{
	struct sample_state *s = seen(ctx, req);
	s->poked = value;
	if (s->saved_reply != HELIOS_CADDR_UNDEF) {
		test_sample_echo_later_reply(s->saved_reply, HELIOS_OK, s->later_value * 2);
		s->saved_reply = HELIOS_CADDR_UNDEF;
	}
}

static void poke_text(void *ctx, const struct ipcgen_request *req, const char *text)
{
	struct sample_state *s = seen(ctx, req);
	memcpy(s->poke_text, text, strlen(text) + 1); /* at most 40 bytes: checked already */
}

const struct test_sample_echo_server sample_server = {
	.ping = ping,
	.mix = mix,
	.concat = concat,
	.checksum = checksum,
	.keep = keep,
	.pages = pages,
	.open = open_file,
	.later = later,
	.locate = locate,
	.reverse = reverse,
	.poke = poke,
	.poke_text = poke_text,
};
