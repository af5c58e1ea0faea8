#include "helios/arch/aarch64/tests/dtb_file.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

// Tests run from the runfiles root.
std::vector<char> LoadDtb(const std::string &name)
{
	std::string path = "helios/arch/aarch64/tests/dts/" + name + ".dtb";
	std::ifstream file(path, std::ios::binary);
	EXPECT_TRUE(file.good()) << "cannot open " << path;
	return std::vector<char>(std::istreambuf_iterator<char>(file), {});
}
