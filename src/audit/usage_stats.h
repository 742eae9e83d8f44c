#pragma once
// UsageStats: usage statistics derived from the audit log — calls, rows and denials per
// resource, per organisation and per day (统计: the figures behind disclosure and evaluation
// reports). Built either by scanning the log (FromLog) or kept live by recording each event
// as it becomes durable (AuditLogOptions::on_durable = [&](auto, auto& e) { stats.Record(e); }).
//
// Only data-access events count by default (channels share / open / operation); admin,
// workflow and system events are skipped unless include_admin is set. Days are calendar days
// at a fixed UTC offset, China Standard Time (UTC+8) by default.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "audit/audit_event.h"
#include "core/result.h"

namespace gongshu::audit {

class AuditLog;

struct UsageCounts {
  uint64_t calls = 0;
  uint64_t rows = 0;     // rows returned (sum of AuditEvent::rows_returned)
  uint64_t denials = 0;  // decision = deny
  uint64_t masked = 0;   // decision = masked
  uint64_t errors = 0;   // decision = error

  UsageCounts& operator+=(const UsageCounts& o);
  bool operator==(const UsageCounts&) const = default;
};

struct UsageKey {
  std::string resource_id;
  std::string organisation_id;
  std::string day;  // "YYYY-MM-DD" at the configured offset
  auto operator<=>(const UsageKey&) const = default;
};

struct UsageStatsOptions {
  int utc_offset_minutes = 8 * 60;  // 北京时间
  bool include_admin = false;
};

class UsageStats {
 public:
  explicit UsageStats(UsageStatsOptions options = {});
  UsageStats(UsageStats&&) noexcept;
  UsageStats& operator=(UsageStats&&) noexcept;
  ~UsageStats();

  // Thread-safe.
  void Record(const AuditEvent& event);

  // Scans entries [start, end) of the log (end = 0 means the current size).
  static Result<UsageStats> FromLog(const AuditLog& log, uint64_t start = 0, uint64_t end = 0,
                                    UsageStatsOptions options = {});

  // Every (resource, organisation, day) cell, and the roll-ups.
  std::map<UsageKey, UsageCounts> Cells() const;
  std::map<std::string, UsageCounts> ByResource() const;
  std::map<std::string, UsageCounts> ByOrganisation() const;
  std::map<std::string, UsageCounts> ByDay() const;
  UsageCounts Total() const;

 private:
  UsageStatsOptions options_;
  std::unique_ptr<std::mutex> mu_;  // guards cells_ (a pointer keeps the class movable)
  std::map<UsageKey, UsageCounts> cells_;
};

}  // namespace gongshu::audit
