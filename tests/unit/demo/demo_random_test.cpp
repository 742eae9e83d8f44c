#include "demo/demo_random.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace gongshu::demo {
namespace {

TEST(DemoRandom, SameSeedSameSequence) {
  DemoRandom a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(DemoRandom, StaysInRange) {
  DemoRandom r(7);
  std::array<int, 5> seen{};
  for (int i = 0; i < 10000; ++i) {
    uint64_t b = r.Below(5);
    ASSERT_LT(b, 5u);
    ++seen[b];
    int64_t v = r.Between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    double u = r.Unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
  for (int count : seen) EXPECT_GT(count, 1700);  // ~2000 each
}

TEST(WeightedPicker, FollowsTheWeights) {
  const std::vector<double> weights = {1, 0, 3};
  WeightedPicker p(weights);
  DemoRandom r(1);
  std::array<int, 3> counts{};
  for (int i = 0; i < 40000; ++i) ++counts[p.Pick(r)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2] / 40000.0, 0.75, 0.02);
  WeightedPicker empty;
  EXPECT_EQ(empty.Pick(r), 0u);
}

}  // namespace
}  // namespace gongshu::demo
