/*
 * Iterating over a USTAR archive, checking it whole and finding an entry in it (see tar.h).
 * Each header is copied out of the archive (any alignment) and checked in full before
 * anything in it is used; offsets only grow and stay within the buffer.
 */
#include <string.h>

#include "mercury/tar/tar.h"
#include "mercury/tar/tar_path.h"
#include "mercury/tar/ustar.h"

#define MODE_PERMISSIONS 07777u

static enum tar_type type_of(char typeflag)
{
	switch (typeflag) {
	case '0':
	case '\0':
	case '7':
		return TAR_FILE;
	case '1':
		return TAR_HARDLINK;
	case '2':
		return TAR_SYMLINK;
	case '3':
		return TAR_CHARDEV;
	case '4':
		return TAR_BLOCKDEV;
	case '5':
		return TAR_DIRECTORY;
	case '6':
		return TAR_FIFO;
	default:
		return TAR_OTHER;
	}
}

/* Headers that change how later ones read: a USTAR reader cannot honour them. */
static bool is_extension(char typeflag)
{
	return typeflag == 'x' || typeflag == 'g' || typeflag == 'L' || typeflag == 'K';
}

/* Only files and unknown types carry data (POSIX: links carry none, devices and FIFOs none). */
static bool has_data(enum tar_type type)
{
	return type == TAR_FILE || type == TAR_OTHER;
}

/* The numeric fields of a header, each checked. */
static enum tar_error read_numbers(const struct ustar_header *h, struct tar_entry *e)
{
	uint64_t mode, uid, gid;
	if (!ustar_number(h->mode, sizeof(h->mode), &mode) ||
	    !ustar_number(h->uid, sizeof(h->uid), &uid) ||
	    !ustar_number(h->gid, sizeof(h->gid), &gid) ||
	    !ustar_number(h->size, sizeof(h->size), &e->size) ||
	    !ustar_number(h->mtime, sizeof(h->mtime), &e->mtime))
		return TAR_ERR_NUMBER;
	/* Eight-byte fields hold at most seven octal digits: 21 bits. */
	e->mode = (uint32_t)mode & MODE_PERMISSIONS;
	e->uid = (uint32_t)uid;
	e->gid = (uint32_t)gid;
	return TAR_OK;
}

/* Joins prefix and name into e->name, then makes it canonical (left as joined on error). */
static enum tar_error read_name(const struct ustar_header *h, struct tar_entry *e)
{
	size_t name_len = ustar_text_len(h->name, sizeof(h->name));
	size_t prefix_len = ustar_text_len(h->prefix, sizeof(h->prefix));
	size_t len = 0;
	if (prefix_len) {
		memcpy(e->name, h->prefix, prefix_len);
		e->name[prefix_len] = '/';
		len = prefix_len + 1;
	}
	memcpy(e->name + len, h->name, name_len);
	len += name_len;
	e->name[len] = '\0';
	if (len == 0)
		return TAR_ERR_NAME_EMPTY;
	/* An empty name with a prefix is "prefix/": how tarfile stores a directory whose last
	 * component is 100 bytes long. */
	char canonical[TAR_NAME_MAX + 1];
	enum tar_error err = tar_path_canonical(e->name, len, canonical);
	if (err == TAR_OK)
		memcpy(e->name, canonical, strlen(canonical) + 1);
	return err;
}

/* The link target into e->link: a hard link's canonical (left as stored on error). */
static enum tar_error read_link(const struct ustar_header *h, struct tar_entry *e)
{
	e->link[0] = '\0';
	if (e->type != TAR_HARDLINK && e->type != TAR_SYMLINK)
		return TAR_OK;
	size_t len = ustar_text_len(h->linkname, sizeof(h->linkname));
	memcpy(e->link, h->linkname, len);
	e->link[len] = '\0';
	if (len == 0)
		return TAR_ERR_LINK;
	if (e->type == TAR_SYMLINK)
		return TAR_OK;
	char canonical[TAR_NAME_MAX + 1];
	if (tar_path_canonical(e->link, len, canonical) != TAR_OK)
		return TAR_ERR_LINK;
	memcpy(e->link, canonical, strlen(canonical) + 1);
	return TAR_OK;
}

/*
 * Reads the entry whose header is at `offset` (<= size). On TAR_OK and on the errors of one
 * entry, `*next` is where the following header starts.
 */
static enum tar_error read_entry(const unsigned char *archive, size_t size, size_t offset,
				 struct tar_entry *e, size_t *next)
{
	size_t room = size - offset;
	if (room == 0)
		return TAR_ERR_NO_END;
	if (room < USTAR_BLOCK)
		return TAR_ERR_TRUNCATED;
	const unsigned char *block = archive + offset;
	if (ustar_is_zero_block(block)) {
		if (room < 2 * USTAR_BLOCK || !ustar_is_zero_block(block + USTAR_BLOCK))
			return TAR_ERR_NO_END;
		return TAR_END;
	}

	struct ustar_header h;
	memcpy(&h, block, sizeof(h));
	if (!ustar_checksum_ok(&h))
		return TAR_ERR_CHECKSUM;
	if (!ustar_magic_ok(&h))
		return TAR_ERR_NOT_USTAR;
	if (is_extension(h.typeflag))
		return TAR_ERR_EXTENSION;
	e->typeflag = h.typeflag;
	e->type = type_of(h.typeflag);
	enum tar_error err = read_numbers(&h, e);
	if (err != TAR_OK)
		return err;
	if (e->size != 0 && !has_data(e->type))
		return TAR_ERR_SIZE;
	uint64_t span;
	if (!ustar_data_span(e->size, room - USTAR_BLOCK, &span))
		return TAR_ERR_DATA;
	e->offset = offset;
	e->data = block + USTAR_BLOCK;
	*next = offset + USTAR_BLOCK + (size_t)span; /* span <= room - USTAR_BLOCK */

	err = read_name(&h, e);
	enum tar_error link_err = read_link(&h, e);
	return err != TAR_OK ? err : link_err;
}

void tar_iter_init(struct tar_iter *it, const void *archive, size_t size)
{
	it->archive = archive;
	it->size = size;
	it->offset = 0;
	it->stop = TAR_OK;
}

enum tar_error tar_next(struct tar_iter *it, struct tar_entry *entry)
{
	if (it->stop != TAR_OK)
		return it->stop;
	size_t next = it->offset;
	enum tar_error err = read_entry(it->archive, it->size, it->offset, entry, &next);
	if (err == TAR_END || tar_error_is_fatal(err))
		it->stop = err;
	else
		it->offset = next;
	return err;
}

enum tar_error tar_check(const void *archive, size_t size, size_t *count)
{
	struct tar_iter it;
	struct tar_entry entry;
	enum tar_error err;
	size_t n = 0;
	tar_iter_init(&it, archive, size);
	while ((err = tar_next(&it, &entry)) == TAR_OK)
		n++;
	if (count)
		*count = n;
	return err == TAR_END ? TAR_OK : err;
}

/* The canonical form of a path asked for, where a leading '/' is the archive's root. */
static enum tar_error query_canonical(const char *path, char *out)
{
	if (path[0] == '/') {
		while (path[0] == '/')
			path++;
		if (path[0] == '\0')
			path = ".";
	}
	return tar_path_canonical(path, strlen(path), out);
}

enum tar_error tar_find(const void *archive, size_t size, const char *path,
			struct tar_entry *entry)
{
	char want[TAR_NAME_MAX + 1];
	enum tar_error err = query_canonical(path, want);
	if (err != TAR_OK)
		return err;
	struct tar_iter it;
	bool found = false;
	size_t match = 0;
	tar_iter_init(&it, archive, size);
	while ((err = tar_next(&it, entry)) == TAR_OK) {
		if (strcmp(entry->name, want) == 0) {
			found = true;
			match = entry->offset;
		}
	}
	if (err != TAR_END)
		return err;
	if (!found)
		return TAR_ERR_NOT_FOUND;
	/* Read the last match again: it was valid, so it reads the same. */
	it.offset = match;
	it.stop = TAR_OK;
	return tar_next(&it, entry);
}
