// Usage statistics per resource / organisation / day, live and from a log scan.
#include "audit/usage_stats.h"

#include <gtest/gtest.h>

#include "audit/audit.h"  // the umbrella header compiles on its own
#include "audit_test_util.h"
#include "support/temp_dir.h"

namespace gongshu::audit {
namespace {

AuditEvent Event(std::string resource, std::string org, int64_t micros, Decision d, uint64_t rows,
                 Channel c = Channel::kShare) {
  AuditEvent e;
  e.resource_id = std::move(resource);
  e.organisation_id = std::move(org);
  e.time_micros = micros;
  e.decision = d;
  e.rows_returned = rows;
  e.channel = c;
  return e;
}

constexpr int64_t kHour = 3'600'000'000;
// 2025-01-01T00:00:00Z
constexpr int64_t kNewYearUtc = 1'735'689'600'000'000;

TEST(UsageStats, CountsCallsRowsAndDenialsPerResourceOrganisationAndDay) {
  UsageStats s;
  s.Record(Event("r1", "o1", kNewYearUtc, Decision::kAllow, 10));
  s.Record(Event("r1", "o1", kNewYearUtc + kHour, Decision::kMasked, 5));
  s.Record(Event("r1", "o2", kNewYearUtc, Decision::kDeny, 0));
  s.Record(
      Event("r2", "o1", kNewYearUtc + 17 * kHour, Decision::kError, 0));  // 01:00 on Jan 2 in UTC+8
  s.Record(Event("r2", "o1", kNewYearUtc, Decision::kAllow, 1, Channel::kAdmin));  // not counted

  EXPECT_EQ(s.Total(), (UsageCounts{4, 15, 1, 1, 1}));
  auto by_resource = s.ByResource();
  EXPECT_EQ(by_resource["r1"], (UsageCounts{3, 15, 1, 1, 0}));
  EXPECT_EQ(by_resource["r2"], (UsageCounts{1, 0, 0, 0, 1}));
  auto by_org = s.ByOrganisation();
  EXPECT_EQ(by_org["o1"].calls, 3u);
  EXPECT_EQ(by_org["o2"].denials, 1u);
  auto by_day = s.ByDay();
  ASSERT_EQ(by_day.size(), 2u);
  EXPECT_EQ(by_day["2025-01-01"].calls, 3u);
  EXPECT_EQ(by_day["2025-01-02"].calls, 1u);
  auto cells = s.Cells();
  EXPECT_EQ((cells[UsageKey{"r1", "o1", "2025-01-01"}]), (UsageCounts{2, 15, 0, 1, 0}));

  UsageStats utc({.utc_offset_minutes = 0, .include_admin = true});
  utc.Record(Event("r2", "o1", kNewYearUtc + 17 * kHour, Decision::kAllow, 0));
  utc.Record(Event("r2", "o1", kNewYearUtc - 1, Decision::kAllow, 0, Channel::kAdmin));
  EXPECT_EQ(utc.ByDay().begin()->first, "2024-12-31");
  EXPECT_EQ(utc.Total().calls, 2u);
}

TEST(UsageStats, LiveCountersMatchAScanOfTheLog) {
  testing::TempDir dir;
  UsageStats live;
  AuditLogOptions o;
  o.directory = dir.path() / "audit";
  o.origin = "gongshu.test/audit";
  o.on_durable = [&](uint64_t, const AuditEvent& e) { live.Record(e); };
  auto log = AuditLog::Open(o).value();
  for (uint64_t i = 0; i < 200; ++i) {
    log->Append(i % 9 == 4 ? testutil::SampleAdminEvent(i) : testutil::SampleEvent(i)).value();
  }
  auto scanned = UsageStats::FromLog(*log);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(scanned->Cells(), live.Cells());
  EXPECT_GT(live.Total().calls, 150u);
  EXPECT_GT(live.Total().denials, 0u);
  auto part = UsageStats::FromLog(*log, 0, 50).value();
  EXPECT_LT(part.Total().calls, live.Total().calls);
}

}  // namespace
}  // namespace gongshu::audit
