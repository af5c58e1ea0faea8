// The kernel command line parser (helios/kernel/cmdline.c): flags, key=value, edges.
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "helios/kernel/cmdline.h"
}

namespace {

// The value of `key`, or "<absent>".
std::string Find(const char *cmdline, const char *key)
{
	const char *value = nullptr;
	size_t len = 12345;
	if (!cmdline_find(cmdline, key, &value, &len))
		return "<absent>";
	EXPECT_NE(value, nullptr);
	return std::string(value, len);
}

TEST(CmdlineFindTest, BareFlag)
{
	EXPECT_EQ(Find("qemu_exit", "qemu_exit"), "");
	EXPECT_EQ(Find("a qemu_exit b", "qemu_exit"), "");
	EXPECT_EQ(Find("a b qemu_exit", "qemu_exit"), "");
}

TEST(CmdlineFindTest, KeyValue)
{
	EXPECT_EQ(Find("qemu_exit=3", "qemu_exit"), "3");
	EXPECT_EQ(Find("x=1 qemu_exit=42 y=2", "qemu_exit"), "42");
	EXPECT_EQ(Find("selftest=fault", "selftest"), "fault");
	EXPECT_EQ(Find("key=", "key"), ""); // present, empty value
	EXPECT_EQ(Find("key==x", "key"), "=x");
	EXPECT_EQ(Find("key=a=b", "key"), "a=b");
}

TEST(CmdlineFindTest, Absent)
{
	EXPECT_EQ(Find("", "qemu_exit"), "<absent>");
	EXPECT_EQ(Find(nullptr, "qemu_exit"), "<absent>");
	EXPECT_EQ(Find("   ", "qemu_exit"), "<absent>");
	EXPECT_EQ(Find("other", "qemu_exit"), "<absent>");
}

TEST(CmdlineFindTest, WholeWordsOnly)
{
	EXPECT_EQ(Find("qemu_exit_now", "qemu_exit"), "<absent>"); // longer word
	EXPECT_EQ(Find("qemu", "qemu_exit"), "<absent>");          // shorter word
	EXPECT_EQ(Find("no_qemu_exit", "qemu_exit"), "<absent>");  // suffix
	EXPECT_EQ(Find("qemu_exitx=1 qemu_exit=2", "qemu_exit"), "2");
	EXPECT_EQ(Find("qemu_exi", "qemu_exit"), "<absent>");
	EXPECT_EQ(Find("xqemu_exit=1", "qemu_exit"), "<absent>");
}

TEST(CmdlineFindTest, FirstOccurrenceWins)
{
	EXPECT_EQ(Find("k=1 k=2", "k"), "1");
	EXPECT_EQ(Find("k k=2", "k"), "");
}

TEST(CmdlineFindTest, Whitespace)
{
	EXPECT_EQ(Find("  \t a=1 \n\tk=v\t", "k"), "v");
	EXPECT_EQ(Find("k=v\n", "k"), "v"); // a trailing newline is not part of the value
	EXPECT_EQ(Find("a\tk", "k"), "");
	EXPECT_EQ(Find("k=a b", "k"), "a"); // values end at a space
}

TEST(CmdlineFindTest, ValuePointsIntoTheCommandLine)
{
	const char *cmdline = "a=1 key=value";
	const char *value;
	size_t len;
	ASSERT_EQ(cmdline_find(cmdline, "key", &value, &len), 1);
	EXPECT_EQ(value, cmdline + 8);
	EXPECT_EQ(len, 5u);
}

TEST(CmdlineNumberTest, Values)
{
	EXPECT_EQ(cmdline_number("qemu_exit=0", "qemu_exit", 7), 0);
	EXPECT_EQ(cmdline_number("qemu_exit=3", "qemu_exit", 7), 3);
	EXPECT_EQ(cmdline_number("a qemu_exit=255 b", "qemu_exit", 7), 255);
	EXPECT_EQ(cmdline_number("n=007", "n", -1), 7);
	EXPECT_EQ(cmdline_number("n=999999999", "n", -1), 999999999); // nine digits: the most
}

TEST(CmdlineNumberTest, Fallbacks)
{
	EXPECT_EQ(cmdline_number("", "n", -1), -1);              // absent
	EXPECT_EQ(cmdline_number(nullptr, "n", -1), -1);
	EXPECT_EQ(cmdline_number("n", "n", -1), -1);             // bare flag
	EXPECT_EQ(cmdline_number("n=", "n", -1), -1);            // empty
	EXPECT_EQ(cmdline_number("n=12x", "n", -1), -1);         // not a number
	EXPECT_EQ(cmdline_number("n=-1", "n", -2), -2);          // no signs
	EXPECT_EQ(cmdline_number("n=+1", "n", -2), -2);
	EXPECT_EQ(cmdline_number("n=0x10", "n", -2), -2);        // decimal only
	EXPECT_EQ(cmdline_number("n=1000000000", "n", -3), -3);  // ten digits: too long
	EXPECT_EQ(cmdline_number("n=99999999999999999999", "n", -3), -3);
	EXPECT_EQ(cmdline_number("nn=5", "n", -4), -4);
}

} // namespace
