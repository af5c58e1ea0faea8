/*
 * The reader's error messages and which errors end an iteration (see tar.h).
 */
#include "mercury/tar/tar.h"

const char *tar_strerror(enum tar_error err)
{
	switch (err) {
	case TAR_OK:
		return "no error";
	case TAR_END:
		return "end of archive";
	case TAR_ERR_TRUNCATED:
		return "header block runs past the end of the archive";
	case TAR_ERR_NO_END:
		return "archive does not end with two zero blocks";
	case TAR_ERR_CHECKSUM:
		return "header checksum wrong or malformed";
	case TAR_ERR_NOT_USTAR:
		return "not a USTAR header (magic or version)";
	case TAR_ERR_EXTENSION:
		return "pax or GNU extension header (not plain USTAR)";
	case TAR_ERR_NUMBER:
		return "numeric field not octal digits ended by NUL or space";
	case TAR_ERR_SIZE:
		return "nonzero size on a link, directory, device or FIFO";
	case TAR_ERR_DATA:
		return "entry data runs past the end of the archive";
	case TAR_ERR_NAME_EMPTY:
		return "empty name";
	case TAR_ERR_NAME_ABSOLUTE:
		return "absolute name";
	case TAR_ERR_NAME_DOTDOT:
		return "name with a '..' component";
	case TAR_ERR_LINK:
		return "empty link target, or hard link target absolute or with '..'";
	case TAR_ERR_NAME_LONG:
		return "path longer than any name in a USTAR archive";
	case TAR_ERR_NOT_FOUND:
		return "no such entry";
	}
	return "unknown error";
}

bool tar_error_is_fatal(enum tar_error err)
{
	return err >= TAR_ERR_TRUNCATED && err < TAR_ERR_NAME_EMPTY;
}
