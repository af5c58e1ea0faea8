// A task's registers on aarch64 (helios/arch/aarch64/context.c): the initial state, what
// TASK_WRITE_REGISTERS accepts and filters, the syscall register roles.
#include <cstdint>
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "helios/arch/aarch64/context_regs.h"
#include "helios/kernel/arch.h"
}

namespace {

helios_regs SomeRegs()
{
	helios_regs r;
	uint64_t *w = reinterpret_cast<uint64_t *>(&r);
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		w[i] = 0x1000 + 16 * i;
	r.pstate = 0;
	return r;
}

TEST(A64ContextTest, RegsAre35Words)
{
	EXPECT_EQ(sizeof(helios_regs), 35u * 8);
	EXPECT_EQ(HELIOS_REGS_COUNT, 35);
}

TEST(A64ContextTest, NewTaskIsEl0WithEverythingZero)
{
	arch_context c;
	std::memset(&c, 0xa5, sizeof(c));
	arch_context_init(&c);
	EXPECT_EQ(c.pstate, 0u); // EL0t, nothing masked
	EXPECT_EQ(c.pc, 0u);
	EXPECT_EQ(c.fpcr, 0u);
	for (unsigned i = 0; i < 31; i++)
		EXPECT_EQ(c.x[i], 0u);
	for (unsigned i = 0; i < 32; i++)
		EXPECT_EQ(c.v[i], static_cast<__uint128_t>(0));
	arch_context_set_entry(&c, 0x400000, 0x7ffffe000000, 0x7fffff000000);
	EXPECT_EQ(c.pc, 0x400000u);
	EXPECT_EQ(c.sp, 0x7ffffe000000u);
	EXPECT_EQ(c.x[0], 0x7fffff000000u);
	EXPECT_EQ(arch_context_ip(&c), 0x400000u);
}

TEST(A64ContextTest, PstateKeepsOnlyTheFlags)
{
	EXPECT_EQ(context_user_pstate(0), 0u);
	EXPECT_EQ(context_user_pstate(~0ull), 0xfull << 28);
	// EL1h, AArch32, masked interrupts, single step, PAN: never.
	EXPECT_EQ(context_user_pstate(0x5 | 0x10 | 0x3c0 | (1ull << 21) | (1ull << 22)), 0u);
}

TEST(A64ContextTest, WriteThenReadRoundTrips)
{
	arch_context c;
	arch_context_init(&c);
	helios_regs in = SomeRegs();
	in.pstate = ~0ull;
	ASSERT_EQ(arch_context_set_regs(&c, &in), HELIOS_OK);
	EXPECT_EQ(c.pstate, 0xfull << 28);
	helios_regs out;
	arch_context_get_regs(&c, &out);
	in.pstate = 0xfull << 28;
	EXPECT_EQ(std::memcmp(&in, &out, sizeof(in)), 0);
}

TEST(A64ContextTest, RefusesKernelAddressesAndMisalignment)
{
	arch_context c;
	arch_context_init(&c);
	helios_regs good = SomeRegs();
	ASSERT_EQ(arch_context_set_regs(&c, &good), HELIOS_OK);
	for (int field = 0; field < 6; field++) {
		helios_regs r = good;
		switch (field) {
		case 0: r.pc = HELIOS_USER_TOP; break;
		case 1: r.sp = 0xffff800000000000ull; break;
		case 2: r.tpidr_el0 = ~0ull; break;
		case 3: r.pc = 0x400002; break; // not 4-byte aligned
		case 4: r.sp = 0x7000008; break; // not 16-byte aligned
		default: r.pc = ~0ull & ~3ull; break;
		}
		EXPECT_EQ(arch_context_set_regs(&c, &r), HELIOS_ERR_INVALID_PARAM) << field;
		EXPECT_EQ(c.pc, good.pc) << field; // nothing changed
	}
}

TEST(A64ContextTest, SyscallRolesAreX0ToX6)
{
	arch_context c;
	arch_context_init(&c);
	for (unsigned r = SYSCALL_REG_NUMBER; r <= SYSCALL_REG_P3; r++)
		EXPECT_EQ(arch_syscall_reg(&c, static_cast<syscall_reg>(r)), &c.x[r]);
}

TEST(A64ContextTest, RestartStepsBackOverSvc)
{
	arch_context c;
	arch_context_init(&c);
	c.pc = 0x400104;
	arch_context_restart_syscall(&c);
	EXPECT_EQ(c.pc, 0x400100u);
	c.pc = 2;
	arch_context_restart_syscall(&c);
	EXPECT_EQ(c.pc, 2u);
}

} // namespace
