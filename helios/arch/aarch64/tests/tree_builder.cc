#include "helios/arch/aarch64/tests/tree_builder.h"

#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>
}

TreeBuilder::TreeBuilder() : buf_(65536)
{
	EXPECT_EQ(fdt_create(buf_.data(), static_cast<int>(buf_.size())), 0);
	EXPECT_EQ(fdt_finish_reservemap(buf_.data()), 0);
	Begin("");
}

void TreeBuilder::Begin(const std::string &name)
{
	EXPECT_EQ(fdt_begin_node(buf_.data(), name.c_str()), 0) << name;
}

void TreeBuilder::End()
{
	EXPECT_EQ(fdt_end_node(buf_.data()), 0);
}

void TreeBuilder::Cells(const std::string &name, const std::vector<uint32_t> &cells)
{
	// One spare cell so that an empty property still has a valid pointer for libfdt's memcpy.
	std::vector<fdt32_t> be(1);
	for (uint32_t cell : cells)
		be.push_back(cpu_to_fdt32(cell));
	EXPECT_EQ(fdt_property(buf_.data(), name.c_str(), be.data() + 1,
			       static_cast<int>(cells.size() * sizeof(fdt32_t))),
		  0)
		<< name;
}

void TreeBuilder::Strings(const std::string &name, const std::vector<std::string> &items)
{
	std::string value;
	for (const auto &item : items)
		value += item + '\0';
	Bytes(name, value);
}

void TreeBuilder::Bytes(const std::string &name, const std::string &bytes)
{
	EXPECT_EQ(fdt_property(buf_.data(), name.c_str(), bytes.data(),
			       static_cast<int>(bytes.size())),
		  0)
		<< name;
}

std::vector<char> TreeBuilder::Finish()
{
	End();
	EXPECT_EQ(fdt_finish(buf_.data()), 0);
	return buf_;
}
