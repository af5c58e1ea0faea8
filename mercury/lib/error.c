/*
 * mercury_strerror (error.h): each range's own messages.
 */
#include <helios/abi.h>
#include <mercury/startup_block.h>

#include "boot/elf.h"
#include <helios/rt/print.h>
#include <mercury/error.h>

const char *mercury_strerror(int err)
{
	if (err >= 0 && err < HELIOS_ERROR_COUNT)
		return rt_strerror((uint64_t)err);
	if (err > MERCURY_ERR_ELF && err <= MERCURY_ERR_ELF + ELF_ERR_RANGE)
		return elf_strerror((enum elf_error)(err - MERCURY_ERR_ELF));
	if (err > MERCURY_ERR_STARTUP && err <= MERCURY_ERR_STARTUP + MERCURY_STARTUP_ERR_TOO_LARGE)
		return mercury_startup_strerror(err - MERCURY_ERR_STARTUP);
	switch (err) {
	case MERCURY_ERR_IMAGE_WX:
		return "executable has a segment both writable and executable";
	case MERCURY_ERR_IMAGE_TOO_LARGE:
		return "executable too large for a task";
	case MERCURY_ERR_NOT_FOUND:
		return "not found";
	case MERCURY_ERR_TOO_MANY:
		return "too many";
	}
	return "unknown error";
}
