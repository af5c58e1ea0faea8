// Block requests checked (request.h) and Identify data read (identify.h), with the edges a
// client or a device could push on.
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "venus/nvme/identify.h"
#include "venus/nvme/nvme_spec.h"
#include "venus/nvme/request.h"
}

namespace {

const nvme_geometry kDisk = { 512, 2048, 32 };

TEST(Request, InsideTheNamespaceAndTheBuffer)
{
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 0, 32), NVME_REQUEST_OK);
	EXPECT_EQ(nvme_request_check(&kDisk, 4096, 3584, 2047, 1), NVME_REQUEST_OK);
}

TEST(Request, OutOfRange)
{
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 2048, 1), NVME_REQUEST_OUT_OF_RANGE);
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 2047, 2), NVME_REQUEST_OUT_OF_RANGE);
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 0, 0), NVME_REQUEST_OUT_OF_RANGE);
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 0, 33), NVME_REQUEST_OUT_OF_RANGE);
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, UINT64_MAX, 1), NVME_REQUEST_OUT_OF_RANGE);
	EXPECT_EQ(nvme_request_check(&kDisk, 16384, 0, 1, UINT32_MAX), NVME_REQUEST_OUT_OF_RANGE);
}

TEST(Request, BadBuffer)
{
	EXPECT_EQ(nvme_request_check(&kDisk, 0, 0, 0, 1), NVME_REQUEST_BAD_BUFFER);
	EXPECT_EQ(nvme_request_check(&kDisk, 4096, 100, 0, 1), NVME_REQUEST_BAD_BUFFER);
	EXPECT_EQ(nvme_request_check(&kDisk, 4096, 3584, 0, 2), NVME_REQUEST_BAD_BUFFER);
	EXPECT_EQ(nvme_request_check(&kDisk, 4096, 0xfffffe00u, 0, 32), NVME_REQUEST_BAD_BUFFER);
}

struct Namespace {
	uint8_t data[NVME_IDENTIFY_BYTES] = {};
	Namespace(uint64_t sectors, unsigned format, unsigned formats, unsigned shift)
	{
		std::memcpy(data + NVME_IDN_NSZE, &sectors, 8);
		data[NVME_IDN_NLBAF] = static_cast<uint8_t>(formats - 1);
		data[NVME_IDN_FLBAS] = static_cast<uint8_t>(format);
		data[NVME_IDN_LBAF + 4 * format + 2] = static_cast<uint8_t>(shift);
	}
};

TEST(Identify, NamespaceGeometry)
{
	nvme_geometry g{};
	Namespace ns(2048, 0, 1, 9);
	ASSERT_EQ(nvme_identify_namespace_parse(ns.data, 7, 0, &g), NVME_IDENTIFY_OK);
	EXPECT_EQ(g.sector_size, 512u);
	EXPECT_EQ(g.sectors, 2048u);
	EXPECT_EQ(g.max_sectors, 32u); // a 16 KiB buffer
	Namespace big(100, 1, 2, 12);
	ASSERT_EQ(nvme_identify_namespace_parse(big.data, 1, 0, &g), NVME_IDENTIFY_OK);
	EXPECT_EQ(g.sector_size, 4096u);
	EXPECT_EQ(g.max_sectors, 2u); // MDTS 1: 8 KiB
	ASSERT_EQ(nvme_identify_namespace_parse(big.data, 0, 0, &g), NVME_IDENTIFY_OK);
	EXPECT_EQ(g.max_sectors, 4u); // no limit but the buffer
	ASSERT_EQ(nvme_identify_namespace_parse(big.data, 255, 15, &g), NVME_IDENTIFY_OK);
	EXPECT_EQ(g.max_sectors, 4u);
}

TEST(Identify, RefusesWhatCannotBeServed)
{
	nvme_geometry g{};
	EXPECT_EQ(nvme_identify_namespace_parse(Namespace(0, 0, 1, 9).data, 0, 0, &g),
		  NVME_IDENTIFY_EMPTY);
	EXPECT_EQ(nvme_identify_namespace_parse(Namespace(8, 3, 2, 9).data, 0, 0, &g),
		  NVME_IDENTIFY_BAD_FORMAT);
	EXPECT_EQ(nvme_identify_namespace_parse(Namespace(8, 0, 1, 8).data, 0, 0, &g),
		  NVME_IDENTIFY_BAD_SECTOR);
	EXPECT_EQ(nvme_identify_namespace_parse(Namespace(8, 0, 1, 13).data, 0, 0, &g),
		  NVME_IDENTIFY_BAD_SECTOR);
	EXPECT_EQ(nvme_identify_namespace_parse(Namespace(8, 0, 1, 12).data, 0, 2, &g),
		  NVME_IDENTIFY_OK);
}

TEST(Identify, ControllerStringsAreCutAndMadePrintable)
{
	uint8_t data[NVME_IDENTIFY_BYTES] = {};
	std::memset(data + NVME_IDC_SERIAL, ' ', NVME_IDC_SERIAL_LEN);
	std::memcpy(data + NVME_IDC_SERIAL, "ares0", 5);
	std::memset(data + NVME_IDC_MODEL, 0xff, NVME_IDC_MODEL_LEN);
	data[NVME_IDC_MDTS] = 7;
	data[NVME_IDC_NN] = 1;
	data[NVME_IDC_VWC] = 1;
	nvme_controller_info info;
	nvme_identify_controller_parse(data, &info);
	EXPECT_STREQ(info.serial, "ares0");
	EXPECT_EQ(std::strlen(info.model), 40u);
	EXPECT_EQ(info.model[0], '?');
	EXPECT_EQ(info.mdts, 7);
	EXPECT_EQ(info.namespaces, 1u);
	EXPECT_TRUE(info.volatile_cache);
}

} // namespace
