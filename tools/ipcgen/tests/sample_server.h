/*
 * The sample interface's server (sample.ipc), shared by the host tests and the QEMU test: each
 * handler does something checkable with what it got, and records what reached it.
 */
#ifndef IPCGEN_TESTS_SAMPLE_SERVER_H
#define IPCGEN_TESTS_SAMPLE_SERVER_H

#include <stdint.h>

#include "tools/ipcgen/tests/sample.ipc.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sample_state {
	unsigned handled;             /* handler calls: malformed messages must not add any */
	uint64_t last_badge;
	helios_caddr_t file;          /* what `open` hands out (an endpoint) */
	helios_caddr_t kept;          /* the notification `keep` received */
	uint64_t poked;               /* the last `poke` value */
	char poke_text[41];           /* the last `poke_text` */
	helios_caddr_t saved_reply;   /* `later`'s caller, answered by the next `poke` */
	uint64_t later_value;
	int later_error;              /* ipcgen_defer's result */
};

extern const struct test_sample_echo_server sample_server;

#ifdef __cplusplus
}
#endif

#endif
