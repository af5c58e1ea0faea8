/*
 * One message of a generated interface being built or read (docs/ipc.md, "Wire format"): its
 * words (registers and IPC buffer in one array) and its capabilities. Puts append, gets consume
 * in order; the first error sticks (later gets return zero, later identify calls are skipped),
 * so generated code checks once, at the end, with ipcgen_message_end.
 */
#ifndef IPCGEN_MESSAGE_H
#define IPCGEN_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ipcgen_message {
	uint64_t words[HELIOS_MSG_MAX_PARAMS];
	helios_caddr_t caps[HELIOS_MSG_MAX_CAPS];
	unsigned word_count, word_pos; /* words put or received; the next to get */
	unsigned cap_count, cap_pos;
	int error; /* the first error met, HELIOS_OK while none */
};

void ipcgen_message_init(struct ipcgen_message *m);
/* Records `error` unless an earlier one is recorded. */
void ipcgen_fail(struct ipcgen_message *m, int error);
/* The recorded error, or INVALID_PARAM if words or capabilities were left unread. */
int ipcgen_message_end(const struct ipcgen_message *m);

/* ---- Putting: a value too long or too many words records INVALID_PARAM ------------------ */
void ipcgen_put(struct ipcgen_message *m, uint64_t word);
/* A length word, then the bytes packed eight to a word (byte i in bits 8 * (i % 8)), the last
 * word's unused bytes zero. A string is its bytes before the NUL, at most max of them. */
void ipcgen_put_bytes(struct ipcgen_message *m, const void *p, size_t len, size_t max);
void ipcgen_put_string(struct ipcgen_message *m, const char *s, size_t max);
void ipcgen_put_cap(struct ipcgen_message *m, helios_caddr_t cap);
/* An array: its length word, then its capabilities. */
void ipcgen_put_caps(struct ipcgen_message *m, const helios_caddr_t *caps, unsigned count,
		     unsigned max);
/* count words from p, as they are (a struct of abi.h made of words). */
void ipcgen_put_words(struct ipcgen_message *m, const void *p, unsigned count);

/* ---- Getting: a missing word, a value out of range or malformed records INVALID_PARAM --- */
uint64_t ipcgen_get(struct ipcgen_message *m);
uint64_t ipcgen_get_uint(struct ipcgen_message *m, uint64_t max);
int64_t ipcgen_get_int(struct ipcgen_message *m, int64_t min, int64_t max);
int64_t ipcgen_get_enum(struct ipcgen_message *m, bool (*valid)(int64_t));
/* Up to max bytes into out; the length. Padding must be zero. */
size_t ipcgen_get_bytes(struct ipcgen_message *m, void *out, size_t max);
/* count words into out (NULL: read and dropped). */
void ipcgen_get_words(struct ipcgen_message *m, void *out, unsigned count);
/* Up to max bytes and a NUL into out (max + 1 bytes); an embedded NUL is malformed. */
void ipcgen_get_string(struct ipcgen_message *m, char *out, size_t max);
/* The next capability, which must be of `type` (enum helios_cap_type; else INVALID_TYPE). */
helios_caddr_t ipcgen_get_cap(struct ipcgen_message *m, unsigned type);
/* An array: its length word (at most max), then that many capabilities of `type`. */
unsigned ipcgen_get_caps(struct ipcgen_message *m, helios_caddr_t *out, unsigned max,
			 unsigned type);

/* ---- The kernel's side ------------------------------------------------------------------ */
/* Takes the words and capabilities a received message's tag announces: p[0-3] from msg, the
 * rest and the capabilities' slots from buf (NULL: none may be there). */
void ipcgen_message_load(struct ipcgen_message *m, const struct helios_msg *msg,
			 const struct helios_ipc_buffer *buf);
/* Puts the words and capabilities into msg->p and buf (the tag is the caller's). */
void ipcgen_message_store(const struct ipcgen_message *m, struct helios_msg *msg,
			  struct helios_ipc_buffer *buf);
/* Whether m needs the IPC buffer: more than four words or any capability. */
bool ipcgen_message_needs_buffer(const struct ipcgen_message *m);
/* Deletes every capability m received (a message refused after its capabilities arrived). */
void ipcgen_drop_caps(const struct ipcgen_message *m);

#ifdef __cplusplus
}
#endif

#endif
