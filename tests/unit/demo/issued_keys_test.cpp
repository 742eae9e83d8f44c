#include "demo/issued_keys.h"

#include <gtest/gtest.h>

#include <unordered_set>

#include "demo/demo_random.h"

namespace gongshu::demo {
namespace {

TEST(IssuedKeys, RemembersEveryKeyAcrossGrowth) {
  IssuedKeys keys;
  std::unordered_set<uint64_t> reference;
  DemoRandom r(3);
  for (int i = 0; i < 50000; ++i) {
    // Small ranges force repeats; 0 (the internal empty marker) must work like any key.
    const uint64_t k = i % 5 == 0 ? r.Below(1000) : r.Next();
    EXPECT_EQ(keys.Insert(k), reference.insert(k).second) << k;
  }
  EXPECT_EQ(keys.size(), reference.size());
  for (uint64_t k : reference) EXPECT_FALSE(keys.Insert(k));
}

TEST(IssuedKeys, ZeroIsAKey) {
  IssuedKeys keys;
  EXPECT_TRUE(keys.Insert(0));
  EXPECT_FALSE(keys.Insert(0));
  EXPECT_EQ(keys.size(), 1u);
}

}  // namespace
}  // namespace gongshu::demo
