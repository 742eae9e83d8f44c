#include "identity/login_throttle.h"

#include <algorithm>
#include <vector>

namespace gongshu::identity {

namespace {
constexpr int64_t kMicros = 1'000'000;
}

int64_t LoginThrottle::RetryAfterSeconds(std::string_view key) const {
  const int64_t now = clock_.NowMicros();
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end() || it->second.locked_until <= now) return 0;
  return (it->second.locked_until - now + kMicros - 1) / kMicros;
}

void LoginThrottle::RecordFailure(std::string_view key) {
  const int64_t now = clock_.NowMicros();
  const int64_t window = policy_.window.count() * kMicros;
  std::lock_guard lock(mu_);
  if (entries_.size() >= policy_.max_keys) Prune(now);
  Entry& e = entries_[std::string(key)];
  // A failure after a quiet window starts a new count, unless the key is still locked.
  if (e.failures > 0 && now - e.first_failure > window && e.locked_until <= now) e = Entry{};
  if (e.failures == 0) e.first_failure = now;
  ++e.failures;
  if (e.failures >= policy_.free_failures) {
    const int excess = std::min(e.failures - policy_.free_failures, 20);
    int64_t backoff = policy_.base_backoff.count() * kMicros;
    for (int i = 0; i < excess && backoff < policy_.max_backoff.count() * kMicros; ++i) backoff *= 2;
    backoff = std::min<int64_t>(backoff, policy_.max_backoff.count() * kMicros);
    e.locked_until = now + backoff;
  }
}

void LoginThrottle::RecordSuccess(std::string_view key) {
  std::lock_guard lock(mu_);
  entries_.erase(std::string(key));
}

void LoginThrottle::Prune(int64_t now) {
  const int64_t window = policy_.window.count() * kMicros;
  std::erase_if(entries_, [&](const auto& kv) {
    return kv.second.locked_until <= now && now - kv.second.first_failure > window;
  });
  if (entries_.size() < policy_.max_keys) return;
  // Still full (an attack from many keys): forget the oldest half rather than grow without bound.
  std::vector<int64_t> starts;
  starts.reserve(entries_.size());
  for (const auto& kv : entries_) starts.push_back(kv.second.first_failure);
  auto mid = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2);
  std::nth_element(starts.begin(), mid, starts.end());
  const int64_t cutoff = *mid;
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.first_failure <= cutoff; });
}

}  // namespace gongshu::identity
