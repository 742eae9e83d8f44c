#include "policy/quota_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace gongshu::policy {

namespace {
constexpr size_t kMaxBucketsPerShard = 20000;  // memory bound under many distinct addresses
}

QuotaLimiter::QuotaLimiter(QuotaOptions options, const Clock& clock) : options_(options), clock_(clock) {}

std::string QuotaLimiter::Key(std::string_view principal_id, std::string_view client_address) {
  if (principal_id.empty() || principal_id == "anonymous") return "ip:" + std::string(client_address);
  return "id:" + std::string(principal_id);
}

int64_t QuotaLimiter::Take(Kind kind, const std::string& key, double per_minute, double require, double need) {
  if (per_minute <= 0) return 60;  // a zero quota refuses everything
  const std::string full_key = (kind == Kind::kRequests ? "r|" : "n|") + key;
  Shard& shard = shards_[std::hash<std::string>{}(full_key) % shards_.size()];
  const int64_t now = clock_.NowMicros();
  const double rate = per_minute / 60.0 / 1e6;  // tokens per microsecond
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() >= kMaxBucketsPerShard) {
    // Full buckets carry no information: forget them.
    std::erase_if(shard.buckets, [&](const auto& kv) {
      return kv.second.tokens + static_cast<double>(now - kv.second.updated) * rate >= per_minute;
    });
  }
  auto [it, inserted] = shard.buckets.try_emplace(full_key, Bucket{per_minute, now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens = std::min(per_minute, b.tokens + static_cast<double>(std::max<int64_t>(0, now - b.updated)) * rate);
    b.updated = now;
  }
  require = std::min(require, per_minute);
  if (b.tokens >= require) {
    b.tokens -= need;
    return 0;
  }
  const double wait_us = (require - b.tokens) / rate;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait_us / 1e6)));
}

Error QuotaLimiter::Exceeded(Kind kind, double per_minute, int64_t wait) const {
  const std::string n = std::to_string(static_cast<int64_t>(per_minute));
  const std::string s = std::to_string(wait);
  Error e = kind == Kind::kRequests
                ? MakeError(ErrorKind::kTooManyRequests, "quota.exceeded",
                            "Request quota exceeded (" + n + " requests per minute); try again in " + s + " s.",
                            "请求次数超出配额（每分钟" + n + "次），请在" + s + "秒后重试。")
                : MakeError(ErrorKind::kTooManyRequests, "quota.exceeded",
                            "Row quota exceeded (" + n + " rows per minute); try again in " + s + " s.",
                            "返回记录数超出配额（每分钟" + n + "条），请在" + s + "秒后重试。");
  e.retry_after_seconds = wait;
  return e;
}

Status QuotaLimiter::AdmitRequest(const Principal& p) {
  if (!options_.enabled) return Ok();
  const bool anon = p.IsAnonymous();
  const double limit = anon ? options_.anonymous_requests_per_minute : options_.requests_per_minute;
  const int64_t wait = Take(Kind::kRequests, Key(anon ? "" : p.id, p.client_address), limit, 1, 1);
  if (wait > 0) return Exceeded(Kind::kRequests, limit, wait);
  return Ok();
}

Status QuotaLimiter::ChargeRows(std::string_view principal_id, std::string_view client_address, int64_t rows) {
  if (!options_.enabled || rows <= 0) return Ok();
  const std::string key = Key(principal_id, client_address);
  const double limit = key.starts_with("ip:") ? options_.anonymous_rows_per_minute : options_.rows_per_minute;
  const double n = static_cast<double>(rows);
  const int64_t wait = Take(Kind::kRows, key, limit, n, n);
  if (wait > 0) return Exceeded(Kind::kRows, limit, wait);
  return Ok();
}

Status QuotaLimiter::CheckRows(std::string_view principal_id, std::string_view client_address) {
  if (!options_.enabled) return Ok();
  const std::string key = Key(principal_id, client_address);
  const double limit = key.starts_with("ip:") ? options_.anonymous_rows_per_minute : options_.rows_per_minute;
  const int64_t wait = Take(Kind::kRows, key, limit, 1, 0);
  if (wait > 0) return Exceeded(Kind::kRows, limit, wait);
  return Ok();
}

void QuotaLimiter::DebitRows(std::string_view principal_id, std::string_view client_address, int64_t rows) {
  if (!options_.enabled || rows <= 0) return;
  const std::string key = Key(principal_id, client_address);
  const double limit = key.starts_with("ip:") ? options_.anonymous_rows_per_minute : options_.rows_per_minute;
  (void)Take(Kind::kRows, key, limit, -1e300, static_cast<double>(rows));  // always taken: may go into debt
}

}  // namespace gongshu::policy
