// Device trees written node by node with libfdt's sequential-write functions, for host tests
// that need shapes dtc would refuse or that are easier to vary in code (malformed properties).
#ifndef HELIOS_ARCH_AARCH64_TESTS_TREE_BUILDER_H
#define HELIOS_ARCH_AARCH64_TESTS_TREE_BUILDER_H

#include <cstdint>
#include <string>
#include <vector>

class TreeBuilder {
public:
	// Opens the root node; the caller adds its properties (#address-cells...).
	TreeBuilder();
	void Begin(const std::string &name);
	void End();
	// A property of big-endian 32-bit cells (none: an empty property).
	void Cells(const std::string &name, const std::vector<uint32_t> &cells);
	// A string list ("a\0b\0").
	void Strings(const std::string &name, const std::vector<std::string> &items);
	// A property of raw bytes, for lengths no cell list has.
	void Bytes(const std::string &name, const std::string &bytes);
	// Closes the root and returns the finished blob.
	std::vector<char> Finish();

private:
	std::vector<char> buf_;
};

#endif
