// The startup block codec on the host: a block written for its own buffer reads back as it
// was written; then one broken field at a time, each refused with its error.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <mercury/startup_block.h>
}

namespace {

constexpr uint32_t kSlots = 256;

mercury_startup_cap Cap(const char *name, helios_caddr_t slot, uint32_t type)
{
	mercury_startup_cap c{};
	strncpy(c.name, name, sizeof(c.name) - 1);
	c.slot = slot;
	c.type = type;
	c.count = 1;
	return c;
}

// A block under test, in 8-byte-aligned storage, written for its own address.
struct Block {
	std::vector<uint64_t> words = std::vector<uint64_t>(MERCURY_STARTUP_MAX_SIZE / 8);
	std::vector<const char *> argv = { "probe", "echo", "hello world", nullptr };
	std::vector<const char *> envp = { "PROBE_ENV=42", "EMPTY=", nullptr };
	std::vector<mercury_startup_cap> caps = { Cap("log", 20, HELIOS_CAP_ENDPOINT),
						  Cap("irq", 21, HELIOS_CAP_NOTIFICATION) };
	mercury_startup fixed{};

	Block()
	{
		fixed.task = MERCURY_SLOT_TASK;
		fixed.cspace = MERCURY_SLOT_CSPACE;
		fixed.vspace = MERCURY_SLOT_VSPACE;
		fixed.exit_endpoint = 17;
		fixed.cspace_slots = kSlots;
		fixed.memory = { 16, 1 };
		fixed.free_slots = { 100, kSlots - 100 };
		fixed.image_pages = { 30, 10 };
		fixed.ipc_buffer = MERCURY_TASK_IPC_BUFFER_VADDR;
	}

	void *data() { return words.data(); }
	uint64_t base() { return (uint64_t)(uintptr_t)words.data(); }
	mercury_startup *header() { return (mercury_startup *)words.data(); }

	mercury_startup_contents Contents()
	{
		return { argv.data(), envp.data(), caps.data(), (uint32_t)caps.size() };
	}

	int Write()
	{
		mercury_startup_contents c = Contents();
		return mercury_startup_write(data(), words.size() * 8, base(), &fixed, &c);
	}

	int Check() { return mercury_startup_check(data(), words.size() * 8, base()); }

	// Overwrites the 8-byte word at byte offset `at` (a table entry).
	void Poke(uint64_t at, uint64_t value) { memcpy((char *)data() + at, &value, 8); }
};

TEST(StartupBlock, RoundTrip)
{
	Block b;
	ASSERT_EQ(b.Write(), MERCURY_STARTUP_OK);
	const mercury_startup *h = b.header();
	EXPECT_EQ(h->magic, MERCURY_STARTUP_MAGIC);
	EXPECT_EQ(h->version, MERCURY_STARTUP_VERSION);
	EXPECT_EQ(h->header_size, sizeof(mercury_startup));
	EXPECT_EQ(h->exit_endpoint, 17u);
	EXPECT_EQ(h->free_slots.first, 100u);
	ASSERT_EQ(h->argc, 3u);
	char **argv = mercury_startup_argv(h);
	EXPECT_STREQ(argv[0], "probe");
	EXPECT_STREQ(argv[2], "hello world");
	EXPECT_EQ(argv[3], nullptr);
	EXPECT_STREQ(mercury_startup_getenv(h, "PROBE_ENV"), "42");
	EXPECT_STREQ(mercury_startup_getenv(h, "EMPTY"), "");
	EXPECT_EQ(mercury_startup_getenv(h, "PROBE"), nullptr); // a prefix is not a name
	ASSERT_NE(mercury_startup_find_cap(h, "irq"), nullptr);
	EXPECT_EQ(mercury_startup_find_cap(h, "irq")->slot, 21u);
	EXPECT_EQ(mercury_startup_find_cap(h, "irq")->type, (uint32_t)HELIOS_CAP_NOTIFICATION);
	EXPECT_EQ(mercury_startup_find_cap(h, "nope"), nullptr);
	size_t size = 0;
	mercury_startup_contents c = b.Contents();
	ASSERT_EQ(mercury_startup_measure(&c, &size), MERCURY_STARTUP_OK);
	EXPECT_EQ(size, h->size);
}

TEST(StartupBlock, EmptyContents)
{
	Block b;
	b.argv = { nullptr };
	b.envp = { nullptr };
	b.caps.clear();
	ASSERT_EQ(b.Write(), MERCURY_STARTUP_OK);
	EXPECT_EQ(b.header()->argc, 0u);
	EXPECT_EQ(mercury_startup_argv(b.header())[0], nullptr);
	EXPECT_EQ(mercury_startup_getenv(b.header(), "X"), nullptr);
}

TEST(StartupBlock, WriterRefusesWhatTheReaderWould)
{
	Block b;
	b.caps.push_back(Cap("log", 22, HELIOS_CAP_ENDPOINT)); // repeated name
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.pop_back();
	b.caps.push_back(Cap("", 22, HELIOS_CAP_ENDPOINT));
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.back() = Cap("far", kSlots, HELIOS_CAP_ENDPOINT); // slot past the cspace
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.back() = Cap("odd", 22, HELIOS_CAP_TYPE_COUNT);
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.back() = Cap("none", 22, HELIOS_CAP_PAGE);
	b.caps.back().count = 0; // an empty range
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.back().count = kSlots - 22 + 1; // a range past the cspace
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.back().count = kSlots - 22; // up to its last slot
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_OK);
	b.caps.back() = Cap("odd", 22, HELIOS_CAP_TYPE_COUNT);
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_CAP);
	b.caps.pop_back();
	b.envp = { "NO_EQUALS", nullptr };
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_STRING);
	b.envp = { nullptr };
	b.fixed.free_slots = { 200, 100 }; // runs past the cspace
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_RANGE);
}

TEST(StartupBlock, TooLarge)
{
	Block b;
	std::string big(MERCURY_STARTUP_MAX_SIZE, 'x');
	b.argv = { big.c_str(), nullptr };
	EXPECT_EQ(b.Write(), MERCURY_STARTUP_ERR_TOO_LARGE);
	mercury_startup_contents c = b.Contents();
	size_t size = 0;
	EXPECT_EQ(mercury_startup_measure(&c, &size), MERCURY_STARTUP_ERR_TOO_LARGE);
	// A buffer smaller than the block.
	Block small;
	mercury_startup_contents sc = small.Contents();
	EXPECT_EQ(mercury_startup_write(small.data(), 64, small.base(), &small.fixed, &sc),
		  MERCURY_STARTUP_ERR_TOO_LARGE);
}

// Each corruption of a good block, and the error the reader gives.
TEST(StartupBlock, CheckerRefusesCorruption)
{
	struct Case {
		const char *what;
		void (*corrupt)(Block &);
		int error;
	};
	const Case cases[] = {
		{ "magic", [](Block &b) { b.header()->magic ^= 1; }, MERCURY_STARTUP_ERR_MAGIC },
		{ "version", [](Block &b) { b.header()->version = MERCURY_STARTUP_VERSION + 1; },
		  MERCURY_STARTUP_ERR_VERSION },
		{ "small header", [](Block &b) { b.header()->header_size = 8; },
		  MERCURY_STARTUP_ERR_SIZE },
		{ "huge size", [](Block &b) { b.header()->size = MERCURY_STARTUP_MAX_SIZE + 8; },
		  MERCURY_STARTUP_ERR_SIZE },
		{ "cap entry size", [](Block &b) { b.header()->cap_entry_size = 12; },
		  MERCURY_STARTUP_ERR_SIZE },
		{ "base", [](Block &b) { b.header()->base += 4096; }, MERCURY_STARTUP_ERR_BASE },
		{ "argv outside", [](Block &b) { b.header()->argv = b.header()->size; },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "argv misaligned", [](Block &b) { b.header()->argv += 4; },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "argc huge", [](Block &b) { b.header()->argc = 0xffffffffu; },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "argv unterminated",
		  [](Block &b) {
			  b.Poke(b.header()->argv + 3 * 8, b.base() + b.header()->strings);
		  },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "argv pointer outside",
		  [](Block &b) { b.Poke(b.header()->argv, b.base()); },
		  MERCURY_STARTUP_ERR_STRING },
		{ "argv pointer below base", [](Block &b) { b.Poke(b.header()->argv, 8); },
		  MERCURY_STARTUP_ERR_STRING },
		{ "string without NUL",
		  [](Block &b) {
			  mercury_startup *h = b.header();
			  memset((char *)b.data() + h->strings, 'x', h->strings_size);
		  },
		  MERCURY_STARTUP_ERR_STRING },
		{ "strings outside", [](Block &b) { b.header()->strings_size = 1u << 20; },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "caps outside", [](Block &b) { b.header()->capc = 200; },
		  MERCURY_STARTUP_ERR_TABLE },
		{ "too many caps", [](Block &b) { b.header()->capc = 100000; },
		  MERCURY_STARTUP_ERR_CAP },
		{ "cap name unterminated",
		  [](Block &b) {
			  mercury_startup_cap *c = (mercury_startup_cap *)((char *)b.data() +
									   b.header()->caps);
			  memset(c->name, 'n', sizeof(c->name));
		  },
		  MERCURY_STARTUP_ERR_CAP },
		{ "task slot", [](Block &b) { b.header()->task = 0; }, MERCURY_STARTUP_ERR_RANGE },
		{ "exit endpoint", [](Block &b) { b.header()->exit_endpoint = kSlots; },
		  MERCURY_STARTUP_ERR_RANGE },
		{ "memory range", [](Block &b) { b.header()->memory = { 0xfffffff0u, 0x20 }; },
		  MERCURY_STARTUP_ERR_RANGE },
	};
	for (const Case &c : cases) {
		Block b;
		ASSERT_EQ(b.Write(), MERCURY_STARTUP_OK) << c.what;
		c.corrupt(b);
		EXPECT_EQ(b.Check(), c.error)
			<< c.what << ": " << mercury_startup_strerror(b.Check());
	}
}

TEST(StartupBlock, Truncated)
{
	Block b;
	ASSERT_EQ(b.Write(), MERCURY_STARTUP_OK);
	EXPECT_EQ(mercury_startup_check(b.data(), 16, b.base()), MERCURY_STARTUP_ERR_TRUNCATED);
	EXPECT_EQ(mercury_startup_check(b.data(), b.header()->size - 1, b.base()),
		  MERCURY_STARTUP_ERR_TRUNCATED);
	EXPECT_EQ(mercury_startup_check(b.data(), b.header()->size, b.base()), MERCURY_STARTUP_OK);
	EXPECT_EQ(mercury_startup_check((char *)b.data() + 4, b.header()->size, b.base() + 4),
		  MERCURY_STARTUP_ERR_BASE);
}

// A newer writer's larger header and capability entries are accepted by this reader.
TEST(StartupBlock, LargerStructuresFromANewerWriter)
{
	Block b;
	ASSERT_EQ(b.Write(), MERCURY_STARTUP_OK);
	mercury_startup *h = b.header();
	// Rebuild the capability table with 56-byte entries at the end of the block.
	uint64_t at = (h->size + 7) & ~7ull;
	for (uint32_t i = 0; i < h->capc; i++)
		memcpy((char *)b.data() + at + i * 56, &b.caps[i], sizeof(mercury_startup_cap));
	h->caps = at;
	h->cap_entry_size = 56;
	h->size = (uint32_t)(at + 56 * h->capc);
	h->header_size = sizeof(mercury_startup) + 8;
	ASSERT_EQ(b.Check(), MERCURY_STARTUP_OK);
	EXPECT_EQ(mercury_startup_find_cap(h, "irq")->slot, 21u);
}

TEST(StartupBlock, EveryErrorHasAMessage)
{
	for (int e = MERCURY_STARTUP_OK; e <= MERCURY_STARTUP_ERR_TOO_LARGE; e++)
		EXPECT_STRNE(mercury_startup_strerror(e), "unknown startup block error") << e;
	EXPECT_STREQ(mercury_startup_strerror(999), "unknown startup block error");
}

} // namespace
