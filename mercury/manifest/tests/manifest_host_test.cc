// The manifest parser and matcher (../manifest.h): every case of cases.txt (the errors the
// Python parser gives too, word for word), what good manifests parse into, and matching.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "mercury/manifest/manifest.h"
}

namespace {

using Errors = std::vector<std::pair<unsigned, std::string>>;

struct Parsed {
	mercury_manifest m;
	unsigned count;
	Errors errors;
};

void collect(void *ctx, unsigned line, const char *message)
{
	static_cast<Parsed *>(ctx)->errors.emplace_back(line, message);
}

Parsed parse(const std::string &text)
{
	Parsed p{};
	p.count = mercury_manifest_parse(text.data(), text.size(), &p.m, collect, &p);
	return p;
}

struct Case {
	std::string name, text;
	Errors errors;
};

std::string replace_all(std::string s, const std::string &from, const std::string &to)
{
	for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
		s.replace(at, from.size(), to);
	return s;
}

// cases.txt's format is in its header (cases.py reads it for the Python test).
std::vector<Case> read_cases()
{
	std::ifstream file("mercury/manifest/tests/cases.txt");
	EXPECT_TRUE(file.good()) << "cases.txt not in the runfiles";
	std::vector<std::string> lines;
	for (std::string line; std::getline(file, line);)
		lines.push_back(line);
	std::vector<Case> cases;
	size_t i = 0;
	while (i < lines.size()) {
		if (lines[i].rfind("=== ", 0) != 0) {
			i++;
			continue;
		}
		Case c;
		c.name = lines[i++].substr(4);
		for (; i < lines.size() && lines[i] != "---"; i++) {
			std::string l = replace_all(lines[i], "<CR>", "\r");
			c.text += replace_all(l, "<NUL>", std::string(1, '\0')) + "\n";
		}
		for (i++; i < lines.size() && !lines[i].empty() && lines[i].rfind("=== ", 0) != 0;
		     i++) {
			size_t colon = lines[i].find(": ");
			c.errors.emplace_back(std::stoul(lines[i].substr(0, colon)),
					      lines[i].substr(colon + 2));
		}
		cases.push_back(c);
	}
	return cases;
}

TEST(Manifest, EveryCaseOfCasesTxt)
{
	std::vector<Case> cases = read_cases();
	EXPECT_GE(cases.size(), 15u);
	for (const Case &c : cases) {
		Parsed p = parse(c.text);
		EXPECT_EQ(p.errors, c.errors) << "case: " << c.name;
		EXPECT_EQ(p.count, c.errors.size()) << "case: " << c.name;
	}
}

TEST(Manifest, PciDriver)
{
	Parsed p = parse("# QEMU's pci-testdev\ndriver testdev\nmatch pci 1b36:0005\n"
			 "device bar 0\ndevice irq\nprovides ares.testdev\nuses mercury.log con\n");
	ASSERT_EQ(p.count, 0u);
	EXPECT_STREQ(p.m.driver, "testdev");
	ASSERT_EQ(p.m.match_count, 1u);
	EXPECT_EQ(p.m.matches[0].kind, MERCURY_MATCH_PCI);
	EXPECT_EQ(p.m.matches[0].vendor, 0x1b36);
	EXPECT_EQ(p.m.matches[0].device, 0x0005);
	EXPECT_EQ(p.m.matches[0].line, 3u);
	ASSERT_EQ(p.m.resource_count, 2u);
	EXPECT_EQ(p.m.resources[0].kind, MERCURY_RESOURCE_DEVICE_BAR);
	EXPECT_EQ(p.m.resources[0].number, 0u);
	EXPECT_STREQ(p.m.resources[0].cap_name, "bar0");
	EXPECT_EQ(p.m.resources[0].line, 4u);
	EXPECT_EQ(p.m.resources[1].kind, MERCURY_RESOURCE_DEVICE_IRQ);
	EXPECT_STREQ(p.m.resources[1].cap_name, "irq");
	ASSERT_EQ(p.m.provides_count, 1u);
	EXPECT_STREQ(p.m.provides[0].interface, "ares.testdev");
	EXPECT_STREQ(p.m.provides[0].instance, "");
	EXPECT_EQ(p.m.provides[0].line, 6u);
	ASSERT_EQ(p.m.uses_count, 1u);
	EXPECT_STREQ(p.m.uses[0].interface, "mercury.log");
	EXPECT_STREQ(p.m.uses[0].instance, "con");
}

TEST(Manifest, LegacyDriverAndCapabilityNames)
{
	Parsed p = parse("driver com\nmatch none\nports 3f8 3ff\nports 0x2f8 0x2ff\nirq 4\n"
			 "memory fee00000 1000\nmemory 0xfec00000 2000\ndevice reg 3\n");
	// The device reg is refused (match none); the rest stands.
	ASSERT_EQ(p.errors, (Errors{ { 8, "device resources need a matched device (match none "
					  "has none)" } }));
	EXPECT_EQ(p.m.matches[0].kind, MERCURY_MATCH_NONE);
	ASSERT_EQ(p.m.resource_count, 6u);
	const mercury_manifest_resource *r = p.m.resources;
	EXPECT_EQ(r[0].kind, MERCURY_RESOURCE_PORTS);
	EXPECT_EQ(r[0].first_port, 0x3f8);
	EXPECT_EQ(r[0].last_port, 0x3ff);
	EXPECT_STREQ(r[0].cap_name, "ports0");
	EXPECT_EQ(r[1].first_port, 0x2f8);
	EXPECT_STREQ(r[1].cap_name, "ports1");
	EXPECT_EQ(r[2].kind, MERCURY_RESOURCE_IRQ);
	EXPECT_EQ(r[2].number, 4u);
	EXPECT_STREQ(r[2].cap_name, "irq4");
	EXPECT_EQ(r[3].kind, MERCURY_RESOURCE_MEMORY);
	EXPECT_EQ(r[3].base, 0xfee00000u);
	EXPECT_EQ(r[3].size, 0x1000u);
	EXPECT_STREQ(r[3].cap_name, "memory0");
	EXPECT_STREQ(r[4].cap_name, "memory1");
	EXPECT_STREQ(r[5].cap_name, "reg3");
}

TEST(Manifest, PciClassWildcards)
{
	Parsed p = parse("driver x\nmatch pci-class 0c03*\nmatch pci-class 01**\n"
			 "match pci-class 020000\n");
	ASSERT_EQ(p.count, 0u);
	const mercury_manifest_match *m = p.m.matches;
	EXPECT_EQ(m[0].class_code, 0x0c);
	EXPECT_EQ(m[0].subclass, 0x03);
	EXPECT_FALSE(m[0].any_subclass);
	EXPECT_TRUE(m[0].any_prog_if);
	EXPECT_TRUE(m[1].any_subclass);
	EXPECT_TRUE(m[1].any_prog_if);
	EXPECT_FALSE(m[2].any_subclass || m[2].any_prog_if);
}

TEST(Manifest, WithoutAReporterErrorsAreStillCounted)
{
	// Two bad lines, and so no driver name and no match.
	const std::string text = "driver X\nmatch usb\n";
	mercury_manifest m;
	EXPECT_EQ(mercury_manifest_parse(text.data(), text.size(), &m, nullptr, nullptr), 4u);
}

TEST(Manifest, OnlyTheGivenLengthIsRead)
{
	const std::string text = "driver x\nmatch none\ndriver y\n";
	Parsed p{};
	p.count = mercury_manifest_parse(text.data(), 20, &p.m, collect, &p);
	EXPECT_EQ(p.count, 0u);
	EXPECT_STREQ(p.m.driver, "x");
}

TEST(Manifest, AtMost4095Bytes)
{
	std::string text = "driver x\nmatch none\n";
	text += std::string(4095 - text.size(), '\n');
	EXPECT_EQ(parse(text).count, 0u);
	text += "\n";
	EXPECT_EQ(parse(text).errors, (Errors{ { 0, "manifest longer than 4095 bytes" } }));
}

TEST(ManifestMatch, Pci)
{
	Parsed p = parse("driver x\nmatch pci 1b36:0005\nmatch pci-class 0c03*\n"
			 "match pci-class 01*01\n");
	ASSERT_EQ(p.count, 0u);
	EXPECT_TRUE(mercury_manifest_matches_pci(&p.m, 0x1b36, 0x0005, 0xff0000));
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0x1b36, 0x0006, 0xff0000));
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0x1b37, 0x0005, 0xff0000));
	EXPECT_TRUE(mercury_manifest_matches_pci(&p.m, 0x8086, 0x24cd, 0x0c0320));
	EXPECT_TRUE(mercury_manifest_matches_pci(&p.m, 0x8086, 0x24cd, 0x0c0330));
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0x8086, 0x24cd, 0x0c0430));
	EXPECT_TRUE(mercury_manifest_matches_pci(&p.m, 0, 0, 0x010601));
	EXPECT_TRUE(mercury_manifest_matches_pci(&p.m, 0, 0, 0x010101));
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0, 0, 0x010602));
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0, 0, 0x020601));
}

TEST(ManifestMatch, Compatible)
{
	Parsed p = parse("driver x\nmatch compatible arm,pl011\nmatch compatible virtio,mmio\n");
	ASSERT_EQ(p.count, 0u);
	auto matches = [&](const std::string &list) {
		return mercury_manifest_matches_compatible(&p.m, list.data(), list.size());
	};
	EXPECT_TRUE(matches(std::string("arm,pl011\0arm,primecell\0", 24)));
	EXPECT_TRUE(matches(std::string("arm,primecell\0arm,pl011\0", 24)));
	EXPECT_TRUE(matches(std::string("arm,primecell\0arm,pl011", 23))); // no last NUL
	EXPECT_TRUE(matches("virtio,mmio"));
	EXPECT_FALSE(matches(std::string("arm,pl01\0rm,pl011\0", 18)));
	EXPECT_FALSE(matches(std::string("arm,pl0111\0", 11)));
	EXPECT_FALSE(matches(std::string("\0\0\0", 3)));
	EXPECT_FALSE(matches(""));
	// A PCI manifest names no compatible string, and the other way round.
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0x1b36, 5, 0));
}

TEST(ManifestMatch, NoneMatchesNothing)
{
	Parsed p = parse("driver x\nmatch none\n");
	ASSERT_EQ(p.count, 0u);
	EXPECT_FALSE(mercury_manifest_matches_pci(&p.m, 0, 0, 0));
	EXPECT_FALSE(mercury_manifest_matches_compatible(&p.m, "", 1));
}

} // namespace
