#pragma once
// 决策快照: the immutable, indexed copy of every live grant, authorization, registration and
// pending application that the decision point reads. Built off the hot path (after a committed
// change) and swapped atomically by AccessPolicy; a decision never touches the engine.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "policy/grant.h"

namespace gongshu::policy {

class PolicySnapshot {
 public:
  PolicySnapshot() = default;  // no grants at all
  PolicySnapshot(PolicyInputs inputs, uint64_t generation, bool degraded);
  PolicySnapshot(const PolicySnapshot&) = delete;
  PolicySnapshot& operator=(const PolicySnapshot&) = delete;

  // Grants of one kind held by an organisation on a resource (any state; the caller decides).
  std::span<const Grant* const> Grants(GrantKind kind, std::string_view org, std::string_view resource) const;
  // Authorizations (any state) naming the organisation as operator.
  std::span<const OperationAuthorization* const> AuthorizationsOf(std::string_view operator_org) const;
  bool IsRegistered(std::string_view resource) const;
  // An undecided application by this organisation (and user, for individuals) for the resource.
  bool IsPending(GrantKind kind, std::string_view org, std::string_view user, std::string_view resource) const;

  const PolicyInputs& inputs() const { return inputs_; }
  uint64_t generation() const { return generation_; }
  // True when built after a failed reload: grants are withheld, so grant-based access fails
  // closed (503) until the next successful rebuild; open data without grants still serves.
  bool degraded() const { return degraded_; }

 private:
  static std::string Key(GrantKind kind, std::string_view org, std::string_view resource);

  PolicyInputs inputs_;
  uint64_t generation_ = 0;
  bool degraded_ = false;
  std::unordered_map<std::string, std::vector<const Grant*>> grants_;
  std::unordered_map<std::string, std::vector<const OperationAuthorization*>> authorizations_;
  std::unordered_set<std::string> registered_;
  std::unordered_set<std::string> pending_;
};

}  // namespace gongshu::policy
