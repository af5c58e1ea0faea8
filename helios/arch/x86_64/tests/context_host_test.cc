// A task's registers on x86_64 (helios/arch/x86_64/context.c): the initial state, what
// TASK_WRITE_REGISTERS accepts and filters, the syscall register roles.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "helios/arch/x86_64/context_regs.h"
#include "helios/kernel/arch.h"
}

namespace {

constexpr uint64_t kIF = 1ull << 9;
constexpr uint64_t kAllowed = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x40000;

helios_regs SomeRegs()
{
	helios_regs r;
	uint64_t *w = reinterpret_cast<uint64_t *>(&r);
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		w[i] = 0x1000 + i;
	r.rflags = 0x202;
	return r;
}

TEST(RflagsTest, KeepsOnlyWhatUserModeMayChoose)
{
	EXPECT_EQ(context_user_rflags(0), kIF | 2);
	EXPECT_EQ(context_user_rflags(~0ull), kAllowed | kIF | 2);
	// IOPL, NT, RF, VM, VIF, VIP, ID: never.
	EXPECT_EQ(context_user_rflags(0x3000 | 0x4000 | 0x10000 | 0x20000 | 0x80000 | 0x100000 |
				      0x200000),
		  kIF | 2);
	for (int bit = 0; bit < 64; bit++) {
		uint64_t f = context_user_rflags(1ull << bit);
		EXPECT_TRUE(f & kIF) << bit;
		EXPECT_EQ(f & ~(kAllowed | kIF | 2), 0u) << bit;
	}
}

TEST(ContextTest, InitialStateIsUserModeWithInterruptsAndFpuDefaults)
{
	arch_context c;
	std::memset(&c, 0xa5, sizeof(c));
	arch_context_init(&c);
	EXPECT_EQ(c.frame.cs, 0x2bu);
	EXPECT_EQ(c.frame.ss, 0x23u);
	EXPECT_EQ(c.frame.rflags, kIF | 2);
	EXPECT_EQ(c.frame.rip, 0u);
	EXPECT_EQ(c.frame.rax, 0u);
	EXPECT_EQ(c.fs_base, 0u);
	EXPECT_EQ(c.sysret_ok, 0u);
	uint16_t fcw;
	uint32_t mxcsr;
	std::memcpy(&fcw, &c.fxsave[0], 2);
	std::memcpy(&mxcsr, &c.fxsave[24], 4);
	EXPECT_EQ(fcw, 0x37f);
	EXPECT_EQ(mxcsr, 0x1f80u);
}

TEST(ContextTest, FrameEndIsSixteenByteAlignedForTheCpu)
{
	EXPECT_EQ(alignof(arch_context) % 16, 0u);
	EXPECT_EQ(sizeof(arch_frame) % 16, 0u);
	EXPECT_EQ(offsetof(arch_context, fxsave) % 16, 0u);
}

TEST(ContextTest, SetEntry)
{
	arch_context c;
	arch_context_init(&c);
	c.sysret_ok = 1;
	arch_context_set_entry(&c, 0x401000, 0x7ffffe000000, 0x7fffff000000);
	EXPECT_EQ(c.frame.rip, 0x401000u);
	EXPECT_EQ(c.frame.rsp, 0x7ffffe000000u);
	EXPECT_EQ(c.frame.rdi, 0x7fffff000000u);
	EXPECT_EQ(c.sysret_ok, 0u);
}

TEST(ContextTest, RegistersRoundTrip)
{
	arch_context c;
	arch_context_init(&c);
	c.sysret_ok = 1;
	helios_regs in = SomeRegs(), out;
	ASSERT_EQ(arch_context_set_regs(&c, &in), HELIOS_OK);
	arch_context_get_regs(&c, &out);
	EXPECT_EQ(std::memcmp(&in, &out, sizeof(in)), 0);
	EXPECT_EQ(c.sysret_ok, 0u); // rcx and r11 are the task's now
	EXPECT_EQ(c.fs_base, in.fs_base);
	EXPECT_EQ(c.gs_base, in.gs_base);
	EXPECT_EQ(c.frame.rcx, in.rcx);
	EXPECT_EQ(c.frame.r11, in.r11);
}

TEST(ContextTest, SetRegsFiltersRflags)
{
	arch_context c;
	arch_context_init(&c);
	helios_regs in = SomeRegs(), out;
	in.rflags = 0x3000 | 0x4000 | 0x1; // IOPL 3, NT, CF; IF clear
	ASSERT_EQ(arch_context_set_regs(&c, &in), HELIOS_OK);
	arch_context_get_regs(&c, &out);
	EXPECT_EQ(out.rflags, 0x1 | kIF | 2);
}

TEST(ContextTest, SetRegsRefusesAddressesAtOrAboveUserTop)
{
	uint64_t helios_regs::*fields[] = { &helios_regs::rip, &helios_regs::rsp,
					      &helios_regs::fs_base, &helios_regs::gs_base };
	for (auto field : fields) {
		for (uint64_t bad : { HELIOS_USER_TOP, 0x0000800000000000ull,
				      0xffff800000000000ull, ~0ull }) {
			arch_context c;
			arch_context_init(&c);
			arch_context before = c;
			helios_regs in = SomeRegs();
			in.*field = bad;
			EXPECT_EQ(arch_context_set_regs(&c, &in), HELIOS_ERR_INVALID_PARAM);
			EXPECT_EQ(std::memcmp(&c, &before, sizeof(c)), 0) << "changed on error";
		}
		arch_context c;
		arch_context_init(&c);
		helios_regs in = SomeRegs();
		in.*field = HELIOS_USER_TOP - 1;
		EXPECT_EQ(arch_context_set_regs(&c, &in), HELIOS_OK);
	}
}

TEST(ContextTest, RestartSyscallStepsBackOverSyscall)
{
	arch_context c;
	arch_context_init(&c);
	c.frame.rip = 0x401002;
	arch_context_restart_syscall(&c);
	EXPECT_EQ(c.frame.rip, 0x401000u);
	c.frame.rip = 1;
	arch_context_restart_syscall(&c);
	EXPECT_EQ(c.frame.rip, 1u);
}

TEST(ContextTest, SyscallRegisterRoles)
{
	arch_context c;
	arch_context_init(&c);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_NUMBER), &c.frame.rax);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_CADDR), &c.frame.rdi);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_TAG), &c.frame.rsi);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_P0), &c.frame.rdx);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_P1), &c.frame.r10);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_P2), &c.frame.r8);
	EXPECT_EQ(arch_syscall_reg(&c, SYSCALL_REG_P3), &c.frame.r9);
}

} // namespace
