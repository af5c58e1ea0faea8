// Loading the device trees BUILD.bazel compiles with dtc from dts/, for the host tests.
#ifndef HELIOS_ARCH_AARCH64_TESTS_DTB_FILE_H
#define HELIOS_ARCH_AARCH64_TESTS_DTB_FILE_H

#include <string>
#include <vector>

// The blob dtc made from dts/<name>.dts (a test failure if it cannot be read).
std::vector<char> LoadDtb(const std::string &name);

#endif
