// The registry's service table and waiting calls on the host: slots, generations, limits.
#include <gtest/gtest.h>

#include <string>

#include "mercury/registry/table.h"
#include "mercury/registry/waiters.h"

namespace {

constexpr helios_caddr_t kFirstSlot = 100;

registry_name Name(uint32_t iface, const std::string &instance)
{
	registry_name n{};
	EXPECT_TRUE(registry_name_set(&n, iface, instance.c_str()));
	return n;
}

TEST(RegistryTable, AddFindRemove)
{
	registry_table t;
	registry_table_init(&t, kFirstSlot);
	registry_name main = Name(1, "main"), other = Name(2, "main");
	EXPECT_EQ(registry_table_find(&t, &main), nullptr);
	registry_entry *e = registry_table_add(&t, &main, 7);
	ASSERT_NE(e, nullptr);
	EXPECT_EQ(e->slot, kFirstSlot);
	EXPECT_EQ(e->publisher, 7u);
	EXPECT_EQ(e->generation, 1u);
	EXPECT_EQ(registry_table_find(&t, &main), e);
	EXPECT_EQ(registry_table_find(&t, &other), nullptr);
	registry_table_remove(e);
	EXPECT_EQ(registry_table_find(&t, &main), nullptr);
}

// Every publish gets a greater generation, even of a name seen before in the same entry.
TEST(RegistryTable, GenerationsOnlyGrow)
{
	registry_table t;
	registry_table_init(&t, kFirstSlot);
	registry_name main = Name(1, "main"), spare = Name(1, "spare");
	registry_entry *a = registry_table_add(&t, &main, 1);
	registry_entry *b = registry_table_add(&t, &spare, 1);
	EXPECT_EQ(b->generation, 2u);
	EXPECT_EQ(b->slot, kFirstSlot + 1);
	registry_table_remove(a);
	registry_entry *again = registry_table_add(&t, &main, 1);
	EXPECT_EQ(again, a); // the same entry and slot
	EXPECT_EQ(again->generation, 3u);
}

TEST(RegistryTable, FullThenRoomAgain)
{
	registry_table t;
	registry_table_init(&t, kFirstSlot);
	for (unsigned i = 0; i < REGISTRY_SERVICES_MAX; i++) {
		registry_name n = Name(1, "s" + std::to_string(i));
		registry_entry *e = registry_table_add(&t, &n, 1);
		ASSERT_NE(e, nullptr);
		EXPECT_EQ(e->slot, kFirstSlot + i);
	}
	registry_name extra = Name(1, "extra"), s5 = Name(1, "s5");
	EXPECT_EQ(registry_table_add(&t, &extra, 1), nullptr);
	registry_table_remove(registry_table_find(&t, &s5));
	registry_entry *e = registry_table_add(&t, &extra, 1);
	ASSERT_NE(e, nullptr);
	EXPECT_EQ(e->slot, kFirstSlot + 5);
}

TEST(RegistryWaiters, AnsweredOnlyByANewerInstanceOfTheirName)
{
	registry_waiters ws;
	registry_waiters_init(&ws, kFirstSlot);
	registry_name main = Name(1, "main"), other = Name(1, "other");
	registry_waiter *w = registry_waiters_add(&ws, &main, 4, 9);
	ASSERT_NE(w, nullptr);
	EXPECT_EQ(w->reply, kFirstSlot);
	EXPECT_EQ(w->badge, 9u);
	EXPECT_EQ(registry_waiters_answered_by(&ws, &main, 4), nullptr);  // the one it knew
	EXPECT_EQ(registry_waiters_answered_by(&ws, &other, 5), nullptr); // another name
	EXPECT_EQ(registry_waiters_answered_by(&ws, &main, 5), w);
	registry_waiters_remove(w);
	EXPECT_EQ(registry_waiters_answered_by(&ws, &main, 5), nullptr);
}

TEST(RegistryWaiters, EachCallerHasAShare)
{
	registry_waiters ws;
	registry_waiters_init(&ws, kFirstSlot);
	registry_name main = Name(1, "main");
	for (unsigned i = 0; i < REGISTRY_WAITERS_PER_CALLER; i++)
		ASSERT_NE(registry_waiters_add(&ws, &main, 0, 1), nullptr);
	EXPECT_EQ(registry_waiters_add(&ws, &main, 0, 1), nullptr);
	unsigned added = REGISTRY_WAITERS_PER_CALLER;
	for (uint64_t badge = 2; added < REGISTRY_WAITERS_MAX; badge++)
		for (unsigned i = 0; i < REGISTRY_WAITERS_PER_CALLER && added < REGISTRY_WAITERS_MAX;
		     i++, added++)
			ASSERT_NE(registry_waiters_add(&ws, &main, 0, badge), nullptr);
	EXPECT_EQ(registry_waiters_add(&ws, &main, 0, 100), nullptr); // every place taken
	registry_waiters_remove(&ws.w[3]);
	registry_waiter *w = registry_waiters_add(&ws, &main, 0, 100);
	ASSERT_NE(w, nullptr);
	EXPECT_EQ(w->reply, kFirstSlot + 3);
}

} // namespace
