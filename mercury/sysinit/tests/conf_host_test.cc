// sysinit.conf's parser (../conf.h): good lines, and each error with its line number.
#include <gtest/gtest.h>

#include <string>
#include <vector>

extern "C" {
#include "mercury/sysinit/conf.h"
}

namespace {

struct Parsed {
	sysinit_config config;
	unsigned errors;
	std::vector<std::string> messages; // "LINE: message"
};

void collect(void *ctx, unsigned line, const char *message)
{
	static_cast<Parsed *>(ctx)->messages.push_back(std::to_string(line) + ": " + message);
}

Parsed parse(const std::string &text)
{
	Parsed p{};
	p.errors = sysinit_conf_parse(text.data(), text.size(), &p.config, collect, &p);
	return p;
}

TEST(SysinitConf, EmptyAndCommentsOnly)
{
	Parsed p = parse("\n# nothing\n   \t\n  # indented comment\n");
	EXPECT_EQ(p.errors, 0u);
	EXPECT_EQ(p.config.count, 0u);
}

TEST(SysinitConf, ProgramsInOrderWithRestartAndArgs)
{
	Parsed p = parse("run registry bin/registry allow=1:lookup:*:*\n"
			 "run crasher /bin/crasher restart  one two # comment\n"
			 "run last bin/last");
	ASSERT_EQ(p.errors, 0u);
	ASSERT_EQ(p.config.count, 3u);
	const sysinit_program &a = p.config.programs[0];
	EXPECT_STREQ(a.name, "registry");
	EXPECT_STREQ(a.path, "bin/registry");
	EXPECT_FALSE(a.restart);
	ASSERT_EQ(a.argc, 1u);
	EXPECT_STREQ(a.args[0], "allow=1:lookup:*:*");
	EXPECT_EQ(a.line, 1u);
	const sysinit_program &b = p.config.programs[1];
	EXPECT_STREQ(b.name, "crasher");
	EXPECT_TRUE(b.restart);
	ASSERT_EQ(b.argc, 2u);
	EXPECT_STREQ(b.args[0], "one");
	EXPECT_STREQ(b.args[1], "two");
	EXPECT_EQ(p.config.programs[2].line, 3u);
}

TEST(SysinitConf, RestartOnlyRightAfterPath)
{
	Parsed p = parse("run a bin/a x restart\n");
	ASSERT_EQ(p.config.count, 1u);
	EXPECT_FALSE(p.config.programs[0].restart);
	EXPECT_EQ(p.config.programs[0].argc, 2u);
}

TEST(SysinitConf, Options)
{
	Parsed p = parse("run registry bin/registry registry restart allow=5:lookup:*:*\n"
			 "run devmgr bin/devmgr hardware initramfs memory=16M registry=0x10 -v\n"
			 "run small bin/small memory=256K registry=7\n"
			 "run bytes bin/bytes memory=1048576 restart\n");
	EXPECT_EQ(p.messages, std::vector<std::string>{});
	ASSERT_EQ(p.config.count, 4u);
	const sysinit_program &r = p.config.programs[0];
	EXPECT_TRUE(r.serves_registry);
	EXPECT_TRUE(r.restart);
	EXPECT_FALSE(r.hardware);
	EXPECT_EQ(r.registry_badge, 0u);
	EXPECT_EQ(r.memory, 0u);
	ASSERT_EQ(r.argc, 1u);
	const sysinit_program &d = p.config.programs[1];
	EXPECT_TRUE(d.hardware);
	EXPECT_TRUE(d.initramfs);
	EXPECT_FALSE(r.initramfs);
	EXPECT_FALSE(d.serves_registry);
	EXPECT_EQ(d.memory, 16u << 20);
	EXPECT_EQ(d.registry_badge, 0x10u);
	ASSERT_EQ(d.argc, 1u);
	EXPECT_STREQ(d.args[0], "-v");
	EXPECT_EQ(p.config.programs[2].memory, 256u << 10);
	EXPECT_EQ(p.config.programs[2].registry_badge, 7u);
	EXPECT_EQ(p.config.programs[3].memory, 1u << 20);
	EXPECT_TRUE(p.config.programs[3].restart);
}

TEST(SysinitConf, BadOptions)
{
	Parsed p = parse("run a bin/a restart restart\n"
			 "run b bin/b registry=0\n"
			 "run c bin/c registry=x\n"
			 "run d bin/d memory=100K\n"
			 "run e bin/e memory=2048M\n"
			 "run f bin/f memory=4097\n"
			 "run g bin/g memory=\n"
			 "run h bin/h hardware hardware\n"
			 "run i bin/i registry=1 registry=2\n"
			 "run j bin/j initramfs initramfs\n"
			 "run ok bin/ok\n");
	std::vector<std::string> want = {
		"1: restart given twice",
		"2: registry=BADGE needs a non-zero number",
		"3: registry=BADGE needs a non-zero number",
		"4: memory=SIZE must be whole pages from 256K to 1024M",
		"5: memory=SIZE must be whole pages from 256K to 1024M",
		"6: memory=SIZE must be whole pages from 256K to 1024M",
		"7: memory=SIZE must be whole pages from 256K to 1024M",
		"8: hardware given twice",
		"9: registry=BADGE given twice",
		"10: initramfs given twice",
	};
	EXPECT_EQ(p.messages, want);
	ASSERT_EQ(p.config.count, 1u);
	EXPECT_STREQ(p.config.programs[0].name, "ok");
}

// The registry's users are checked once every line is read: it may come after them.
TEST(SysinitConf, RegistryUsersNeedOneRegistry)
{
	Parsed p = parse("run client bin/client registry=3\n"
			 "run registry bin/registry registry\n"
			 "run second bin/registry registry\n");
	EXPECT_EQ(p.messages, std::vector<std::string>{ "3: a second program serves the registry" });
	ASSERT_EQ(p.config.count, 2u);
	EXPECT_STREQ(p.config.programs[0].name, "client");
	EXPECT_STREQ(p.config.programs[1].name, "registry");

	p = parse("run client bin/client registry=3\nrun other bin/other\n");
	EXPECT_EQ(p.messages, std::vector<std::string>{
				      "1: registry=BADGE but no program serves the registry" });
	ASSERT_EQ(p.config.count, 1u);
	EXPECT_STREQ(p.config.programs[0].name, "other");
}

TEST(SysinitConf, CrlfLineEndings)
{
	Parsed p = parse("run a bin/a\r\nrun b bin/b\r\n");
	EXPECT_EQ(p.errors, 0u);
	ASSERT_EQ(p.config.count, 2u);
	EXPECT_STREQ(p.config.programs[0].path, "bin/a");
}

TEST(SysinitConf, EachErrorReportedWithItsLineAndSkipped)
{
	Parsed p = parse("run good bin/good\n"
			 "start x bin/x\n"
			 "run\n"
			 "run onlyname\n"
			 "run Bad bin/bad\n"
			 "run good bin/again\n"
			 "run a bin/a 1 2 3 4 5 6 7 8 9\n"
			 "run " + std::string(32, 'n') + " bin/n\n"
			 "run p " + std::string(128, 'p') + "\n"
			 "run q bin/q " + std::string(64, 'q') + "\n"
			 "run " + std::string(300, ' ') + "\n"
			 "run ok bin/ok\n");
	EXPECT_EQ(p.errors, 10u);
	std::vector<std::string> want = {
		"2: unknown statement (expected run)",
		"3: run needs a NAME and a PATH",
		"4: run needs a NAME and a PATH",
		"5: program name must be [a-z0-9._-]",
		"6: program name already used",
		"7: too many arguments (at most 8)",
		"8: program name longer than 31 bytes",
		"9: path longer than 127 bytes",
		"10: argument longer than 63 bytes",
		"11: line longer than 255 bytes",
	};
	EXPECT_EQ(p.messages, want);
	ASSERT_EQ(p.config.count, 2u);
	EXPECT_STREQ(p.config.programs[0].name, "good");
	EXPECT_STREQ(p.config.programs[1].name, "ok");
	EXPECT_EQ(p.config.programs[1].line, 12u);
}

TEST(SysinitConf, NulByteAndTooManyPrograms)
{
	std::string text = std::string("run a b\0c\n", 10);
	for (int i = 0; i < SYSINIT_PROGRAMS_MAX + 1; i++)
		text += "run p" + std::to_string(i) + " bin/p\n";
	Parsed p = parse(text);
	ASSERT_EQ(p.messages.size(), 2u);
	EXPECT_EQ(p.messages[0], "1: NUL byte in line");
	EXPECT_EQ(p.messages[1], "18: too many programs (at most 16)");
	EXPECT_EQ(p.config.count, unsigned(SYSINIT_PROGRAMS_MAX));
}

TEST(SysinitConf, NoReporterStillCounts)
{
	sysinit_config c;
	const char text[] = "bogus\nrun a bin/a\n";
	EXPECT_EQ(sysinit_conf_parse(text, sizeof(text) - 1, &c, nullptr, nullptr), 1u);
	EXPECT_EQ(c.count, 1u);
}

} // namespace
