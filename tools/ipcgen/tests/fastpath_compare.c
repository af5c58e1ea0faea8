/*
 * The cost of a generated register-only call against the same call written by hand (docs/ipc.md,
 * "Performance"): both are here, out of line, to be compared instruction by instruction:
 *   llvm-objdump-14 -d --no-show-raw-insn bazel-bin/tools/ipcgen/tests/x86_64/fastpath_compare \
 *       --disassemble-symbols=by_hand,generated
 * The program is never run (it only has to link); `bazel build //...` builds it for both
 * architectures.
 */
#include <helios/rt/syscall.h>

#include "tools/ipcgen/tests/sample.ipc.h"

__attribute__((noinline)) int by_hand(helios_caddr_t ep, uint64_t value, uint64_t *result)
{
	struct helios_msg m = { .tag = helios_tag(TEST_SAMPLE_ECHO_PING_LABEL, 1, 0),
				.p = { value } };
	int err = helios_call(ep, &m);
	if (err)
		return err;
	*result = m.p[0];
	return (int)helios_tag_label(m.tag);
}

__attribute__((noinline)) int generated(helios_caddr_t ep, uint64_t value, uint64_t *result)
{
	return test_sample_echo_ping(ep, value, result);
}

int main(int argc, char **argv)
{
	(void)argv;
	uint64_t r = 0;
	/* Slot 0 is never valid: both calls fail at once with INVALID_CADDR or INVALID_CSLOT. */
	return by_hand(0, (uint64_t)argc, &r) | generated(0, (uint64_t)argc, &r);
}
