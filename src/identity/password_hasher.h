#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash_str): a self-describing string holding
// the salt and the cost, verified in constant time. Hashing is deliberately expensive in time and
// memory, so the number of hashes running at once is bounded: a burst of logins queues instead
// of exhausting memory (64 MiB each at the interactive cost).
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongshu::identity {

struct PasswordCost {
  uint64_t ops = 0;
  size_t mem_bytes = 0;
  // crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): the production cost.
  static PasswordCost Interactive();
  // The minimum libsodium accepts, for unit tests that hash many passwords. Never in production.
  static PasswordCost MinimumForTests();
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = PasswordCost::Interactive(), int max_concurrent = 2);

  Result<std::string> Hash(std::string_view password);
  // False for a wrong password or a malformed hash.
  bool Verify(std::string_view hash, std::string_view password);
  // True when `hash` was made with another cost (rehash after a successful login).
  bool NeedsRehash(std::string_view hash) const;
  // Runs a verification against a fixed hash, so that a login for an unknown user costs as much
  // as one for a known user (no user enumeration by timing).
  void BurnVerify(std::string_view password);

  const PasswordCost& cost() const { return cost_; }

 private:
  PasswordCost cost_;
  std::counting_semaphore<64> slots_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace gongshu::identity
