/*
 * mkcpio: writes a cpio archive in the "newc" format, the one a Linux initramfs is made of,
 * from entries named on the command line, so that building one needs neither root (for
 * device nodes) nor Debian's initramfs-tools. Every entry is owned by root, dated 0 (the
 * archive is the same on every build) and numbered from 1.
 *
 *   mkcpio OUTPUT ENTRY...
 *     dir:NAME:MODE                       a directory
 *     nod:NAME:MODE:c|b:MAJOR:MINOR       a character or block device node
 *     file:NAME:MODE:SOURCE               a regular file with the contents of SOURCE
 * NAME is the path inside the archive, without a leading slash; MODE is octal permissions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FIELDS 6

struct entry {
	const char *name;
	unsigned long mode; /* type and permissions */
	unsigned long rdev_major, rdev_minor;
	const char *source; /* regular files only */
};

static const char *program = "mkcpio";
static unsigned long next_ino = 1;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "%s: %s%s%s\n", program, what, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static void put(FILE *out, const void *data, size_t size)
{
	if (size && fwrite(data, 1, size, out) != size)
		die("write failed", strerror(errno));
}

/* Zeros up to the next multiple of four bytes; newc aligns headers and data so. */
static void pad(FILE *out, unsigned long written)
{
	static const char zeros[3];
	put(out, zeros, (4 - written % 4) % 4);
}

/* One header, the name after it, then `size` bytes of data from `data` (may be NULL). */
static void write_member(FILE *out, const struct entry *e, const char *data, unsigned long size)
{
	char header[6 + 13 * 8 + 1];
	unsigned long namesize = strlen(e->name) + 1;
	unsigned long nlink = S_ISDIR(e->mode) ? 2 : 1;
	snprintf(header, sizeof(header),
		 "070701%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX",
		 next_ino++, e->mode, 0ul, 0ul, nlink, 0ul, size, 0ul, 0ul, e->rdev_major,
		 e->rdev_minor, namesize, 0ul);
	put(out, header, strlen(header));
	put(out, e->name, namesize);
	pad(out, strlen(header) + namesize);
	put(out, data, size);
	pad(out, size);
}

/* The whole of a file, in memory (initramfs members are small). */
static char *read_file(const char *path, unsigned long *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path, strerror(errno));
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			die("out of memory", NULL);
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	if (ferror(f))
		die(path, "read failed");
	fclose(f);
	*size = len;
	return buf;
}

static unsigned long number(const char *s, int base, const char *arg)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, base);
	if (!*s || *end || errno)
		die("bad number in entry", arg);
	return v;
}

/* Splits `arg` (a copy) at colons into at most MAX_FIELDS fields; returns how many. */
static int split(char *arg, char *fields[MAX_FIELDS])
{
	int n = 0;
	for (char *s = arg; n < MAX_FIELDS; n++) {
		fields[n] = s;
		s = strchr(s, ':');
		if (!s)
			return n + 1;
		*s++ = 0;
	}
	return -1;
}

static void add(FILE *out, const char *arg)
{
	char *copy = strdup(arg), *f[MAX_FIELDS];
	if (!copy)
		die("out of memory", NULL);
	int n = split(copy, f);
	struct entry e = { 0 };
	if (n >= 3) {
		e.name = f[1];
		e.mode = number(f[2], 8, arg) & 07777;
		if (e.name[0] == '/' || !e.name[0])
			die("names are relative and not empty", arg);
	}
	if (n == 3 && !strcmp(f[0], "dir")) {
		e.mode |= S_IFDIR;
		write_member(out, &e, NULL, 0);
	} else if (n == 6 && !strcmp(f[0], "nod") && (!strcmp(f[3], "c") || !strcmp(f[3], "b"))) {
		e.mode |= f[3][0] == 'c' ? S_IFCHR : S_IFBLK;
		e.rdev_major = number(f[4], 10, arg);
		e.rdev_minor = number(f[5], 10, arg);
		write_member(out, &e, NULL, 0);
	} else if (n == 4 && !strcmp(f[0], "file")) {
		unsigned long size;
		char *data = read_file(f[3], &size);
		e.mode |= S_IFREG;
		write_member(out, &e, data, size);
		free(data);
	} else {
		die("bad entry (see the comment at the top of mkcpio.c)", arg);
	}
	free(copy);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: mkcpio OUTPUT ENTRY...", NULL);
	FILE *out = fopen(argv[1], "wb");
	if (!out)
		die(argv[1], strerror(errno));
	for (int i = 2; i < argc; i++)
		add(out, argv[i]);
	struct entry trailer = { .name = "TRAILER!!!" };
	write_member(out, &trailer, NULL, 0);
	if (fclose(out))
		die(argv[1], strerror(errno));
	return 0;
}
