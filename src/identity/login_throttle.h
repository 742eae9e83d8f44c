#pragma once
// Login throttling: after `free_failures` failed sign-ins for one key (a username, or a client
// address) within `window`, further attempts are refused until a back-off has passed; the back-off
// doubles with each further failure up to `max_backoff`. A success clears the key. Refused
// attempts never reach the password hash, so a guessing attack costs the server nothing.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace gongshu::identity {

struct ThrottlePolicy {
  int free_failures = 5;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds base_backoff{30};
  std::chrono::seconds max_backoff{15 * 60};
  size_t max_keys = 100000;  // memory bound: the oldest keys are forgotten first
};

class LoginThrottle {
 public:
  LoginThrottle(ThrottlePolicy policy, const Clock& clock) : policy_(policy), clock_(clock) {}

  // Seconds until the key may try again; 0 = allowed now.
  int64_t RetryAfterSeconds(std::string_view key) const;
  void RecordFailure(std::string_view key);
  void RecordSuccess(std::string_view key);

 private:
  struct Entry {
    int failures = 0;
    int64_t first_failure = 0;  // micros
    int64_t locked_until = 0;   // micros
  };
  void Prune(int64_t now);

  ThrottlePolicy policy_;
  const Clock& clock_;
  mutable std::mutex mu_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace gongshu::identity
