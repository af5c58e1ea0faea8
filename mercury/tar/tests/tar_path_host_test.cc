// Canonical paths (tar_path.h): what names become, what is refused, and the length limit.
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/tar/tar_path.h"
}

namespace {

// The canonical form of `path`, or the error's message in angle brackets.
std::string Canonical(const std::string &path)
{
	char out[TAR_NAME_MAX + 1];
	tar_error err = tar_path_canonical(path.data(), path.size(), out);
	return err == TAR_OK ? std::string(out) : "<" + std::string(tar_strerror(err)) + ">";
}

std::string Message(tar_error err)
{
	return "<" + std::string(tar_strerror(err)) + ">";
}

TEST(TarPath, KeepsCanonicalPaths)
{
	EXPECT_EQ(Canonical("bin/sh"), "bin/sh");
	EXPECT_EQ(Canonical("a"), "a");
	EXPECT_EQ(Canonical("..a/b.."), "..a/b.."); // only a whole component ".." is refused
	EXPECT_EQ(Canonical(".hidden/..."), ".hidden/...");
}

TEST(TarPath, DropsEmptyAndDotComponents)
{
	EXPECT_EQ(Canonical("./bin/sh"), "bin/sh");
	EXPECT_EQ(Canonical("bin//sh"), "bin/sh");
	EXPECT_EQ(Canonical("bin/./sh/"), "bin/sh");
	EXPECT_EQ(Canonical("etc/"), "etc");
	EXPECT_EQ(Canonical("./"), ".");
	EXPECT_EQ(Canonical("."), ".");
	EXPECT_EQ(Canonical(".//./"), ".");
}

TEST(TarPath, RefusesWhatCouldLeaveTheRoot)
{
	EXPECT_EQ(Canonical(""), Message(TAR_ERR_NAME_EMPTY));
	EXPECT_EQ(Canonical("/etc/passwd"), Message(TAR_ERR_NAME_ABSOLUTE));
	EXPECT_EQ(Canonical("/"), Message(TAR_ERR_NAME_ABSOLUTE));
	EXPECT_EQ(Canonical(".."), Message(TAR_ERR_NAME_DOTDOT));
	EXPECT_EQ(Canonical("../x"), Message(TAR_ERR_NAME_DOTDOT));
	EXPECT_EQ(Canonical("a/../../x"), Message(TAR_ERR_NAME_DOTDOT));
	EXPECT_EQ(Canonical("a/.."), Message(TAR_ERR_NAME_DOTDOT));
	EXPECT_EQ(Canonical("./a/./../"), Message(TAR_ERR_NAME_DOTDOT));
}

TEST(TarPath, LengthLimit)
{
	const std::string longest(TAR_NAME_MAX, 'x');
	EXPECT_EQ(Canonical(longest), longest);
	EXPECT_EQ(Canonical(longest + "x"), Message(TAR_ERR_NAME_LONG));
	// Longer as written, short enough once canonical.
	EXPECT_EQ(Canonical(std::string(300, '/').replace(0, 2, "./") + longest), longest);
	// The separator counts too.
	const std::string half(TAR_NAME_MAX / 2, 'y');
	EXPECT_EQ(Canonical(half + "/" + half), Message(TAR_ERR_NAME_LONG));
	EXPECT_EQ(Canonical(half + "/" + half.substr(1)), half + "/" + half.substr(1));
}

TEST(TarPath, ReadsOnlyTheLengthGiven)
{
	char out[TAR_NAME_MAX + 1];
	const char path[] = {'b', 'i', 'n', '/', '.', '.'}; // no NUL: ".." must not be seen
	ASSERT_EQ(tar_path_canonical(path, 4, out), TAR_OK);
	EXPECT_STREQ(out, "bin");
}

} // namespace
