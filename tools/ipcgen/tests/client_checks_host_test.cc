// The generated client checks replies as the server checks requests: the status must be OK,
// an enum helios_error or a declared error; results must have exactly the declared shape and
// values in range; unexpected capabilities are deleted.
#include <cstring>
#include <functional>

#include <gtest/gtest.h>

#include "tools/ipcgen/tests/fake_kernel.h"
#include "tools/ipcgen/tests/sample_server.h"

namespace {

class ClientChecks : public ::testing::Test {
protected:
	void SetUp() override
	{
		ep = kernel.NewCap(HELIOS_CAP_ENDPOINT);
		// A server that answers whatever Reply() says, whatever the question.
		kernel.server = [this](struct helios_msg *msg, struct helios_ipc_buffer *buf) {
			for (unsigned k = 0; k < helios_tag_caps(msg->tag); k++)
				kernel.types[buf->caps[k]] = HELIOS_CAP_NULL; // not kept
			*msg = {};
			unsigned i = 0;
			for (uint64_t w : words) {
				if (i < HELIOS_MSG_REG_PARAMS)
					msg->p[i] = w;
				else
					buf->params[i] = w;
				i++;
			}
			unsigned c = 0;
			for (helios_caddr_t cap : caps)
				buf->caps[c++] = cap;
			msg->tag = helios_tag(status, i, c);
			return IPCGEN_REPLY;
		};
	}

	void Reply(uint64_t s, std::vector<uint64_t> w, std::vector<helios_caddr_t> c = {})
	{
		status = s;
		words = w;
		caps = c;
	}

	FakeKernel kernel;
	helios_caddr_t ep = 0;
	uint64_t status = 0;
	std::vector<uint64_t> words;
	std::vector<helios_caddr_t> caps;
};

TEST_F(ClientChecks, Status)
{
	uint64_t r = 0;
	Reply(HELIOS_ERR_NOMEM, {});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_NOMEM);
	Reply(TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG, {});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG);
	Reply(999, {});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_INVALID_PARAM); // undeclared
	Reply(TEST_IO_FILE_ERROR_END_OF_FILE, {});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_INVALID_PARAM); // not ping's
	char copy[16];
	size_t len = 0;
	uint32_t sum = 0;
	EXPECT_EQ(test_sample_echo_checksum(ep, "x", 1, &sum, copy, &len),
		  TEST_IO_FILE_ERROR_END_OF_FILE); // checksum's
}

TEST_F(ClientChecks, ResultCounts)
{
	uint64_t r = 0;
	Reply(0, {});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {1, 2});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {2});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_OK);
	EXPECT_EQ(r, 2u);
	char joined[65];
	uint32_t length = 0;
	Reply(0, {1, 'x'}); // length missing
	EXPECT_EQ(test_sample_echo_concat(ep, "a", "b", joined, &length), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {1, 'x', 1, 0}); // a word too many
	EXPECT_EQ(test_sample_echo_concat(ep, "a", "b", joined, &length), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {1, 'x', 1});
	EXPECT_EQ(test_sample_echo_concat(ep, "a", "b", joined, &length), HELIOS_OK);
	EXPECT_STREQ(joined, "x");
}

TEST_F(ClientChecks, ResultRanges)
{
	uint16_t a2;
	int64_t b2;
	bool on2;
	enum test_sample_mode m2;
	Reply(0, {1u << 16, 0, 0, 0});
	EXPECT_EQ(test_sample_echo_mix(ep, 0, 0, 0, TEST_SAMPLE_MODE_FAST, &a2, &b2, &on2, &m2),
		  HELIOS_ERR_INVALID_PARAM);
	Reply(0, {0, 0, 2, 0});
	EXPECT_EQ(test_sample_echo_mix(ep, 0, 0, 0, TEST_SAMPLE_MODE_FAST, &a2, &b2, &on2, &m2),
		  HELIOS_ERR_INVALID_PARAM);
	Reply(0, {0, 0, 0, 5});
	EXPECT_EQ(test_sample_echo_mix(ep, 0, 0, 0, TEST_SAMPLE_MODE_FAST, &a2, &b2, &on2, &m2),
		  HELIOS_ERR_INVALID_PARAM);
	Reply(0, {0xffff, UINT64_MAX, 1, (uint64_t)-1});
	EXPECT_EQ(test_sample_echo_mix(ep, 0, 0, 0, TEST_SAMPLE_MODE_FAST, &a2, &b2, &on2, &m2),
		  HELIOS_OK);
	EXPECT_EQ(a2, 0xffff);
	EXPECT_EQ(b2, -1);
	EXPECT_TRUE(on2);
	EXPECT_EQ(m2, TEST_SAMPLE_MODE_SLOW);
}

TEST_F(ClientChecks, ResultLengths)
{
	char joined[65];
	uint32_t length = 0;
	Reply(0, {65, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
	EXPECT_EQ(test_sample_echo_concat(ep, "a", "b", joined, &length), HELIOS_ERR_INVALID_PARAM);
	EXPECT_STREQ(joined, "");
	uint8_t copy[16];
	size_t len = 0;
	uint32_t sum = 0;
	Reply(0, {1, 17, 0, 0, 0});
	EXPECT_EQ(test_sample_echo_checksum(ep, "x", 1, &sum, copy, &len), HELIOS_ERR_INVALID_PARAM);
}

TEST_F(ClientChecks, UnexpectedCapabilitiesAreDeleted)
{
	uint64_t r = 0;
	helios_caddr_t n = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	unsigned held = kernel.CapsHeld();
	Reply(0, {1}, {n});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(kernel.CapsHeld(), held) << "the copy that arrived was deleted";
	Reply(HELIOS_ERR_NOMEM, {}, {n});
	EXPECT_EQ(test_sample_echo_ping(ep, 1, &r), HELIOS_ERR_NOMEM);
	EXPECT_EQ(kernel.CapsHeld(), held);
}

TEST_F(ClientChecks, CapabilityAddressResult)
{
	helios_caddr_t slot = 0;
	Reply(0, {1ull << 32});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, &slot, NULL, NULL), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {HELIOS_CADDR_UNDEF});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, &slot, NULL, NULL), HELIOS_OK);
	EXPECT_EQ(slot, HELIOS_CADDR_UNDEF);
}

// An error that carries results must carry exactly them; one that does not carries none read.
TEST_F(ClientChecks, ErrorResults)
{
	uint32_t level = 0;
	uint64_t limit = 0;
	Reply(HELIOS_ERR_MISSING_TABLES, {HELIOS_CAP_PD});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_MISSING_TABLES);
	EXPECT_EQ(level, (uint32_t)HELIOS_CAP_PD);
	Reply(HELIOS_ERR_MISSING_TABLES, {});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_INVALID_PARAM);
	Reply(HELIOS_ERR_MISSING_TABLES, {1, 2});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_INVALID_PARAM);
	Reply(HELIOS_ERR_MISSING_TABLES, {1ull << 32});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_INVALID_PARAM);
	Reply(TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG, {7});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit),
		  TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG);
	EXPECT_EQ(limit, 7u);
	Reply(HELIOS_ERR_NOMEM, {1}); // declares none: the status, the word unread
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_NOMEM);
	// With a capability it is malformed, and the capability deleted.
	helios_caddr_t n = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	unsigned held = kernel.CapsHeld();
	Reply(HELIOS_ERR_MISSING_TABLES, {HELIOS_CAP_PD}, {n});
	EXPECT_EQ(test_sample_echo_locate(ep, 1, 1, NULL, &level, &limit), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(kernel.CapsHeld(), held);
}

// The syscall's own error, even one an error result is declared for, is no error reply.
TEST_F(ClientChecks, SyscallErrorIsNotAnErrorReply)
{
	uint32_t level = 7;
	EXPECT_EQ(test_sample_echo_locate(250, 1, 1, NULL, &level, NULL), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(level, 7u);
}

TEST_F(ClientChecks, StructResultWordCount)
{
	struct helios_regs regs = {}, reversed;
	Reply(0, std::vector<uint64_t>(HELIOS_REGS_COUNT - 1, 1));
	EXPECT_EQ(test_sample_echo_reverse(ep, &regs, &reversed), HELIOS_ERR_INVALID_PARAM);
	Reply(0, std::vector<uint64_t>(HELIOS_REGS_COUNT + 1, 1));
	EXPECT_EQ(test_sample_echo_reverse(ep, &regs, &reversed), HELIOS_ERR_INVALID_PARAM);
	Reply(0, std::vector<uint64_t>(HELIOS_REGS_COUNT, 3));
	EXPECT_EQ(test_sample_echo_reverse(ep, &regs, &reversed), HELIOS_OK);
	uint64_t words[HELIOS_REGS_COUNT];
	memcpy(words, &reversed, sizeof(words));
	EXPECT_EQ(words[HELIOS_REGS_COUNT - 1], 3u);
}

TEST_F(ClientChecks, ResultCapabilityTypeAndPresence)
{
	helios_caddr_t note = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	helios_caddr_t page = kernel.NewCap(HELIOS_CAP_PAGE);
	unsigned held = kernel.CapsHeld();
	helios_caddr_t copy = HELIOS_CADDR_UNDEF;
	Reply(0, {}, {page});
	EXPECT_EQ(test_sample_echo_keep(ep, note, &copy), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(kernel.CapsHeld(), held);
	Reply(0, {}, {});
	copy = HELIOS_CADDR_UNDEF;
	EXPECT_EQ(test_sample_echo_keep(ep, note, &copy), HELIOS_ERR_INVALID_PARAM);
	Reply(0, {}, {note});
	copy = HELIOS_CADDR_UNDEF;
	EXPECT_EQ(test_sample_echo_keep(ep, note, &copy), HELIOS_OK);
	EXPECT_EQ(kernel.types[copy], (unsigned)HELIOS_CAP_NOTIFICATION);
}

} // namespace
