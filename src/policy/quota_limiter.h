#pragma once
// Quotas on requests and on rows returned, per caller: a signed-in user or API token by its id,
// an anonymous caller by its address. Token buckets holding one minute's allowance, refilled
// continuously. Over quota → 429 quota.exceeded with Retry-After and a bilingual message.
//
// Rows are charged after a page is produced (the page is refused when the bucket cannot cover
// it) or, for streamed exports, as they stream: a long export may leave the bucket in debt, and
// the caller's next requests for rows wait until it is repaid.
#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/result.h"
#include "policy/principal.h"

namespace gongshu::policy {

struct QuotaOptions {
  bool enabled = true;
  double requests_per_minute = 6000;            // per user or API token
  double anonymous_requests_per_minute = 3000;  // per client address
  double rows_per_minute = 10'000'000;          // per user or API token
  double anonymous_rows_per_minute = 5'000'000; // per client address
};

class QuotaLimiter {
 public:
  QuotaLimiter(QuotaOptions options, const Clock& clock);

  // Counts one API request of `p`.
  Status AdmitRequest(const Principal& p);
  // `principal_id` as the authenticator records it on the request ("anonymous" or "" for
  // anonymous callers, who are counted by `client_address`).
  Status ChargeRows(std::string_view principal_id, std::string_view client_address, int64_t rows);
  Status CheckRows(std::string_view principal_id, std::string_view client_address);
  void DebitRows(std::string_view principal_id, std::string_view client_address, int64_t rows);

  const QuotaOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    int64_t updated = 0;  // micros
  };
  struct Shard {
    std::mutex mu;  // guards buckets
    std::unordered_map<std::string, Bucket> buckets;
  };
  enum class Kind { kRequests, kRows };

  // Takes `need` from the bucket if it holds `require`; returns seconds to wait otherwise (0 = taken).
  int64_t Take(Kind kind, const std::string& key, double per_minute, double require, double need);
  Error Exceeded(Kind kind, double per_minute, int64_t wait) const;
  static std::string Key(std::string_view principal_id, std::string_view client_address);

  QuotaOptions options_;
  const Clock& clock_;
  std::array<Shard, 16> shards_;
};

}  // namespace gongshu::policy
