#include "identity/login_throttle.h"

#include <gtest/gtest.h>

namespace gongshu::identity {
namespace {

using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  ManualClock clock_{TimePoint(seconds(1'700'000'000))};
  LoginThrottle throttle_{ThrottlePolicy{5, std::chrono::minutes(15), seconds(30), std::chrono::minutes(15), 1000},
                          clock_};
};

TEST_F(LoginThrottleTest, LocksAfterTheFreeFailuresAndBacksOffExponentially) {
  for (int i = 0; i < 4; ++i) {
    throttle_.RecordFailure("alice");
    EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 0) << "failure " << i + 1 << " is free";
  }
  throttle_.RecordFailure("alice");  // 5th
  EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 30);
  EXPECT_EQ(throttle_.RetryAfterSeconds("bob"), 0) << "keys are independent";
  clock_.Advance(seconds(10));
  EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 20);
  clock_.Advance(seconds(20));
  EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 0);
  throttle_.RecordFailure("alice");  // 6th: doubled
  EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 60);
  clock_.Advance(seconds(60));
  throttle_.RecordFailure("alice");  // 7th
  EXPECT_EQ(throttle_.RetryAfterSeconds("alice"), 120);
}

TEST_F(LoginThrottleTest, BackOffIsCapped) {
  for (int i = 0; i < 40; ++i) throttle_.RecordFailure("mallory");
  EXPECT_EQ(throttle_.RetryAfterSeconds("mallory"), 15 * 60);
}

TEST_F(LoginThrottleTest, SuccessClearsAndQuietWindowResets) {
  for (int i = 0; i < 4; ++i) throttle_.RecordFailure("carol");
  throttle_.RecordSuccess("carol");
  throttle_.RecordFailure("carol");
  EXPECT_EQ(throttle_.RetryAfterSeconds("carol"), 0);
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure("dave");
  clock_.Advance(std::chrono::minutes(16));  // the window passed: counting starts again
  throttle_.RecordFailure("dave");
  EXPECT_EQ(throttle_.RetryAfterSeconds("dave"), 0);
}

TEST_F(LoginThrottleTest, MemoryIsBounded) {
  for (int i = 0; i < 5000; ++i) throttle_.RecordFailure("k" + std::to_string(i));
  // Still answers, and recent keys are remembered.
  for (int i = 0; i < 5; ++i) throttle_.RecordFailure("last");
  EXPECT_GT(throttle_.RetryAfterSeconds("last"), 0);
}

}  // namespace
}  // namespace gongshu::identity
