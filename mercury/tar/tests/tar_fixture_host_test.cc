// The reader on archives made elsewhere (BUILD.bazel makes them): one by the initramfs rule
// (//tools/rules:initramfs.bzl), one by GNU tar --format=ustar. It must list each exactly as
// Python's tarfile does (list_tar.py, run at build time), and the rule's archive must hold
// what the rule was given, laid out as the rule promises. Tests run from the runfiles root.
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "mercury/tar/tests/archive_builder.h"
#include "mercury/tar/tests/reader_listing.h"

extern "C" {
#include "mercury/tar/tar.h"
}

namespace {

const std::string kHere = "mercury/tar/tests/";
const std::string kLongPath =
	"usr/share/" + std::string(80, 'd') + "/a-file-whose-path-needs-the-prefix.conf";

Bytes ReadFile(const std::string &path)
{
	std::ifstream file(path, std::ios::binary);
	EXPECT_TRUE(file.good()) << "cannot open " << path;
	return Bytes(std::istreambuf_iterator<char>(file), {});
}

std::string Text(const Bytes &bytes)
{
	return std::string(bytes.begin(), bytes.end());
}

// The C reader's listing of an archive must be Python's, entry for entry.
void ExpectBothReadersAgree(const std::string &name)
{
	Bytes archive = ReadFile(kHere + name + ".tar");
	Reading r = ReadAll(archive.data(), archive.size());
	EXPECT_EQ(r.end, TAR_END);
	EXPECT_EQ(Listing(r), Text(ReadFile(kHere + name + ".listing")));
	EXPECT_EQ(tar_check(archive.data(), archive.size(), nullptr), TAR_OK);
}

TEST(RuleArchive, BothReadersAgree)
{
	ExpectBothReadersAgree("rule_fixture");
}

TEST(GnuTarArchive, BothReadersAgree)
{
	ExpectBothReadersAgree("gnu_tar_fixture");
}

// Sorted by component, every directory before what it holds, owners and times zero, 0755 for
// directories and executables, 0644 for the rest.
TEST(RuleArchive, Layout)
{
	Bytes archive = ReadFile(kHere + "rule_fixture.tar");
	Reading r = ReadAll(archive.data(), archive.size());
	ASSERT_EQ(r.end, TAR_END);
	struct Want {
		std::string name;
		tar_type type;
		unsigned mode;
	};
	const Want want[] = {
		{"aarch64", TAR_DIRECTORY, 0755},
		{"aarch64/bin", TAR_DIRECTORY, 0755},
		{"aarch64/bin/hello", TAR_FILE, 0755},
		{"bin", TAR_DIRECTORY, 0755},
		{"bin/hello", TAR_FILE, 0755},
		{"dev", TAR_DIRECTORY, 0755},
		{"etc", TAR_DIRECTORY, 0755},
		{"etc/conf.d", TAR_DIRECTORY, 0755},
		{"etc/conf.d/log.conf", TAR_FILE, 0644},
		{"etc/conf.d/shell.conf", TAR_FILE, 0644},
		{"etc/rc.sh", TAR_FILE, 0755},
		{"etc/sysinit.conf", TAR_FILE, 0644},
		{"tmp", TAR_DIRECTORY, 0755},
		{"usr", TAR_DIRECTORY, 0755},
		{"usr/share", TAR_DIRECTORY, 0755},
		{"usr/share/" + std::string(80, 'd'), TAR_DIRECTORY, 0755},
		{kLongPath, TAR_FILE, 0644},
		{"var", TAR_DIRECTORY, 0755},
		{"var/" + std::string(100, 'v'), TAR_DIRECTORY, 0755},
	};
	ASSERT_EQ(r.entries.size(), std::size(want));
	for (size_t i = 0; i < std::size(want); i++) {
		const tar_entry &e = r.entries[i];
		EXPECT_EQ(e.name, want[i].name);
		EXPECT_EQ(e.type, want[i].type) << e.name;
		EXPECT_EQ(e.mode, want[i].mode) << e.name;
		EXPECT_EQ(e.mtime, 0u) << e.name;
		EXPECT_EQ(e.uid, 0u) << e.name;
		EXPECT_EQ(e.gid, 0u) << e.name;
	}
}

TEST(RuleArchive, HoldsTheFilesItWasGiven)
{
	Bytes archive = ReadFile(kHere + "rule_fixture.tar");
	const std::pair<std::string, std::string> files[] = {
		{"/bin/hello", "helios/lib/rt/x86_64/hello"},
		{"/aarch64/bin/hello", "helios/lib/rt/aarch64/hello"},
		{"/etc/sysinit.conf", kHere + "fixture/sysinit.conf"},
		{"/etc/rc.sh", kHere + "fixture/rc.sh"},
		{"/etc/conf.d/log.conf", kHere + "fixture/log.conf"},
		{"/etc/conf.d/shell.conf", kHere + "fixture/shell.conf"},
		{"/" + kLongPath, kHere + "fixture/sysinit.conf"},
	};
	for (const auto &[path, source] : files) {
		tar_entry e;
		ASSERT_EQ(tar_find(archive.data(), archive.size(), path.c_str(), &e), TAR_OK) << path;
		Bytes want = ReadFile(source);
		ASSERT_FALSE(want.empty()) << source;
		EXPECT_EQ(Bytes(e.data, e.data + e.size), want) << path;
	}
}

TEST(GnuTarArchive, EveryKindOfEntry)
{
	Bytes archive = ReadFile(kHere + "gnu_tar_fixture.tar");
	tar_entry e;
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "/", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_DIRECTORY);
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "bin/start", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_HARDLINK); // the second name of bin/rc.sh, stored as a link
	EXPECT_STREQ(e.link, "bin/rc.sh");
	ASSERT_EQ(tar_find(archive.data(), archive.size(), e.link, &e), TAR_OK);
	EXPECT_EQ(Bytes(e.data, e.data + e.size), ReadFile(kHere + "fixture/rc.sh"));
	EXPECT_EQ(e.mode, 0755u);
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "bin/config", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_SYMLINK);
	EXPECT_STREQ(e.link, "../etc/sysinit.conf");
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "dev/log", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_FIFO);
	EXPECT_EQ(e.mode, 0600u);
	ASSERT_EQ(tar_find(archive.data(), archive.size(), "etc/empty", &e), TAR_OK);
	EXPECT_EQ(e.type, TAR_FILE);
	EXPECT_EQ(e.size, 0u);
	ASSERT_EQ(tar_find(archive.data(), archive.size(), kLongPath.c_str(), &e), TAR_OK);
	EXPECT_EQ(Bytes(e.data, e.data + e.size), ReadFile(kHere + "fixture/sysinit.conf"));
}

} // namespace
