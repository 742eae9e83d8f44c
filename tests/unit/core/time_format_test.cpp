#include "core/time_format.h"

#include <gtest/gtest.h>

namespace gongshu {
namespace {

TEST(TimeFormat, DaysRoundTripAcrossCenturiesAndLeapDays) {
  for (int32_t d = -800000; d <= 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}) - DaysFromCivil({2000, 2, 28}), 2);  // 2000 is leap
  EXPECT_EQ(DaysFromCivil({1900, 3, 1}) - DaysFromCivil({1900, 2, 28}), 1);  // 1900 is not
}

TEST(TimeFormat, ParsesStrictIsoDates) {
  EXPECT_EQ(ParseIsoDate("1970-01-02"), 1);
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_FALSE(ParseIsoDate("2024-13-01"));
  EXPECT_FALSE(ParseIsoDate("2024-1-01"));
  EXPECT_FALSE(ParseIsoDate("２０２４-01-01"));
}

TEST(TimeFormat, TimestampsRoundTrip) {
  auto t = ParseIsoTimestamp("2026-11-27T19:13:54.123456Z");
  ASSERT_TRUE(t);
  std::string s;
  AppendIsoTimestamp(s, *t);
  EXPECT_EQ(s, "2026-11-27T19:13:54.123456");
  EXPECT_EQ(ParseIsoTimestamp("2026-11-27 00:00"), ParseIsoTimestamp("2026-11-27"));
  EXPECT_FALSE(ParseIsoTimestamp("2026-11-27T24:00:00"));
  EXPECT_FALSE(ParseIsoTimestamp("2026-11-27T10:00:00.1234567"));
  s.clear();
  AppendIsoTimestamp(s, -1);
  EXPECT_EQ(s, "1969-12-31T23:59:59.999999");
}

}  // namespace
}  // namespace gongshu
