// The registry's names and policy on the host: which names are valid, how rules match, and
// the rule text (every error, line numbers, limits).
#include <gtest/gtest.h>

#include <string>

#include "mercury/registry/name.h"
#include "mercury/registry/policy.h"
#include "mercury/registry/registry.ipc.h"

namespace {

uint32_t Id(const std::string &name)
{
	return registry_interface_id(name.data(), name.size());
}

registry_name Name(uint32_t iface, const char *instance)
{
	registry_name n{};
	EXPECT_TRUE(registry_name_set(&n, iface, instance)) << instance;
	return n;
}

registry_policy_error Add(registry_policy *p, const std::string &rule)
{
	return registry_policy_add(p, rule.data(), rule.size());
}

TEST(RegistryName, ValidInstances)
{
	EXPECT_TRUE(registry_instance_valid("main"));
	EXPECT_TRUE(registry_instance_valid("serial.0_a-b"));
	EXPECT_TRUE(registry_instance_valid(std::string(32, 'x').c_str()));
	EXPECT_FALSE(registry_instance_valid(std::string(33, 'x').c_str()));
	EXPECT_FALSE(registry_instance_valid(""));
	EXPECT_FALSE(registry_instance_valid("Main"));
	EXPECT_FALSE(registry_instance_valid("a b"));
	EXPECT_FALSE(registry_instance_valid("any*"));
	registry_name n{7, "kept"};
	EXPECT_FALSE(registry_name_set(&n, 9, "bad/name"));
	EXPECT_EQ(n.iface, 7u); // untouched
	EXPECT_STREQ(n.instance, "kept");
}

TEST(RegistryName, EqualNeedsInterfaceAndInstance)
{
	registry_name a = Name(1, "main"), b = Name(1, "main");
	EXPECT_TRUE(registry_name_equal(&a, &b));
	b = Name(2, "main");
	EXPECT_FALSE(registry_name_equal(&a, &b));
	b = Name(1, "mains");
	EXPECT_FALSE(registry_name_equal(&a, &b));
}

// The same FNV-1a as ipcgen: the reference vectors and an id ipcgen generated.
TEST(RegistryPolicy, InterfaceIdsAreIpcgens)
{
	EXPECT_EQ(Id(""), 0x811c9dc5u);
	EXPECT_EQ(Id("a"), 0xe40c292cu);
	EXPECT_EQ(Id("foobar"), 0xbf9cf968u);
	EXPECT_EQ(Id("mercury.registry"), MERCURY_REGISTRY_ID);
}

TEST(RegistryPolicy, RulesMatchBadgeVerbInterfaceAndInstance)
{
	registry_policy p{};
	ASSERT_EQ(Add(&p, "1 publish demo.echo main"), REGISTRY_POLICY_OK);
	ASSERT_EQ(Add(&p, "2 lookup demo.echo *"), REGISTRY_POLICY_OK);
	ASSERT_EQ(Add(&p, "3 lookup,publish * serial*"), REGISTRY_POLICY_OK);
	const uint32_t echo = Id("demo.echo"), other = Id("demo.other");
	registry_name main = Name(echo, "main"), spare = Name(echo, "spare");
	registry_name serial0 = Name(other, "serial0"), ser = Name(other, "ser");
	EXPECT_TRUE(registry_policy_allows(&p, 1, REGISTRY_PUBLISH, &main));
	EXPECT_FALSE(registry_policy_allows(&p, 1, REGISTRY_LOOKUP, &main));
	EXPECT_FALSE(registry_policy_allows(&p, 1, REGISTRY_PUBLISH, &spare));
	EXPECT_TRUE(registry_policy_allows(&p, 2, REGISTRY_LOOKUP, &main));
	EXPECT_TRUE(registry_policy_allows(&p, 2, REGISTRY_LOOKUP, &spare));
	EXPECT_FALSE(registry_policy_allows(&p, 2, REGISTRY_LOOKUP, &serial0));
	EXPECT_FALSE(registry_policy_allows(&p, 2, REGISTRY_PUBLISH, &main));
	EXPECT_TRUE(registry_policy_allows(&p, 3, REGISTRY_LOOKUP, &serial0));
	EXPECT_TRUE(registry_policy_allows(&p, 3, REGISTRY_PUBLISH, &serial0));
	EXPECT_FALSE(registry_policy_allows(&p, 3, REGISTRY_LOOKUP, &ser));
	EXPECT_FALSE(registry_policy_allows(&p, 4, REGISTRY_LOOKUP, &main)); // no rules
	EXPECT_FALSE(registry_policy_allows(&p, 0, REGISTRY_LOOKUP, &main)); // unbadged
}

TEST(RegistryPolicy, RuleSpellings)
{
	registry_policy p{};
	EXPECT_EQ(Add(&p, "0x10:publish,lookup:0x1234abcd:a*"), REGISTRY_POLICY_OK);
	EXPECT_EQ(Add(&p, " \t18446744073709551615 lookup a.b_c.D9 *  "), REGISTRY_POLICY_OK);
	ASSERT_EQ(p.count, 2u);
	EXPECT_EQ(p.rules[0].badge, 16u);
	EXPECT_EQ(p.rules[0].verbs, unsigned(REGISTRY_LOOKUP | REGISTRY_PUBLISH));
	EXPECT_EQ(p.rules[0].iface, 0x1234abcdu);
	EXPECT_STREQ(p.rules[0].instance, "a*");
	EXPECT_EQ(p.rules[1].badge, UINT64_MAX);
	EXPECT_EQ(p.rules[1].iface, Id("a.b_c.D9"));
}

TEST(RegistryPolicy, EveryRuleError)
{
	const struct {
		const char *rule;
		registry_policy_error err;
	} cases[] = {
		{ "", REGISTRY_POLICY_FIELDS },
		{ "1 lookup *", REGISTRY_POLICY_FIELDS },
		{ "1 lookup * * extra", REGISTRY_POLICY_FIELDS },
		{ "0 lookup * *", REGISTRY_POLICY_BADGE },
		{ "x lookup * *", REGISTRY_POLICY_BADGE },
		{ "0x lookup * *", REGISTRY_POLICY_BADGE },
		{ "18446744073709551616 lookup * *", REGISTRY_POLICY_BADGE },
		{ "1 read * *", REGISTRY_POLICY_VERB },
		{ "1 lookup, * *", REGISTRY_POLICY_VERB },
		{ "1 ,lookup * *", REGISTRY_POLICY_VERB },
		{ "1 lookup 0x0 *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup 0x100000000 *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup demo..echo *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup demo.echo. *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup 9demo *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup demo-echo *", REGISTRY_POLICY_INTERFACE },
		{ "1 lookup * Main", REGISTRY_POLICY_INSTANCE },
		{ "1 lookup * *x", REGISTRY_POLICY_INSTANCE },
		{ "1 lookup * **", REGISTRY_POLICY_INSTANCE },
		{ "1 lookup * aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", REGISTRY_POLICY_INSTANCE },
	};
	for (const auto &c : cases) {
		registry_policy p{};
		EXPECT_EQ(Add(&p, c.rule), c.err) << c.rule;
		EXPECT_EQ(p.count, 0u) << c.rule;
		EXPECT_STRNE(registry_policy_strerror(c.err), "unknown error");
	}
}

TEST(RegistryPolicy, FullAfterTheLastRule)
{
	registry_policy p{};
	for (unsigned i = 0; i < REGISTRY_RULES_MAX; i++)
		ASSERT_EQ(Add(&p, std::to_string(i + 1) + " lookup * *"), REGISTRY_POLICY_OK);
	EXPECT_EQ(Add(&p, "99 lookup * *"), REGISTRY_POLICY_FULL);
	EXPECT_EQ(p.count, unsigned(REGISTRY_RULES_MAX));
}

TEST(RegistryPolicy, TextWithCommentsAndTheLineOfAnError)
{
	const std::string text = "# badge verbs interface instance\n"
				 "\n"
				 "1 publish demo.echo main\n"
				 "   # indented comment\n"
				 "2 lookup demo.echo *";
	registry_policy p{};
	unsigned line = 0;
	EXPECT_EQ(registry_policy_parse(&p, text.data(), text.size(), &line), REGISTRY_POLICY_OK);
	EXPECT_EQ(p.count, 2u);
	const std::string bad = "1 lookup * *\n\n2 lookup * Bad\n3 lookup * *\n";
	registry_policy q{};
	EXPECT_EQ(registry_policy_parse(&q, bad.data(), bad.size(), &line),
		  REGISTRY_POLICY_INSTANCE);
	EXPECT_EQ(line, 3u);
	EXPECT_EQ(q.count, 1u); // the rules before the error stay
}

} // namespace
