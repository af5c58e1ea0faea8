/*
 * What a serial driver serving venus.chardev decides, whatever its UART (README.md): bytes
 * received go into a bounded ring (those that find it full are dropped and counted); a read
 * takes what is there, or, with `wait` and nothing there, becomes the one waiting reader,
 * answered when bytes come (a second one is BUSY); a write queues what fits the transmit ring,
 * which the UART's code empties as the transmitter has room. Pure C, no locking (the driver
 * holds its lock around every call), host-tested.
 */
#ifndef VENUS_SERIAL_PORT_H
#define VENUS_SERIAL_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "venus/serial/ring.h"

/* venus.chardev's most bytes a call (chardev.ipc: bytes<256>). */
#define SERIAL_CALL_MAX 256

struct serial_port {
	struct serial_ring rx, tx;
	uint64_t dropped;     /* bytes received while the receive ring was full */
	bool reader_waiting;  /* a read with wait is kept, to be answered */
	uint32_t reader_max;  /* the most bytes it asked for */
};

enum serial_read_verdict {
	SERIAL_READ_DATA,        /* *len (1 or more) bytes are in out: answer now */
	SERIAL_READ_NOTHING_YET, /* no byte, no wait: answer NOTHING_YET */
	SERIAL_READ_WAIT,        /* kept as the waiting reader: defer the reply */
	SERIAL_READ_BUSY,        /* another read waits already: answer BUSY */
	SERIAL_READ_BAD_MAX,     /* max is 0 or above SERIAL_CALL_MAX: INVALID_PARAM */
};

void serial_port_init(struct serial_port *p);

/* A read of at most max bytes; out has room for SERIAL_CALL_MAX. On SERIAL_READ_WAIT the
 * caller keeps the reply capability: it is now the waiting reader. */
enum serial_read_verdict serial_port_read(struct serial_port *p, uint32_t max, bool wait,
					  uint8_t *out, size_t *len);

/* The waiting reader's answer, if there is a reader and a byte for it: true with *len bytes
 * in out (room for SERIAL_CALL_MAX), and no reader waits any more. */
bool serial_port_answer_reader(struct serial_port *p, uint8_t *out, size_t *len);

/* The waiting reader is gone without an answer (its reply could not be kept). */
void serial_port_forget_reader(struct serial_port *p);

/* A byte the UART received: into the ring, or counted in `dropped` when it is full. */
void serial_port_received(struct serial_port *p, uint8_t b);

/* A write: queues what fits of data[0..len) (len at most SERIAL_CALL_MAX); how many. */
uint32_t serial_port_write(struct serial_port *p, const uint8_t *data, size_t len);

/* Up to room queued bytes for the transmitter, oldest first; how many. */
size_t serial_port_transmit(struct serial_port *p, uint8_t *out, size_t room);

static inline bool serial_port_transmit_pending(const struct serial_port *p)
{
	return serial_ring_count(&p->tx) > 0;
}

#endif
