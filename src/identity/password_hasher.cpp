#include "identity/password_hasher.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace gongshu::identity {

namespace {

// sodium_init must run once before any other libsodium call; it is thread-safe and idempotent,
// but calling it once keeps the failure in one place.
bool SodiumReady() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

class Slot {
 public:
  explicit Slot(std::counting_semaphore<64>& s) : s_(s) { s_.acquire(); }
  ~Slot() { s_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<64>& s_;
};

}  // namespace

PasswordCost PasswordCost::Interactive() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::MinimumForTests() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordCost cost, int max_concurrent)
    : cost_(cost), slots_(std::max(1, std::min(max_concurrent, 64))) {
  if (!SodiumReady()) std::abort();  // no safe way to hash passwords: refuse to run
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  Slot slot(slots_);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorKind::kUnavailable, "auth.hash_failed",
                     "The password could not be hashed (out of memory); try again.", "密码处理失败（内存不足），请重试。");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  // crypto_pwhash_str_verify needs a NUL-terminated string of bounded length.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);
  Slot slot(slots_);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), cost_.ops, cost_.mem_bytes) != 0;
}

void PasswordHasher::BurnVerify(std::string_view password) {
  // Made on first use: start-up (and every CLI verb) need not pay for a hash.
  std::call_once(dummy_once_, [this] {
    auto h = Hash("gongshu-dummy-password-for-timing");
    dummy_hash_ = h.ok() ? std::move(h).value() : std::string();
  });
  (void)Verify(dummy_hash_, password);
}

}  // namespace gongshu::identity
