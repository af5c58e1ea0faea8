// Generated client and server of sample.ipc end to end on the host: every type both ways,
// capabilities, errors, a deferred reply, events and inheritance, through the fake kernel.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "tools/ipcgen/tests/fake_kernel.h"
#include "tools/ipcgen/tests/sample_server.h"

namespace {

class RoundTrip : public ::testing::Test {
protected:
	void SetUp() override
	{
		state.file = kernel.NewCap(HELIOS_CAP_ENDPOINT);
		state.saved_reply = HELIOS_CADDR_UNDEF;
		ep = kernel.NewCap(HELIOS_CAP_ENDPOINT);
		kernel.server = [this](struct helios_msg *msg, struct helios_ipc_buffer *buf) {
			return test_sample_echo_dispatch(&sample_server, &state, msg, buf);
		};
	}

	FakeKernel kernel;
	struct sample_state state = {};
	helios_caddr_t ep = 0;
};

TEST_F(RoundTrip, RegisterOnlyCall)
{
	uint64_t r = 0;
	ASSERT_EQ(test_sample_echo_ping(ep, 41, &r), HELIOS_OK);
	EXPECT_EQ(r, 42u);
	EXPECT_EQ(state.handled, 1u);
	EXPECT_EQ(state.last_badge, kernel.badge);
}

// The inline client never touches the IPC buffer: the kernel's fastpath case.
TEST_F(RoundTrip, RegisterOnlyCallLeavesTheBufferAlone)
{
	memset(&kernel.client_buf, 0xa5, sizeof(kernel.client_buf));
	struct helios_ipc_buffer before = kernel.client_buf;
	uint64_t r = 0;
	ASSERT_EQ(test_sample_echo_ping(ep, UINT64_MAX, &r), HELIOS_OK);
	EXPECT_EQ(r, 0u);
	EXPECT_EQ(memcmp(&before, &kernel.client_buf, sizeof(before)), 0);
}

TEST_F(RoundTrip, SmallIntegersBoolsAndEnums)
{
	uint16_t a2 = 0;
	int64_t b2 = 0;
	bool on2 = true;
	enum test_sample_mode m2 = TEST_SAMPLE_MODE_NORMAL;
	ASSERT_EQ(test_sample_echo_mix(ep, 255, INT32_MIN, true, TEST_SAMPLE_MODE_FAST, &a2, &b2,
				       &on2, &m2),
		  HELIOS_OK);
	EXPECT_EQ(a2, 510);
	EXPECT_EQ(b2, -(int64_t)INT32_MIN);
	EXPECT_FALSE(on2);
	EXPECT_EQ(m2, TEST_SAMPLE_MODE_SLOW);
	ASSERT_EQ(test_sample_echo_mix(ep, 0, -5, false, TEST_SAMPLE_MODE_SLOW, &a2, &b2, &on2,
				       &m2),
		  HELIOS_OK);
	EXPECT_EQ(b2, 5);
	EXPECT_TRUE(on2);
	EXPECT_EQ(m2, TEST_SAMPLE_MODE_FAST);
}

TEST_F(RoundTrip, Strings)
{
	char joined[65];
	uint32_t length = 0;
	std::string left(32, 'l'), right(31, 'r');
	ASSERT_EQ(test_sample_echo_concat(ep, left.c_str(), right.c_str(), joined, &length),
		  HELIOS_OK);
	EXPECT_EQ(std::string(joined), left + right);
	EXPECT_EQ(length, 63u);
	ASSERT_EQ(test_sample_echo_concat(ep, "", "x", joined, &length), HELIOS_OK);
	EXPECT_STREQ(joined, "x");
	// The interface's own error enum.
	EXPECT_EQ(test_sample_echo_concat(ep, "", "", joined, &length),
		  TEST_SAMPLE_SAMPLE_ERROR_EMPTY);
}

TEST_F(RoundTrip, OverlongStringRefusedBeforeSending)
{
	char joined[65];
	uint32_t length = 0;
	std::string left(33, 'l');
	EXPECT_EQ(test_sample_echo_concat(ep, left.c_str(), "", joined, &length),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(kernel.calls, 0u);
}

TEST_F(RoundTrip, Bytes)
{
	uint8_t data[256], copy[16];
	uint32_t expected = 0;
	for (unsigned i = 0; i < sizeof(data); i++) {
		data[i] = (uint8_t)(i * 7 + 1);
		expected += data[i];
	}
	uint32_t sum = 0;
	size_t copy_len = 0;
	for (size_t len : {1u, 7u, 8u, 9u, 255u, 256u}) {
		ASSERT_EQ(test_sample_echo_checksum(ep, data, len, &sum, copy, &copy_len), HELIOS_OK)
			<< len;
		uint32_t want = 0;
		for (size_t i = 0; i < len; i++)
			want += data[i];
		EXPECT_EQ(sum, want);
		EXPECT_EQ(copy_len, len < 16 ? len : 16);
		EXPECT_EQ(memcmp(copy, data, copy_len), 0);
	}
	EXPECT_EQ(sum, expected);
	// A method's own error enum, from another file.
	EXPECT_EQ(test_sample_echo_checksum(ep, data, 0, &sum, copy, &copy_len),
		  TEST_IO_FILE_ERROR_END_OF_FILE);
	EXPECT_EQ(test_sample_echo_checksum(ep, data, 257, &sum, copy, &copy_len),
		  HELIOS_ERR_INVALID_PARAM);
}

TEST_F(RoundTrip, CapabilityBothWays)
{
	helios_caddr_t note = kernel.NewCap(HELIOS_CAP_NOTIFICATION);
	helios_caddr_t copy = HELIOS_CADDR_UNDEF;
	ASSERT_EQ(test_sample_echo_keep(ep, note, &copy), HELIOS_OK);
	EXPECT_NE(state.kept, note); // the server's own copy, in a slot of its own
	EXPECT_EQ(kernel.types[state.kept], (unsigned)HELIOS_CAP_NOTIFICATION);
	EXPECT_NE(copy, HELIOS_CADDR_UNDEF);
	EXPECT_EQ(kernel.types[copy], (unsigned)HELIOS_CAP_NOTIFICATION);
	// Into a slot the client names.
	helios_caddr_t slot = 200;
	ASSERT_EQ(test_sample_echo_keep(ep, note, &slot), HELIOS_OK);
	EXPECT_EQ(slot, 200u);
	EXPECT_EQ(kernel.types[200], (unsigned)HELIOS_CAP_NOTIFICATION);
}

TEST_F(RoundTrip, CapabilityArrays)
{
	helios_caddr_t pages[4];
	for (auto &p : pages)
		p = kernel.NewCap(HELIOS_CAP_PAGE);
	uint32_t count = 0;
	for (unsigned n = 0; n <= 4; n++) {
		ASSERT_EQ(test_sample_echo_pages(ep, pages, n, 1, &count), HELIOS_OK) << n;
		EXPECT_EQ(count, n);
	}
	EXPECT_EQ(test_sample_echo_pages(ep, pages, 2, 0, &count), TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG);
}

TEST_F(RoundTrip, InterfaceCapabilityResult)
{
	helios_caddr_t file = HELIOS_CADDR_UNDEF;
	ASSERT_EQ(test_sample_echo_open(ep, "file", &file), HELIOS_OK);
	EXPECT_EQ(kernel.types[file], (unsigned)HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(test_sample_echo_open(ep, "nothing", &file), HELIOS_ERR_INVALID_PARAM)
		<< "NOT_SEEKABLE is not declared by open";
}

TEST_F(RoundTrip, DeferredReply)
{
	kernel.while_blocked = [this] {
		EXPECT_EQ(kernel.types[state.saved_reply], (unsigned)HELIOS_CAP_REPLY);
		EXPECT_EQ(test_sample_echo_poke(ep, 5), HELIOS_OK); // poke answers `later`
	};
	uint64_t twice = 0;
	ASSERT_EQ(test_sample_echo_later(ep, 21, &twice), HELIOS_OK);
	EXPECT_EQ(twice, 42u);
	EXPECT_EQ(state.poked, 5u);
	EXPECT_EQ(state.later_error, HELIOS_OK);
	EXPECT_EQ(state.saved_reply, HELIOS_CADDR_UNDEF);
}

TEST_F(RoundTrip, Events)
{
	ASSERT_EQ(test_sample_echo_poke(ep, 9), HELIOS_OK);
	EXPECT_EQ(state.poked, 9u);
	ASSERT_EQ(test_sample_echo_poke_text(ep, "forty bytes at most"), HELIOS_OK);
	EXPECT_STREQ(state.poke_text, "forty bytes at most");
	EXPECT_EQ(kernel.sends, 2u);
	EXPECT_EQ(kernel.calls, 0u);
}

// Kernel style: a caddr is a word (no capability moves), and an error carries its results.
TEST_F(RoundTrip, CapabilityAddressesAndErrorResults)
{
	helios_caddr_t slot = 0;
	uint32_t level = 0;
	uint64_t limit = 0;
	ASSERT_EQ(test_sample_echo_locate(ep, 40, 2, &slot, &level, &limit), HELIOS_OK);
	EXPECT_EQ(slot, 42u);
	EXPECT_EQ(kernel.CapsHeld(), 2u); // the endpoints: nothing was transferred
	EXPECT_EQ(test_sample_echo_locate(ep, 40, 0, &slot, &level, &limit),
		  HELIOS_ERR_MISSING_TABLES);
	EXPECT_EQ(level, (uint32_t)HELIOS_CAP_PT);
	EXPECT_EQ(test_sample_echo_locate(ep, 40, 101, &slot, &level, &limit),
		  TEST_SAMPLE_SAMPLE_ERROR_TOO_BIG);
	EXPECT_EQ(limit, 100u);
	// Results the caller does not want: NULL.
	EXPECT_EQ(test_sample_echo_locate(ep, 40, 2, NULL, NULL, NULL), HELIOS_OK);
	EXPECT_EQ(test_sample_echo_locate(ep, 40, 0, NULL, NULL, NULL), HELIOS_ERR_MISSING_TABLES);
	EXPECT_EQ(TEST_SAMPLE_ECHO_LOCATE_LABEL, 0x1e01u);
}

// A struct of abi.h, its words in the IPC buffer both ways.
TEST_F(RoundTrip, StructOfWords)
{
	uint64_t words[HELIOS_REGS_COUNT], back[HELIOS_REGS_COUNT];
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		words[i] = 0x1000 + i;
	struct helios_regs regs, reversed;
	memcpy(&regs, words, sizeof(regs));
	ASSERT_EQ(test_sample_echo_reverse(ep, &regs, &reversed), HELIOS_OK);
	memcpy(back, &reversed, sizeof(back));
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		EXPECT_EQ(back[i], words[HELIOS_REGS_COUNT - 1 - i]) << i;
	EXPECT_EQ(test_sample_echo_reverse(ep, &regs, NULL), HELIOS_OK);
	EXPECT_EQ(test_sample_echo_reverse(ep, NULL, &reversed), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(state.handled, 2u); // the last refused before sending
}

// An interface that inherits answers its base's methods under the base's labels.
int serial_read(void *, const struct ipcgen_request *, uint32_t amount, void *data,
		size_t *len)
{
	memset(data, 'd', amount);
	*len = amount;
	return amount > 64 ? TEST_IO_FILE_ERROR_END_OF_FILE : HELIOS_OK;
}

int serial_set_baud(void *ctx, const struct ipcgen_request *, uint32_t hz)
{
	*(uint32_t *)ctx = hz;
	return HELIOS_OK;
}

TEST_F(RoundTrip, Inheritance)
{
	struct test_sample_serial_server serial = {};
	serial.read = serial_read;
	serial.set_baud = serial_set_baud;
	uint32_t baud = 0;
	kernel.server = [&](struct helios_msg *msg, struct helios_ipc_buffer *buf) {
		return test_sample_serial_dispatch(&serial, &baud, msg, buf);
	};
	ASSERT_EQ(test_sample_serial_set_baud(ep, 115200), HELIOS_OK);
	EXPECT_EQ(baud, 115200u);
	char data[64];
	size_t len = 0;
	ASSERT_EQ(test_io_file_read(ep, 3, data, &len), HELIOS_OK);
	EXPECT_EQ(std::string(data, len), "ddd");
	// No handler for seek: refused as an unknown method.
	uint64_t pos = 0;
	EXPECT_EQ(test_io_file_seek(ep, 0, TEST_IO_WHENCE_SET, &pos), HELIOS_ERR_INVALID_METHOD);
	// Labels: the base's id, the method number.
	EXPECT_EQ(TEST_IO_FILE_READ_LABEL, (uint64_t)TEST_IO_FILE_ID << 16 | 1);
	EXPECT_EQ(TEST_SAMPLE_SERIAL_SET_BAUD_LABEL, (uint64_t)TEST_SAMPLE_SERIAL_ID << 16 | 1);
}

// A kernel error on the way (not an endpoint) comes back as it is.
TEST_F(RoundTrip, SyscallError)
{
	uint64_t r = 0;
	helios_caddr_t page = kernel.NewCap(HELIOS_CAP_PAGE);
	EXPECT_EQ(test_sample_echo_ping(page, 1, &r), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(test_sample_echo_ping(250, 1, &r), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(state.handled, 0u);
}

} // namespace
