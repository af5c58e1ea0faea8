// Host tests of the message tag encoding in the uapi (abi.h).
#include <gtest/gtest.h>

#include <helios/abi.h>

namespace {

TEST(TagTest, RoundTrip)
{
	helios_tag_t t = helios_tag(0x1234, 7, 3);
	EXPECT_EQ(helios_tag_label(t), 0x1234u);
	EXPECT_EQ(helios_tag_params(t), 7u);
	EXPECT_EQ(helios_tag_caps(t), 3u);
	EXPECT_EQ(t & HELIOS_TAG_RESERVED_BITS, 0u);
}

TEST(TagTest, LimitsFit)
{
	helios_tag_t t = helios_tag(HELIOS_LABEL_MAX, HELIOS_MSG_MAX_PARAMS, HELIOS_MSG_MAX_CAPS);
	EXPECT_EQ(helios_tag_label(t), HELIOS_LABEL_MAX);
	EXPECT_EQ(helios_tag_params(t), static_cast<unsigned>(HELIOS_MSG_MAX_PARAMS));
	EXPECT_EQ(helios_tag_caps(t), static_cast<unsigned>(HELIOS_MSG_MAX_CAPS));
	EXPECT_EQ(t & HELIOS_TAG_RESERVED_BITS, 0u);
}

TEST(TagTest, FieldsDoNotBleed)
{
	// Out-of-range counts are masked, never spill into the label or the move flag.
	helios_tag_t t = helios_tag(0, 0xff, 0xff);
	EXPECT_EQ(helios_tag_label(t), 0u);
	EXPECT_EQ(t & HELIOS_TAG_MOVE_CAPS, 0u);
	EXPECT_EQ(helios_tag_caps(t), 7u);
	EXPECT_EQ(helios_tag_params(t), 0x7fu);
}

TEST(TagTest, MethodLabelsAreBelowInterfaceLabels)
{
	EXPECT_LT(static_cast<uint64_t>(HELIOS_IRQ_HANDLER_ACK), 1ull << 16);
	EXPECT_LT(static_cast<uint64_t>(HELIOS_MEMORY_RETYPE), 1ull << 16);
	EXPECT_EQ(HELIOS_METHOD(HELIOS_CAP_TASK, 1), static_cast<uint64_t>(HELIOS_TASK_CONFIGURE));
}

TEST(TagTest, FaultLabelIsNotAnErrorCode)
{
	EXPECT_GE(HELIOS_FAULT_LABEL, static_cast<uint64_t>(HELIOS_ERROR_COUNT));
	EXPECT_LE(HELIOS_FAULT_LABEL, HELIOS_LABEL_MAX);
}

TEST(TagTest, IpcBufferLayout)
{
	EXPECT_EQ(offsetof(struct helios_ipc_buffer, params), 0u);
	EXPECT_EQ(offsetof(struct helios_ipc_buffer, caps), 512u);
	EXPECT_EQ(sizeof(struct helios_ipc_buffer), 4096u);
	EXPECT_LE(sizeof(struct helios_init_info), 4096u);
}

} // namespace
