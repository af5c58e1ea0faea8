// The reader (tar.h) on archives built in memory: well-formed ones entry by entry, then every
// kind of damage with the exact error it must give. Archives are read from guarded copies, so
// a read past the end faults (guarded_copy.h).
#include <cstddef>
#include <cstring>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mercury/tar/tests/archive_builder.h"
#include "mercury/tar/tests/guarded_copy.h"
#include "mercury/tar/tests/reader_listing.h"

extern "C" {
#include "mercury/tar/tar.h"
#include "mercury/tar/ustar.h"
}

namespace {

#define FIELD(f) offsetof(ustar_header, f)

Reading Read(const Bytes &archive)
{
	GuardedCopy copy(archive);
	return ReadAll(copy.data(), copy.size());
}

tar_error Check(const Bytes &archive)
{
	GuardedCopy copy(archive);
	return tar_check(copy.data(), copy.size(), nullptr);
}

tar_error Find(const Bytes &archive, const char *path, tar_entry *e)
{
	GuardedCopy copy(archive);
	return tar_find(copy.data(), copy.size(), path, e);
}

std::string Data(const tar_entry &e)
{
	return std::string(reinterpret_cast<const char *>(e.data), e.size);
}

const std::vector<Entry> kTree = {
	{.name = "etc/", .type = '5', .mode = 0755},
	{.name = "etc/rc", .data = "start sysinit\n", .mode = 0644, .uid = 7, .gid = 8,
	 .mtime = 1700000000},
	{.name = "bin/", .type = '5', .mode = 0755},
	{.name = "bin/sysinit", .data = std::string(1500, 'x'), .mode = 0755},
	{.name = "bin/init", .type = '1', .link = "bin/sysinit", .mode = 0755},
	{.name = "bin/sh", .type = '2', .link = "../lib/sh", .mode = 0777},
	{.name = "etc/empty", .data = "", .mode = 0600},
};

TEST(TarRead, EveryFieldOfEveryEntry)
{
	Bytes archive = Archive(kTree);
	Reading r = ReadAll(archive.data(), archive.size());
	ASSERT_EQ(r.end, TAR_END);
	ASSERT_EQ(r.entries.size(), kTree.size());
	EXPECT_EQ(Listing(r), "dir 0755 0 0 0 0 etc\n"
			      "file 0644 7 8 1700000000 14 etc/rc\n"
			      "dir 0755 0 0 0 0 bin\n"
			      "file 0755 0 0 0 1500 bin/sysinit\n"
			      "hardlink 0755 0 0 0 0 bin/init -> bin/sysinit\n"
			      "symlink 0777 0 0 0 0 bin/sh -> ../lib/sh\n"
			      "file 0600 0 0 0 0 etc/empty\n");
	for (size_t i = 0; i < kTree.size(); i++) {
		const tar_entry &e = r.entries[i];
		EXPECT_EQ(e.offset, HeaderOffset(kTree, i));
		EXPECT_EQ(e.data, archive.data() + e.offset + USTAR_BLOCK);
		EXPECT_EQ(e.typeflag, kTree[i].type);
		EXPECT_EQ(Data(e), kTree[i].data);
	}
}

TEST(TarRead, EndIsFinal)
{
	Bytes archive = Archive({{.name = "a"}});
	tar_iter it;
	tar_entry e;
	tar_iter_init(&it, archive.data(), archive.size());
	EXPECT_EQ(tar_next(&it, &e), TAR_OK);
	EXPECT_EQ(tar_next(&it, &e), TAR_END);
	EXPECT_EQ(tar_next(&it, &e), TAR_END);
}

TEST(TarRead, EmptyArchive)
{
	Bytes archive = Archive({});
	EXPECT_EQ(Read(archive).end, TAR_END);
	size_t count = 99;
	EXPECT_EQ(tar_check(archive.data(), archive.size(), &count), TAR_OK);
	EXPECT_EQ(count, 0u);
}

TEST(TarRead, AnythingAfterTheEndBlocksIsIgnored)
{
	Bytes archive = Archive(kTree);
	archive.resize(archive.size() + 10240, 0); // tar's record padding
	archive.push_back(0xff);                     // and garbage after it
	EXPECT_EQ(Check(archive), TAR_OK);
}

TEST(TarRead, AnyAlignment)
{
	Bytes archive = Archive(kTree);
	Bytes shifted(1, 0);
	shifted.insert(shifted.end(), archive.begin(), archive.end());
	Reading r = ReadAll(shifted.data() + 1, archive.size());
	EXPECT_EQ(r.end, TAR_END);
	EXPECT_EQ(r.entries.size(), kTree.size());
}

TEST(TarRead, PrefixIsJoined)
{
	// An empty name after a prefix is "prefix/": tarfile's split of a directory whose last
	// component is 100 bytes long ("var/" + 100 bytes + "/").
	const std::string last(100, 'v');
	Reading r = Read(Archive({{.name = "README", .prefix = "usr/share/doc"},
				  {.name = "", .prefix = "var/" + last, .type = '5'}}));
	ASSERT_EQ(r.end, TAR_END);
	EXPECT_STREQ(r.entries[0].name, "usr/share/doc/README");
	EXPECT_EQ(std::string(r.entries[1].name), "var/" + last);
}

// Names need no NUL when they fill their field: 100 and 155 bytes, 256 joined (no overflow,
// and nothing of the next field read). The mode field follows the name, magic the link.
TEST(TarRead, FullFieldsWithoutNul)
{
	const std::string name(100, 'n'), prefix(155, 'p'), link(100, 'l');
	Reading r = Read(Archive({{.name = name, .type = '2', .link = link},
				  {.name = name, .prefix = prefix, .type = '1', .link = link}}));
	ASSERT_EQ(r.end, TAR_END);
	EXPECT_EQ(std::string(r.entries[0].name), name);
	EXPECT_EQ(std::string(r.entries[0].link), link);
	EXPECT_EQ(std::string(r.entries[1].name), prefix + "/" + name);
	EXPECT_EQ(strlen(r.entries[1].name), static_cast<size_t>(TAR_NAME_MAX));
	EXPECT_EQ(std::string(r.entries[1].link), link);
}

TEST(TarRead, NamesAreCanonical)
{
	Reading r = Read(Archive({{.name = "./", .type = '5'},
				  {.name = "./bin//sh"},
				  {.name = "etc/", .type = '5'},
				  {.name = "x", .prefix = "./usr/./"},
				  {.name = "l", .type = '1', .link = "./bin//sh"}}));
	ASSERT_EQ(r.end, TAR_END);
	EXPECT_STREQ(r.entries[0].name, ".");
	EXPECT_STREQ(r.entries[1].name, "bin/sh");
	EXPECT_STREQ(r.entries[2].name, "etc");
	EXPECT_STREQ(r.entries[3].name, "usr/x");
	EXPECT_STREQ(r.entries[4].link, "bin/sh");
}

TEST(TarRead, Types)
{
	Reading r = Read(Archive({{.name = "old", .type = '\0', .data = "o"},
				  {.name = "contiguous", .type = '7', .data = "c"},
				  {.name = "tty", .type = '3'},
				  {.name = "disk", .type = '4'},
				  {.name = "pipe", .type = '6'},
				  {.name = "vendor", .type = 'A', .data = std::string(600, 'v')},
				  {.name = "after", .data = "a"}}));
	ASSERT_EQ(r.end, TAR_END);
	const tar_type want[] = {TAR_FILE, TAR_FILE, TAR_CHARDEV, TAR_BLOCKDEV,
				 TAR_FIFO, TAR_OTHER, TAR_FILE};
	ASSERT_EQ(r.entries.size(), std::size(want));
	for (size_t i = 0; i < r.entries.size(); i++)
		EXPECT_EQ(r.entries[i].type, want[i]) << r.entries[i].name;
	EXPECT_EQ(r.entries[5].typeflag, 'A');
	EXPECT_EQ(r.entries[5].size, 600u); // an unknown type's data is skipped by its size
	EXPECT_STREQ(r.entries[6].name, "after");
}

TEST(TarRead, ModeKeepsPermissionsOnly)
{
	Reading r = Read(Archive({{.name = "f", .mode = 0104755}}));
	ASSERT_EQ(r.end, TAR_END);
	EXPECT_EQ(r.entries[0].mode, 04755u);
}

TEST(TarFind, AnySpellingOfThePath)
{
	Bytes archive = Archive(kTree);
	tar_entry e;
	for (const char *path : {"etc/rc", "/etc/rc", "./etc/rc", "etc//rc", "//etc/./rc"}) {
		ASSERT_EQ(Find(archive, path, &e), TAR_OK) << path;
		EXPECT_STREQ(e.name, "etc/rc");
		EXPECT_EQ(e.size, 14u);
	}
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "bin/sysinit", &e), TAR_OK);
	EXPECT_EQ(Data(e), std::string(1500, 'x'));
	EXPECT_EQ(Find(archive, "bin", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_DIRECTORY);
	EXPECT_EQ(Find(archive, "bin/init", &e), TAR_OK); // a link is not followed
	EXPECT_EQ(e.type, TAR_HARDLINK);
}

TEST(TarFind, Root)
{
	Bytes archive = Archive({{.name = "./", .type = '5', .mode = 0700}, {.name = "./a"}});
	tar_entry e;
	for (const char *path : {"/", ".", "./", "//"}) {
		ASSERT_EQ(Find(archive, path, &e), TAR_OK) << path;
		EXPECT_EQ(e.mode, 0700u);
	}
}

TEST(TarFind, LastOfTheSameNameWins)
{
	Bytes archive = Archive({{.name = "etc/rc", .data = "first"},
				 {.name = "other"},
				 {.name = "./etc/rc", .data = "second"},
				 {.name = "tail"}});
	tar_entry e;
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "etc/rc", &e), TAR_OK);
	EXPECT_EQ(Data(e), "second");
}

TEST(TarFind, Errors)
{
	Bytes archive = Archive(kTree);
	tar_entry e;
	EXPECT_EQ(Find(archive, "etc/rc.local", &e), TAR_ERR_NOT_FOUND);
	EXPECT_EQ(Find(archive, "etc/r", &e), TAR_ERR_NOT_FOUND);
	EXPECT_EQ(Find(archive, "", &e), TAR_ERR_NAME_EMPTY);
	EXPECT_EQ(Find(archive, "etc/../etc/rc", &e), TAR_ERR_NAME_DOTDOT);
	EXPECT_EQ(Find(archive, std::string(TAR_NAME_MAX + 1, 'a').c_str(), &e), TAR_ERR_NAME_LONG);
}

// A lookup answers only from an archive valid to its end, whatever the error and wherever.
TEST(TarFind, AnyErrorInTheArchiveIsReturned)
{
	tar_entry e;
	Bytes unsafe = Archive({{.name = "etc/rc"}, {.name = "../escape"}});
	EXPECT_EQ(Find(unsafe, "etc/rc", &e), TAR_ERR_NAME_DOTDOT);
	Bytes unended = Archive({{.name = "etc/rc"}}, 0);
	EXPECT_EQ(Find(unended, "etc/rc", &e), TAR_ERR_NO_END);
}

TEST(TarCheck, CountsEntriesAndReportsTheFirstError)
{
	size_t count = 0;
	Bytes archive = Archive(kTree);
	EXPECT_EQ(tar_check(archive.data(), archive.size(), &count), TAR_OK);
	EXPECT_EQ(count, kTree.size());
	Bytes unsafe = Archive({{.name = "a"}, {.name = "/b"}, {.name = "../c"}});
	EXPECT_EQ(tar_check(unsafe.data(), unsafe.size(), &count), TAR_ERR_NAME_ABSOLUTE);
	EXPECT_EQ(count, 1u);
}

// --- Damaged archives: the exact error each gives. ---

TEST(TarDamage, EmptyBuffer)
{
	EXPECT_EQ(Read({}).end, TAR_ERR_NO_END);
}

TEST(TarDamage, TruncatedHeader)
{
	Bytes archive = Archive(kTree);
	EXPECT_EQ(Read(Bytes(archive.begin(), archive.begin() + 100)).end, TAR_ERR_TRUNCATED);
	const size_t second = HeaderOffset(kTree, 1);
	Reading r = Read(Bytes(archive.begin(), archive.begin() + second + 511));
	EXPECT_EQ(r.end, TAR_ERR_TRUNCATED);
	EXPECT_EQ(r.entries.size(), 1u);
}

TEST(TarDamage, MissingEndBlocks)
{
	Reading r = Read(Archive(kTree, 0));
	EXPECT_EQ(r.end, TAR_ERR_NO_END);
	EXPECT_EQ(r.entries.size(), kTree.size()); // every entry was still read
	EXPECT_EQ(Read(Archive(kTree, 1)).end, TAR_ERR_NO_END);
	EXPECT_EQ(Read(Bytes(USTAR_BLOCK, 0)).end, TAR_ERR_NO_END);
	Bytes partial = Archive(kTree, 1);
	partial.resize(partial.size() + 511, 0); // a second zero block, cut short
	EXPECT_EQ(Read(partial).end, TAR_ERR_NO_END);
}

TEST(TarDamage, LoneZeroBlockBeforeAHeader)
{
	Bytes archive = Archive({{.name = "a"}}, 1);
	Bytes more = Archive({{.name = "b"}});
	archive.insert(archive.end(), more.begin(), more.end());
	Reading r = Read(archive);
	EXPECT_EQ(r.end, TAR_ERR_NO_END);
	EXPECT_EQ(r.entries.size(), 1u);
}

TEST(TarDamage, Checksum)
{
	Bytes archive = Archive(kTree);
	const size_t h = HeaderOffset(kTree, 1);
	Bytes flipped = archive;
	flipped[h + 3] ^= 1;
	EXPECT_EQ(Read(flipped).end, TAR_ERR_CHECKSUM);
	Bytes data_changed = archive; // the checksum covers the header, not the data
	data_changed[h + USTAR_BLOCK] ^= 1;
	EXPECT_EQ(Read(data_changed).end, TAR_END);
	for (const char *field : {"0000000\0", "zzzzzz\0 ", "\0\0\0\0\0\0\0\0", "12345678"}) {
		Bytes bad = archive;
		Poke(bad, h, FIELD(chksum), std::string(field, 8), false);
		EXPECT_EQ(Read(bad).end, TAR_ERR_CHECKSUM) << field;
	}
}

TEST(TarDamage, NotUstar)
{
	Bytes archive = Archive(kTree);
	const size_t h = HeaderOffset(kTree, 2);
	Bytes gnu = archive;
	Poke(gnu, h, FIELD(magic), std::string("ustar  \0", 8)); // old GNU format
	Reading r = Read(gnu);
	EXPECT_EQ(r.end, TAR_ERR_NOT_USTAR);
	EXPECT_EQ(r.entries.size(), 2u);
	Bytes v7 = archive;
	Poke(v7, h, FIELD(magic), std::string(8, '\0'));
	EXPECT_EQ(Read(v7).end, TAR_ERR_NOT_USTAR);
	Bytes version = archive;
	Poke(version, h, FIELD(version), "01");
	EXPECT_EQ(Read(version).end, TAR_ERR_NOT_USTAR);
}

TEST(TarDamage, ExtensionHeaders)
{
	for (char type : {'x', 'g', 'L', 'K'}) {
		Reading r = Read(Archive({{.name = "a"},
					  {.name = "././@PaxHeader", .type = type, .data = "30 path=x\n"},
					  {.name = "b"}}));
		EXPECT_EQ(r.end, TAR_ERR_EXTENSION) << type;
		EXPECT_EQ(r.entries.size(), 1u);
	}
}

// Every numeric field the reader takes refuses what is not octal digits ended by NUL or space.
TEST(TarDamage, NumericFields)
{
	const size_t fields[][2] = {{FIELD(mode), 8}, {FIELD(uid), 8}, {FIELD(gid), 8},
				    {FIELD(size), 12}, {FIELD(mtime), 12}};
	const Bytes archive = Archive(kTree);
	const size_t h = HeaderOffset(kTree, 1);
	for (const auto &[field, width] : fields) {
		const std::string bad[] = {
			std::string(width, '\0'),                       // empty
			std::string(width, ' '),                        // blank
			std::string(width - 2, '0') + "9" + '\0',       // not octal
			std::string(width, '7'),                        // overlong: no terminator
			std::string(width - 3, '0') + "1 1",            // digits after the end
			"\x80" + std::string(width - 2, '\0') + "\x01", // base-256
			"-" + std::string(width - 2, '1') + '\0',       // signed
		};
		for (const std::string &text : bad) {
			Bytes spoiled = archive;
			Poke(spoiled, h, field, text);
			Reading r = Read(spoiled);
			EXPECT_EQ(r.end, TAR_ERR_NUMBER) << "field at " << field << ": " << text;
			EXPECT_EQ(r.entries.size(), 1u);
		}
	}
}

TEST(TarDamage, FieldsNotReadAreNotChecked)
{
	// devmajor, devminor, uname and gname carry nothing the reader reports.
	Bytes archive = Archive(kTree);
	const size_t h = HeaderOffset(kTree, 1);
	Poke(archive, h, FIELD(devmajor), "garbage!");
	Poke(archive, h, FIELD(uname), std::string(32, 'u'));
	EXPECT_EQ(Read(archive).end, TAR_END);
}

TEST(TarDamage, SizeOnATypeWithoutData)
{
	for (char type : {'1', '2', '3', '4', '5', '6'}) {
		std::vector<Entry> entries = {{.name = "d", .type = type, .link = "t"}, {.name = "e"}};
		Bytes archive = Archive(entries);
		Poke(archive, 0, FIELD(size), "00000000001");
		EXPECT_EQ(Read(archive).end, TAR_ERR_SIZE) << type;
	}
}

TEST(TarDamage, DataPastTheEnd)
{
	const std::vector<Entry> one = {{.name = "f", .data = std::string(1000, 'd')}};
	Bytes archive = Archive(one, 0);
	EXPECT_EQ(Read(Bytes(archive.begin(), archive.end() - 512)).end, TAR_ERR_DATA);
	EXPECT_EQ(Read(Bytes(archive.begin(), archive.end() - 1)).end, TAR_ERR_DATA); // padding
	EXPECT_EQ(Read(Bytes(archive.begin(), archive.begin() + 512 + 1000)).end, TAR_ERR_DATA);
	// Archive(one) has 2048 bytes after the header (data and end blocks). The largest size a
	// field holds (8 GiB - 1), and sizes whose data or padding reaches past the end:
	for (const char *size : {"77777777777", "00000007777", "00000004001"}) {
		Bytes big = Archive(one);
		Poke(big, 0, FIELD(size), size);
		EXPECT_EQ(Read(big).end, TAR_ERR_DATA) << size;
	}
	// Data that ends with the buffer is inside it, but swallows the end blocks.
	for (const char *size : {"00000004000", "00000003777"}) {
		Bytes exact = Archive(one);
		Poke(exact, 0, FIELD(size), size);
		EXPECT_EQ(Read(exact).end, TAR_ERR_NO_END) << size;
	}
}

// Errors of one entry: the entry comes back as stored and iteration goes on past it.
struct EntryCase {
	Entry entry;
	tar_error error;
	const char *reported; // the name, or the link target, as the reader gives it back
};

// Reads c.entry, then a good entry, then the end: the first read must give c.error and the
// next ones go on regardless. Returns what the first read gave.
tar_entry ReadThenGoOn(const EntryCase &c)
{
	Bytes archive = Archive({c.entry, {.name = "next", .data = "n"}});
	GuardedCopy copy(archive);
	tar_iter it;
	tar_entry first, next;
	tar_iter_init(&it, copy.data(), copy.size());
	EXPECT_EQ(tar_next(&it, &first), c.error) << c.reported;
	EXPECT_EQ(tar_next(&it, &next), TAR_OK) << c.reported;
	EXPECT_STREQ(next.name, "next");
	EXPECT_EQ(tar_next(&it, &next), TAR_END);
	return first;
}

TEST(TarDamage, UnsafeOrEmptyNames)
{
	const EntryCase cases[] = {
		{{.name = ""}, TAR_ERR_NAME_EMPTY, ""},
		{{.name = "/etc/passwd"}, TAR_ERR_NAME_ABSOLUTE, "/etc/passwd"},
		{{.name = "x", .prefix = "/usr"}, TAR_ERR_NAME_ABSOLUTE, "/usr/x"},
		{{.name = "/"}, TAR_ERR_NAME_ABSOLUTE, "/"},
		{{.name = "../x"}, TAR_ERR_NAME_DOTDOT, "../x"},
		{{.name = "a/../../x"}, TAR_ERR_NAME_DOTDOT, "a/../../x"},
		{{.name = "x", .prefix = ".."}, TAR_ERR_NAME_DOTDOT, "../x"},
		{{.name = "..", .type = '5'}, TAR_ERR_NAME_DOTDOT, ".."},
	};
	for (const EntryCase &c : cases) {
		EXPECT_FALSE(tar_error_is_fatal(c.error));
		EXPECT_STREQ(ReadThenGoOn(c).name, c.reported);
	}
}

TEST(TarDamage, LinkTargets)
{
	const EntryCase cases[] = {
		{{.name = "l", .type = '1', .link = ""}, TAR_ERR_LINK, ""},
		{{.name = "l", .type = '1', .link = "/etc/shadow"}, TAR_ERR_LINK, "/etc/shadow"},
		{{.name = "l", .type = '1', .link = "../x"}, TAR_ERR_LINK, "../x"},
		{{.name = "l", .type = '2', .link = ""}, TAR_ERR_LINK, ""},
		// A symbolic link's target is data for whoever follows it: kept as stored.
		{{.name = "l", .type = '2', .link = "/abs/../x"}, TAR_OK, "/abs/../x"},
		// Other types have no target, whatever the field holds.
		{{.name = "l", .type = '0', .link = "/etc/shadow"}, TAR_OK, ""},
	};
	for (const EntryCase &c : cases) {
		tar_entry e = ReadThenGoOn(c);
		EXPECT_STREQ(e.name, "l");
		EXPECT_STREQ(e.link, c.reported);
	}
}

TEST(TarDamage, FatalErrorsAreFinal)
{
	Bytes archive = Archive(kTree);
	archive[HeaderOffset(kTree, 1)] ^= 1;
	tar_iter it;
	tar_entry e;
	tar_iter_init(&it, archive.data(), archive.size());
	EXPECT_EQ(tar_next(&it, &e), TAR_OK);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(tar_next(&it, &e), TAR_ERR_CHECKSUM);
	EXPECT_EQ(Check(archive), TAR_ERR_CHECKSUM);
}

TEST(TarError, EveryCodeHasItsOwnMessage)
{
	std::set<std::string> messages;
	for (int err = TAR_OK; err <= TAR_ERR_NOT_FOUND; err++)
		EXPECT_TRUE(messages.insert(tar_strerror(static_cast<tar_error>(err))).second) << err;
	EXPECT_STREQ(tar_strerror(static_cast<tar_error>(1000)), "unknown error");
}

TEST(TarError, FatalOnesAreThoseThatLoseThePlace)
{
	for (tar_error err : {TAR_ERR_TRUNCATED, TAR_ERR_NO_END, TAR_ERR_CHECKSUM, TAR_ERR_NOT_USTAR,
			      TAR_ERR_EXTENSION, TAR_ERR_NUMBER, TAR_ERR_SIZE, TAR_ERR_DATA})
		EXPECT_TRUE(tar_error_is_fatal(err)) << err;
	for (tar_error err : {TAR_OK, TAR_END, TAR_ERR_NAME_EMPTY, TAR_ERR_NAME_ABSOLUTE,
			      TAR_ERR_NAME_DOTDOT, TAR_ERR_LINK, TAR_ERR_NAME_LONG, TAR_ERR_NOT_FOUND})
		EXPECT_FALSE(tar_error_is_fatal(err)) << err;
}

} // namespace
