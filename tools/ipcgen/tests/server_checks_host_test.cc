// The generated server refuses every malformed message with an error reply, before any
// handler runs, and deletes the capabilities such a message brought.
#include <initializer_list>

#include <gtest/gtest.h>

#include "tools/ipcgen/tests/fake_kernel.h"
#include "tools/ipcgen/tests/sample_server.h"

namespace {

class ServerChecks : public ::testing::Test {
protected:
	void SetUp() override
	{
		state.saved_reply = HELIOS_CADDR_UNDEF;
		kernel.current = &kernel.server_buf;
	}

	// Dispatches a message with label, words and capabilities (slots) as the server gets it;
	// returns the reply's status (its label), checking that a reply is sent at all.
	uint64_t Dispatch(uint64_t label, std::initializer_list<uint64_t> words,
			  std::initializer_list<helios_caddr_t> caps = {}, unsigned nwords = ~0u)
	{
		struct helios_msg msg = {};
		unsigned i = 0;
		for (uint64_t w : words) {
			if (i < HELIOS_MSG_REG_PARAMS)
				msg.p[i] = w;
			else
				kernel.server_buf.params[i] = w;
			i++;
		}
		unsigned c = 0;
		for (helios_caddr_t cap : caps)
			kernel.server_buf.caps[c++] = cap;
		msg.tag = helios_tag(label, nwords == ~0u ? i : nwords, c);
		msg.value = 5;
		outcome = test_sample_echo_dispatch(&sample_server, &state, &msg, &kernel.server_buf);
		reply = msg;
		return helios_tag_label(msg.tag);
	}

	// The status of a message refused as malformed: no handler ran, an empty reply.
	void ExpectRefused(uint64_t status, uint64_t want)
	{
		EXPECT_EQ(status, want);
		EXPECT_EQ(outcome, IPCGEN_REPLY);
		EXPECT_EQ(helios_tag_params(reply.tag), 0u);
		EXPECT_EQ(helios_tag_caps(reply.tag), 0u);
		EXPECT_EQ(state.handled, 0u);
	}

	FakeKernel kernel;
	struct sample_state state = {};
	struct helios_msg reply = {};
	int outcome = -1;
};

constexpr uint64_t PING = TEST_SAMPLE_ECHO_PING_LABEL, MIX = TEST_SAMPLE_ECHO_MIX_LABEL,
		   CONCAT = TEST_SAMPLE_ECHO_CONCAT_LABEL, CHECKSUM = TEST_SAMPLE_ECHO_CHECKSUM_LABEL,
		   KEEP = TEST_SAMPLE_ECHO_KEEP_LABEL, PAGES = TEST_SAMPLE_ECHO_PAGES_LABEL,
		   POKE = TEST_SAMPLE_ECHO_POKE_LABEL, LOCATE = TEST_SAMPLE_ECHO_LOCATE_LABEL,
		   REVERSE = TEST_SAMPLE_ECHO_REVERSE_LABEL;

TEST_F(ServerChecks, WellFormedMessageIsAnswered)
{
	EXPECT_EQ(Dispatch(PING, {7}), (uint64_t)HELIOS_OK);
	EXPECT_EQ(outcome, IPCGEN_REPLY);
	EXPECT_EQ(reply.tag, helios_tag(0, 1, 0));
	EXPECT_EQ(reply.p[0], 8u);
	EXPECT_EQ(state.last_badge, 5u);
}

TEST_F(ServerChecks, UnknownLabel)
{
	ExpectRefused(Dispatch(PING + 100, {7}), HELIOS_ERR_INVALID_METHOD);
	ExpectRefused(Dispatch(HELIOS_PAGE_MAP, {}), HELIOS_ERR_INVALID_METHOD);
	ExpectRefused(Dispatch((uint64_t)TEST_SAMPLE_ECHO_ID << 16, {}), HELIOS_ERR_INVALID_METHOD);
	// A method of another interface (serial's) sent to echo.
	ExpectRefused(Dispatch(TEST_SAMPLE_SERIAL_SET_BAUD_LABEL, {9600}), HELIOS_ERR_INVALID_METHOD);
}

TEST_F(ServerChecks, MissingHandlerIsAnUnknownMethod)
{
	struct test_sample_echo_server none = {};
	struct helios_msg msg = {};
	msg.tag = helios_tag(PING, 1, 0);
	EXPECT_EQ(test_sample_echo_dispatch(&none, &state, &msg, &kernel.server_buf), IPCGEN_REPLY);
	EXPECT_EQ(helios_tag_label(msg.tag), (uint64_t)HELIOS_ERR_INVALID_METHOD);
}

TEST_F(ServerChecks, WordCounts)
{
	ExpectRefused(Dispatch(PING, {}), HELIOS_ERR_INVALID_PARAM);       // short
	ExpectRefused(Dispatch(PING, {1, 2}), HELIOS_ERR_INVALID_PARAM);   // long
	ExpectRefused(Dispatch(MIX, {1, 2, 1}), HELIOS_ERR_INVALID_PARAM); // one missing
	ExpectRefused(Dispatch(PING, {1}, {}, 65), HELIOS_ERR_INVALID_PARAM); // over the limit
}

TEST_F(ServerChecks, WordsBeyondRegistersNeedABuffer)
{
	struct helios_msg msg = {};
	msg.tag = helios_tag(CONCAT, 6, 0);
	EXPECT_EQ(test_sample_echo_dispatch(&sample_server, &state, &msg, nullptr), IPCGEN_REPLY);
	EXPECT_EQ(helios_tag_label(msg.tag), (uint64_t)HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(state.handled, 0u);
}

TEST_F(ServerChecks, IntegerRanges)
{
	const uint64_t fast = TEST_SAMPLE_MODE_FAST;
	ExpectRefused(Dispatch(MIX, {256, 0, 0, fast}), HELIOS_ERR_INVALID_PARAM); // u8
	ExpectRefused(Dispatch(MIX, {0, 1ull << 31, 0, fast}), HELIOS_ERR_INVALID_PARAM); // i32
	ExpectRefused(Dispatch(MIX, {0, (uint64_t)INT32_MIN - 1, 0, fast}),
		      HELIOS_ERR_INVALID_PARAM);
	ExpectRefused(Dispatch(MIX, {0, 0, 2, fast}), HELIOS_ERR_INVALID_PARAM);   // bool
	ExpectRefused(Dispatch(MIX, {0, 0, 0, 3}), HELIOS_ERR_INVALID_PARAM);      // enum
	ExpectRefused(Dispatch(MIX, {0, 0, 0, 0xffff}), HELIOS_ERR_INVALID_PARAM); // not -1
	// The edges themselves are fine.
	EXPECT_EQ(Dispatch(MIX, {255, (uint64_t)INT32_MIN, 1, (uint64_t)-1}), (uint64_t)HELIOS_OK);
}

// concat's words: left's length and up to 4 words, right's length and up to 4 words.
TEST_F(ServerChecks, StringLengths)
{
	const uint64_t ab = 'a' | 'b' << 8;
	EXPECT_EQ(Dispatch(CONCAT, {2, ab, 2, ab}), (uint64_t)HELIOS_OK);
	state.handled = 0;
	ExpectRefused(Dispatch(CONCAT, {33, 0, 0, 0, 0, 0, 0}), HELIOS_ERR_INVALID_PARAM); // > 32
	ExpectRefused(Dispatch(CONCAT, {30, ab, 0}), HELIOS_ERR_INVALID_PARAM); // beyond the words
	ExpectRefused(Dispatch(CONCAT, {2, ab | 1ull << 40, 0}), HELIOS_ERR_INVALID_PARAM); // padding
	ExpectRefused(Dispatch(CONCAT, {2, 'a', 0}), HELIOS_ERR_INVALID_PARAM); // embedded NUL
	ExpectRefused(Dispatch(CONCAT, {2, ab}), HELIOS_ERR_INVALID_PARAM);     // right missing
	ExpectRefused(Dispatch(CONCAT, {0, 0, 0}), HELIOS_ERR_INVALID_PARAM);   // a word too many
	ExpectRefused(Dispatch(CONCAT, {UINT64_MAX, 0, 0}), HELIOS_ERR_INVALID_PARAM);
}

TEST_F(ServerChecks, ByteLengths)
{
	ExpectRefused(Dispatch(CHECKSUM, {257}), HELIOS_ERR_INVALID_PARAM);
	ExpectRefused(Dispatch(CHECKSUM, {9, 1}), HELIOS_ERR_INVALID_PARAM); // two words needed
	EXPECT_EQ(Dispatch(CHECKSUM, {9, 1, 2}), (uint64_t)HELIOS_OK);
	EXPECT_EQ(reply.p[0], 3u); // the sum
}

TEST_F(ServerChecks, MissingCapability)
{
	ExpectRefused(Dispatch(KEEP, {}), HELIOS_ERR_INVALID_PARAM);
}

TEST_F(ServerChecks, WrongCapabilityTypeIsRefusedAndDeleted)
{
	helios_caddr_t page = kernel.NewCap(HELIOS_CAP_PAGE);
	ExpectRefused(Dispatch(KEEP, {}, {page}), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(kernel.types[page], (unsigned)HELIOS_CAP_NULL);
	// An empty slot (the transfer named a capability that is gone) is no notification either.
	ExpectRefused(Dispatch(KEEP, {}, {page}), HELIOS_ERR_INVALID_TYPE);
}

TEST_F(ServerChecks, ExtraCapabilitiesAreRefusedAndDeleted)
{
	helios_caddr_t a = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	helios_caddr_t b = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	ExpectRefused(Dispatch(KEEP, {}, {a, b}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(kernel.CapsHeld(), 0u);
	helios_caddr_t c = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	ExpectRefused(Dispatch(PING, {1}, {c}), HELIOS_ERR_INVALID_PARAM); // none declared
	EXPECT_EQ(kernel.CapsHeld(), 0u);
}

TEST_F(ServerChecks, CapabilityArrayCounts)
{
	helios_caddr_t p[4];
	for (auto &s : p)
		s = kernel.NewCap(HELIOS_CAP_PAGE);
	ExpectRefused(Dispatch(PAGES, {5, 1}, {p[0], p[1], p[2], p[3]}), HELIOS_ERR_INVALID_PARAM);
	for (auto &s : p)
		s = kernel.NewCap(HELIOS_CAP_PAGE);
	ExpectRefused(Dispatch(PAGES, {3, 1}, {p[0], p[1]}), HELIOS_ERR_INVALID_PARAM); // 2 of 3
	ExpectRefused(Dispatch(PAGES, {1, 1}, {p[2], p[3]}), HELIOS_ERR_INVALID_PARAM); // 2 for 1
	EXPECT_EQ(kernel.CapsHeld(), 0u);
	helios_caddr_t q = kernel.NewCap(HELIOS_CAP_PAGE);
	EXPECT_EQ(Dispatch(PAGES, {1, 1}, {q}), (uint64_t)HELIOS_OK);
}

TEST_F(ServerChecks, CapabilityAddressesAreThirtyTwoBits)
{
	ExpectRefused(Dispatch(LOCATE, {1ull << 32, 1}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Dispatch(LOCATE, {HELIOS_CADDR_UNDEF - 1, 1}), (uint64_t)HELIOS_OK);
	EXPECT_EQ(reply.tag, helios_tag(HELIOS_OK, 1, 0));
	EXPECT_EQ(reply.p[0], (uint64_t)HELIOS_CADDR_UNDEF);
}

// An error that carries results sends them with its status; other errors send nothing.
TEST_F(ServerChecks, ErrorResultsTravelWithTheirError)
{
	EXPECT_EQ(Dispatch(LOCATE, {1, 0}), (uint64_t)HELIOS_ERR_MISSING_TABLES);
	EXPECT_EQ(reply.tag, helios_tag(HELIOS_ERR_MISSING_TABLES, 1, 0));
	EXPECT_EQ(reply.p[0], (uint64_t)HELIOS_CAP_PT);
	EXPECT_EQ(Dispatch(LOCATE, {1, 101}), (uint64_t)TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG);
	EXPECT_EQ(reply.tag, helios_tag(TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG, 1, 0));
	EXPECT_EQ(reply.p[0], 100u);
	EXPECT_EQ(Dispatch(CONCAT, {0, 0}), (uint64_t)TEST_SAMPLE_SAMPLE_ERROR_EMPTY);
	EXPECT_EQ(reply.tag, helios_tag(TEST_SAMPLE_SAMPLE_ERROR_EMPTY, 0, 0));
}

// A struct of abi.h is exactly its words.
TEST_F(ServerChecks, StructWordCount)
{
	struct helios_msg msg = {};
	msg.tag = helios_tag(REVERSE, HELIOS_REGS_COUNT - 1, 0);
	EXPECT_EQ(test_sample_echo_dispatch(&sample_server, &state, &msg, &kernel.server_buf),
		  IPCGEN_REPLY);
	EXPECT_EQ(helios_tag_label(msg.tag), (uint64_t)HELIOS_ERR_INVALID_PARAM);
	msg.tag = helios_tag(REVERSE, HELIOS_REGS_COUNT, 0);
	EXPECT_EQ(test_sample_echo_dispatch(&sample_server, &state, &msg, &kernel.server_buf),
		  IPCGEN_REPLY);
	EXPECT_EQ(msg.tag, helios_tag(HELIOS_OK, HELIOS_REGS_COUNT, 0));
	EXPECT_EQ(state.handled, 1u);
}

TEST_F(ServerChecks, MalformedEventGetsAnErrorReplyAndAGoodOneNone)
{
	ExpectRefused(Dispatch(POKE, {}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Dispatch(POKE, {3}), POKE) << "no reply: the message is left as it came";
	EXPECT_EQ(outcome, IPCGEN_NO_REPLY);
	EXPECT_EQ(state.poked, 3u);
}

} // namespace
