#include "audit/usage_stats.h"

#include "audit/audit_log.h"
#include "core/time_format.h"

namespace gongshu::audit {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;
constexpr int64_t kMicrosPerDay = 86'400'000'000;

std::string DayOf(int64_t micros, int offset_minutes) {
  int64_t local = micros + offset_minutes * kMicrosPerMinute;
  int64_t days = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --days;  // floor for times before the epoch
  std::string out;
  AppendIsoDate(out, static_cast<int32_t>(days));
  return out;
}

}  // namespace

UsageCounts& UsageCounts::operator+=(const UsageCounts& o) {
  calls += o.calls;
  rows += o.rows;
  denials += o.denials;
  masked += o.masked;
  errors += o.errors;
  return *this;
}

UsageStats::UsageStats(UsageStatsOptions options)
    : options_(options), mu_(std::make_unique<std::mutex>()) {}
UsageStats::UsageStats(UsageStats&&) noexcept = default;
UsageStats& UsageStats::operator=(UsageStats&&) noexcept = default;
UsageStats::~UsageStats() = default;

void UsageStats::Record(const AuditEvent& e) {
  const bool access = e.channel == Channel::kShare || e.channel == Channel::kOpen ||
                      e.channel == Channel::kOperation;
  if (!access && !options_.include_admin) return;
  UsageKey key{e.resource_id, e.organisation_id, DayOf(e.time_micros, options_.utc_offset_minutes)};
  std::lock_guard lock(*mu_);
  UsageCounts& c = cells_[std::move(key)];
  ++c.calls;
  c.rows += e.rows_returned;
  if (e.decision == Decision::kDeny) ++c.denials;
  if (e.decision == Decision::kMasked) ++c.masked;
  if (e.decision == Decision::kError) ++c.errors;
}

Result<UsageStats> UsageStats::FromLog(const AuditLog& log, uint64_t start, uint64_t end,
                                       UsageStatsOptions options) {
  if (end == 0) end = log.Size();
  UsageStats stats(options);
  GS_RETURN_IF_ERROR(
      log.ForEachEntry(start, end, [&](uint64_t index, std::string_view entry) -> Status {
        auto event = DecodeEntry(entry);
        if (!event.ok()) {
          return MakeError(
              ErrorKind::kInternal, "audit.log_corrupt",
              "entry " + std::to_string(index) + " does not decode: " + event.error().message,
              "条目 " + std::to_string(index) + " 无法解码: " + event.error().message_zh);
        }
        stats.Record(*event);
        return Ok();
      }));
  return stats;
}

std::map<UsageKey, UsageCounts> UsageStats::Cells() const {
  std::lock_guard lock(*mu_);
  return cells_;
}

std::map<std::string, UsageCounts> UsageStats::ByResource() const {
  std::map<std::string, UsageCounts> out;
  std::lock_guard lock(*mu_);
  for (const auto& [k, c] : cells_) out[k.resource_id] += c;
  return out;
}

std::map<std::string, UsageCounts> UsageStats::ByOrganisation() const {
  std::map<std::string, UsageCounts> out;
  std::lock_guard lock(*mu_);
  for (const auto& [k, c] : cells_) out[k.organisation_id] += c;
  return out;
}

std::map<std::string, UsageCounts> UsageStats::ByDay() const {
  std::map<std::string, UsageCounts> out;
  std::lock_guard lock(*mu_);
  for (const auto& [k, c] : cells_) out[k.day] += c;
  return out;
}

UsageCounts UsageStats::Total() const {
  UsageCounts total;
  std::lock_guard lock(*mu_);
  for (const auto& [k, c] : cells_) total += c;
  return total;
}

}  // namespace gongshu::audit
