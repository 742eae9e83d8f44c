#pragma once
// 策略决策点 (PDP): every data access asks Decide(). One immutable PolicySnapshot (grants,
// authorizations, registrations, pending applications) is read lock-free and replaced atomically
// by Install() after every committed workflow change; the resource side (attributes, field
// levels) comes from the immutable catalog snapshot the caller already holds. The hot path never
// touches the engine.
//
// Fail closed: anything unknown (principal kind, role, organisation kind, channel, action,
// purpose, a grant that is pending, expired, suspended or revoked, a token whose resource scope
// does not cover the resource, a field that does not exist) is a denial with a bilingual reason
// and a 4xx/503 kind — never an allow, never a 500. The full rule table is docs/security-model.md.
#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "catalog/resource.h"
#include "core/clock.h"
#include "policy/decision.h"
#include "policy/grant.h"
#include "policy/policy_snapshot.h"
#include "policy/principal.h"

namespace gongshu::policy {

class AccessPolicy {
 public:
  explicit AccessPolicy(const Clock& clock);

  // Builds a snapshot from `inputs` and makes it the one decisions read (decisions already
  // running keep the snapshot they started with).
  void Install(PolicyInputs inputs);
  // After a failed reload: withhold every grant-based access (503) until the next Install.
  void InstallDegraded();
  std::shared_ptr<const PolicySnapshot> Snapshot() const { return std::atomic_load(&snapshot_); }

  // May the principal see this resource's catalog entry at all?
  bool CanDiscover(const Principal& p, const catalog::Resource& r) const;

  // The decision for one access. `requested_fields` empty = every permitted field; otherwise
  // each must exist (else 422 policy.unknown_field) and be permitted (else 403
  // policy.field_not_permitted), and the decision is narrowed to them.
  Decision Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                  std::span<const std::string> requested_fields, std::string_view purpose, TimePoint now) const;
  // The same with every permitted field, at the clock's now.
  Decision Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                  std::string_view purpose) const;

  // The channel a principal uses when it names none: departments share, operators operate,
  // everyone else (anonymous, public, enterprises, the authority, auditors) uses the open channel.
  static Channel DefaultChannel(const Principal& p);
  // A data call's decision when the call may not name its channel (`channel` empty): the caller's
  // default channel, and when that denies, the open channel — open data is open to everyone, so a
  // department or operator without a grant reads what the public reads. A named channel is final.
  Decision DecideCall(const Principal& p, const catalog::Resource& r, std::optional<Channel> channel, Action action,
                      std::string_view purpose, TimePoint now) const;

 private:
  const Clock& clock_;
  std::shared_ptr<const PolicySnapshot> snapshot_;
  std::atomic<uint64_t> generation_{0};
};

// A fresh decision id ("dec_" + 16 URL-safe characters).
std::string NewDecisionId();

}  // namespace gongshu::policy
