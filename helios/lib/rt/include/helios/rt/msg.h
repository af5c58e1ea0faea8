/*
 * One syscall's registers as a struct, apart from the syscalls themselves (syscall.h) so that
 * code which only builds or reads messages (ipcgen's generated code, its host tests) needs no
 * Helios platform.
 */
#ifndef HELIOS_RT_MSG_H
#define HELIOS_RT_MSG_H

#include <stdint.h>

#include <helios/abi.h>

/* One syscall's registers: tag and p[] go in, everything comes back. */
struct helios_msg {
	uint64_t error;                    /* out: enum helios_error */
	uint64_t value;                    /* out: badge, word, ready count or type/rights */
	helios_tag_t tag;                  /* in and out */
	uint64_t p[HELIOS_MSG_REG_PARAMS]; /* in and out */
};

#endif
