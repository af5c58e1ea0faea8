/*
 * A reader of USTAR tar archives held in memory (the initramfs: docs/initramfs.md).
 *
 * The archive is untrusted. Every header is checked before anything in it is used: its
 * checksum, the USTAR magic, every numeric field the reader takes (octal, ended by NUL or
 * space), that the entry's data, rounded up to whole blocks, lies inside the buffer, and that
 * the archive ends with its two zero blocks. Nothing is allocated and nothing outside the
 * buffer is read; an entry's data is a pointer into the archive.
 *
 * Names are canonical: the USTAR prefix and name joined with '/', then empty and "."
 * components dropped, so "./bin//sh" and "bin/sh/" are both "bin/sh" and the root ("./") is
 * ".". Absolute names and names with a ".." component are not normalised but reported
 * (TAR_ERR_NAME_ABSOLUTE, TAR_ERR_NAME_DOTDOT): the caller decides whether to skip them.
 * README.md lists every check.
 */
#ifndef MERCURY_TAR_TAR_H
#define MERCURY_TAR_TAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest name: a 155-byte prefix, '/', a 100-byte name. */
#define TAR_NAME_MAX 256
/* The longest link target. */
#define TAR_LINK_MAX 100

enum tar_error {
	TAR_OK = 0,
	TAR_END, /* not an error: the end-of-archive blocks were reached */

	/* Fatal: where the next header starts is unknown; the iterator stops here. */
	TAR_ERR_TRUNCATED,  /* a header block runs past the end of the buffer */
	TAR_ERR_NO_END,     /* the buffer ends without two zero blocks, or one is followed by a header */
	TAR_ERR_CHECKSUM,   /* header checksum wrong, or its field not an octal number */
	TAR_ERR_NOT_USTAR,  /* a tar header without the USTAR magic and version (v7, old GNU) */
	TAR_ERR_EXTENSION,  /* a pax ('x', 'g') or GNU ('L', 'K') header, which renames later entries */
	TAR_ERR_NUMBER,     /* mode, uid, gid, size or mtime not octal digits ended by NUL or space */
	TAR_ERR_SIZE,       /* a link, directory, device or FIFO with a nonzero size */
	TAR_ERR_DATA,       /* the entry's data, rounded up to 512 bytes, runs past the buffer */

	/* Of one entry: it is returned as stored and tar_next may go on to the next one. */
	TAR_ERR_NAME_EMPTY,    /* no name nor prefix (also: tar_find was asked for "") */
	TAR_ERR_NAME_ABSOLUTE, /* the name starts with '/' */
	TAR_ERR_NAME_DOTDOT,   /* a ".." component (also in a path given to tar_find) */
	TAR_ERR_LINK,          /* empty link target, or a hard link's target is absolute or has ".." */

	/* tar_find only. */
	TAR_ERR_NAME_LONG, /* the path asked for is longer than any name can be */
	TAR_ERR_NOT_FOUND, /* no entry has that name */
};

enum tar_type {
	TAR_FILE,      /* '0', NUL (old regular file) and '7' (contiguous file) */
	TAR_HARDLINK,  /* '1': `link` names an entry of the archive */
	TAR_SYMLINK,   /* '2': `link` is the target as stored */
	TAR_CHARDEV,   /* '3' */
	TAR_BLOCKDEV,  /* '4' */
	TAR_DIRECTORY, /* '5' */
	TAR_FIFO,      /* '6' */
	TAR_OTHER,     /* any other type flag (vendor extensions): see `typeflag` */
};

struct tar_entry {
	char name[TAR_NAME_MAX + 1]; /* canonical; as stored (joined) on TAR_ERR_NAME_* */
	char link[TAR_LINK_MAX + 1]; /* link target ("" unless a link): a hard link's is canonical */
	enum tar_type type;
	char typeflag;  /* the header's type byte */
	uint32_t mode;  /* permission bits (07777): type bits some writers add are dropped */
	uint32_t uid, gid;
	uint64_t mtime; /* seconds since 1970 */
	uint64_t size;  /* bytes of data (0 for everything but files and TAR_OTHER) */
	const unsigned char *data; /* the data, inside the archive (just after the header) */
	size_t offset;  /* where the header starts in the archive */
};

/* Where an iteration is. Set up with tar_iter_init; the fields are the reader's. */
struct tar_iter {
	const unsigned char *archive;
	size_t size;
	size_t offset;       /* of the next header */
	enum tar_error stop; /* TAR_OK while going; then TAR_END or the fatal error met */
};

/* A human-readable message for an error, never NULL. */
const char *tar_strerror(enum tar_error err);

/* Whether an error ends the iteration (the TAR_ERR_* above TAR_ERR_NAME_EMPTY). */
bool tar_error_is_fatal(enum tar_error err);

/* Starts an iteration over the `size` bytes at `archive`, which must outlive it. */
void tar_iter_init(struct tar_iter *it, const void *archive, size_t size);

/*
 * Reads the next entry into `entry`. Returns TAR_OK; TAR_END after the last one; an error of
 * one entry (the entry filled in, the iterator past it); or a fatal error. After TAR_END or
 * a fatal error every call returns it again.
 */
enum tar_error tar_next(struct tar_iter *it, struct tar_entry *entry);

/*
 * Reads the whole archive: TAR_OK if every entry is valid and the archive ends properly,
 * else the first error (of any kind). If `count` is not NULL it gets the number of entries
 * read (all of them on TAR_OK).
 */
enum tar_error tar_check(const void *archive, size_t size, size_t *count);

/*
 * Finds the entry named `path`, which is made canonical first (a leading '/' stands for the
 * archive's root: "/etc/rc", "etc/rc" and "./etc/rc" are one path; "/" and "." are the root).
 * Reads the whole archive, so if a name occurs more than once the last entry wins, as when
 * tar extracts; and any error of the archive, even one tar_next lets a caller skip, is
 * returned instead of an answer. Links are not followed. `entry` is written in any case; it
 * holds the entry only on TAR_OK.
 */
enum tar_error tar_find(const void *archive, size_t size, const char *path,
			struct tar_entry *entry);

#endif
