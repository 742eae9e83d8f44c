// policy::QuotaLimiter is part of the identity work (issue 3); its tests live with identity's.
#include "policy/quota_limiter.h"

#include <gtest/gtest.h>

namespace gongshu::policy {
namespace {

using std::chrono::seconds;

Principal User(std::string id) {
  Principal p;
  p.kind = PrincipalKind::kUser;
  p.id = p.user_id = std::move(id);
  p.client_address = "10.0.0.1";
  return p;
}

class QuotaLimiterTest : public ::testing::Test {
 protected:
  QuotaOptions Small() {
    QuotaOptions o;
    o.requests_per_minute = 6;
    o.anonymous_requests_per_minute = 3;
    o.rows_per_minute = 100;
    o.anonymous_rows_per_minute = 10;
    return o;
  }
  ManualClock clock_{TimePoint(seconds(1'700'000'000))};
};

TEST_F(QuotaLimiterTest, RequestBucketsRefuseWithRetryAfterAndRefill) {
  QuotaLimiter q(Small(), clock_);
  auto anon = Principal::Anonymous("192.0.2.7");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(q.AdmitRequest(anon).ok()) << i;
  Status over = q.AdmitRequest(anon);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().kind, ErrorKind::kTooManyRequests);
  EXPECT_EQ(over.error().code, "quota.exceeded");
  EXPECT_EQ(over.error().retry_after_seconds, 20);  // 3 per minute: one every 20 s
  EXPECT_FALSE(over.error().message_zh.empty());
  // Another address and a signed-in user have their own buckets.
  EXPECT_TRUE(q.AdmitRequest(Principal::Anonymous("192.0.2.8")).ok());
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(q.AdmitRequest(User("u_a")).ok()) << i;
  EXPECT_FALSE(q.AdmitRequest(User("u_a")).ok());
  EXPECT_TRUE(q.AdmitRequest(User("u_b")).ok());
  clock_.Advance(seconds(20));
  EXPECT_TRUE(q.AdmitRequest(anon).ok());
  EXPECT_FALSE(q.AdmitRequest(anon).ok());
}

TEST_F(QuotaLimiterTest, RowsArePaidForBeforeTheyLeave) {
  QuotaLimiter q(Small(), clock_);
  EXPECT_TRUE(q.ChargeRows("anonymous", "192.0.2.7", 6).ok());
  Status over = q.ChargeRows("anonymous", "192.0.2.7", 6);  // 4 left: refused, nothing taken
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "quota.exceeded");
  EXPECT_GT(over.error().retry_after_seconds, 0);
  EXPECT_TRUE(q.ChargeRows("anonymous", "192.0.2.7", 4).ok());
  EXPECT_TRUE(q.ChargeRows("u_a", "192.0.2.7", 100).ok()) << "users are counted by id, not address";
}

TEST_F(QuotaLimiterTest, StreamedRowsCanRunIntoDebt) {
  QuotaLimiter q(Small(), clock_);
  EXPECT_TRUE(q.CheckRows("u_a", "").ok());
  q.DebitRows("u_a", "", 250);  // an export streamed 250 rows against 100 per minute
  Status owed = q.CheckRows("u_a", "");
  ASSERT_FALSE(owed.ok());
  EXPECT_EQ(owed.error().retry_after_seconds, 91);  // 150 owed + 1 at 100/min
  clock_.Advance(seconds(91));
  EXPECT_TRUE(q.CheckRows("u_a", "").ok());
}

TEST_F(QuotaLimiterTest, OffMeansOff) {
  QuotaOptions o = Small();
  o.enabled = false;
  QuotaLimiter q(o, clock_);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(q.AdmitRequest(Principal::Anonymous("a")).ok());
  EXPECT_TRUE(q.ChargeRows("anonymous", "a", 1'000'000).ok());
}

}  // namespace
}  // namespace gongshu::policy
