// A serial driver's request logic (../port.h): reads with and without wait, one waiting
// reader, BUSY, bad sizes, overflow counted, writes bounded by the transmit ring.
#include <cstdint>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "venus/serial/port.h"
}

namespace {

class SerialPort : public ::testing::Test {
protected:
	void SetUp() override { serial_port_init(&p); }
	void receive(const std::string &s)
	{
		for (char c : s)
			serial_port_received(&p, (uint8_t)c);
	}
	static serial_port p;
	uint8_t out[SERIAL_CALL_MAX];
	size_t len = 0;
};
serial_port SerialPort::p;

TEST_F(SerialPort, ReadWithoutWaitAndNothingIsNothingYet)
{
	EXPECT_EQ(serial_port_read(&p, 16, false, out, &len), SERIAL_READ_NOTHING_YET);
	EXPECT_EQ(len, 0u);
	EXPECT_FALSE(p.reader_waiting);
}

TEST_F(SerialPort, ReadTakesAtMostMax)
{
	receive("hello");
	ASSERT_EQ(serial_port_read(&p, 3, false, out, &len), SERIAL_READ_DATA);
	EXPECT_EQ(std::string((char *)out, len), "hel");
	ASSERT_EQ(serial_port_read(&p, 256, true, out, &len), SERIAL_READ_DATA);
	EXPECT_EQ(std::string((char *)out, len), "lo");
}

TEST_F(SerialPort, BadMaxIsRefused)
{
	receive("x");
	EXPECT_EQ(serial_port_read(&p, 0, true, out, &len), SERIAL_READ_BAD_MAX);
	EXPECT_EQ(serial_port_read(&p, SERIAL_CALL_MAX + 1, false, out, &len),
		  SERIAL_READ_BAD_MAX);
	EXPECT_EQ(serial_port_read(&p, 0xffffffffu, false, out, &len), SERIAL_READ_BAD_MAX);
	EXPECT_FALSE(p.reader_waiting);
	EXPECT_EQ(serial_ring_count(&p.rx), 1u); // nothing taken
}

TEST_F(SerialPort, WaitingReaderIsAnsweredWhenBytesCome)
{
	ASSERT_EQ(serial_port_read(&p, 4, true, out, &len), SERIAL_READ_WAIT);
	EXPECT_FALSE(serial_port_answer_reader(&p, out, &len)); // nothing yet
	receive("abcdef");
	ASSERT_TRUE(serial_port_answer_reader(&p, out, &len));
	EXPECT_EQ(std::string((char *)out, len), "abcd"); // its max
	EXPECT_FALSE(p.reader_waiting);
	EXPECT_FALSE(serial_port_answer_reader(&p, out, &len)); // answered once
	ASSERT_EQ(serial_port_read(&p, 4, false, out, &len), SERIAL_READ_DATA);
	EXPECT_EQ(std::string((char *)out, len), "ef");
}

TEST_F(SerialPort, SecondWaitingReaderIsBusy)
{
	ASSERT_EQ(serial_port_read(&p, 8, true, out, &len), SERIAL_READ_WAIT);
	EXPECT_EQ(serial_port_read(&p, 8, true, out, &len), SERIAL_READ_BUSY);
	EXPECT_EQ(serial_port_read(&p, 8, false, out, &len), SERIAL_READ_NOTHING_YET);
	EXPECT_EQ(p.reader_max, 8u); // the first one's
	serial_port_forget_reader(&p);
	EXPECT_EQ(serial_port_read(&p, 8, true, out, &len), SERIAL_READ_WAIT);
}

TEST_F(SerialPort, OverflowIsCountedNotStored)
{
	for (unsigned i = 0; i < SERIAL_RING_SIZE + 5; i++)
		serial_port_received(&p, (uint8_t)i);
	EXPECT_EQ(p.dropped, 5u);
	EXPECT_EQ(serial_ring_count(&p.rx), (size_t)SERIAL_RING_SIZE);
	ASSERT_EQ(serial_port_read(&p, 2, false, out, &len), SERIAL_READ_DATA);
	EXPECT_EQ(out[0], 0); // the oldest kept, the newest dropped
	EXPECT_EQ(out[1], 1);
}

TEST_F(SerialPort, WriteQueuesWhatFits)
{
	uint8_t data[SERIAL_CALL_MAX];
	memset(data, 'w', sizeof(data));
	unsigned total = 0;
	for (int i = 0; i < 4; i++)
		total += serial_port_write(&p, data, sizeof(data));
	EXPECT_EQ(total, (unsigned)SERIAL_RING_SIZE); // 4 x 256 fills it exactly
	EXPECT_EQ(serial_port_write(&p, data, 1), 0u);
	EXPECT_TRUE(serial_port_transmit_pending(&p));
	EXPECT_EQ(serial_port_transmit(&p, out, 16), 16u);
	EXPECT_EQ(serial_port_write(&p, data, sizeof(data)), 16u); // room for 16 again
	// More than a call carries is cut to SERIAL_CALL_MAX.
	serial_port_init(&p);
	static uint8_t big[2 * SERIAL_CALL_MAX];
	EXPECT_EQ(serial_port_write(&p, big, sizeof(big)), (uint32_t)SERIAL_CALL_MAX);
}

TEST_F(SerialPort, TransmitTakesOldestFirst)
{
	ASSERT_EQ(serial_port_write(&p, (const uint8_t *)"xyz", 3), 3u);
	EXPECT_EQ(serial_port_transmit(&p, out, 2), 2u);
	EXPECT_EQ(out[0], 'x');
	EXPECT_EQ(out[1], 'y');
	EXPECT_EQ(serial_port_transmit(&p, out, 16), 1u);
	EXPECT_EQ(out[0], 'z');
	EXPECT_FALSE(serial_port_transmit_pending(&p));
}

} // namespace
