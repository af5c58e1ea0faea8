/*
 * Mercury's error codes: the kernel's (enum helios_error, 0 to HELIOS_ERROR_COUNT - 1), then
 * ranges for the errors of the formats Mercury checks, so one int says what went wrong
 * anywhere in the library and mercury_strerror names it.
 */
#ifndef MERCURY_ERROR_H
#define MERCURY_ERROR_H

#include <helios/abi.h>

enum mercury_error {
	/* An executable the ELF parser refused: MERCURY_ERR_ELF + enum elf_error (boot/elf.h). */
	MERCURY_ERR_ELF = 0x100,
	/* A startup block refused: MERCURY_ERR_STARTUP + enum mercury_startup_error. */
	MERCURY_ERR_STARTUP = 0x200,
	/* An executable valid as ELF that a task cannot be made of: */
	MERCURY_ERR_IMAGE_WX = 0x300,    /* a segment both writable and executable */
	MERCURY_ERR_IMAGE_TOO_LARGE,     /* more pages than one task image may have */
	MERCURY_ERR_NOT_FOUND,           /* no such boot module, capability or name */
	MERCURY_ERR_TOO_MANY,            /* more than a fixed table holds */
};

/* A message for any of the codes above (and the kernel's), never NULL. */
const char *mercury_strerror(int err);

#endif
