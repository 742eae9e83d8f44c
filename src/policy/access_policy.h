#pragma once
// The policy decision point of the open-data foundation: every data access asks Decide(). Until the
// identity issue adds users and grants, there are two principals: anonymous callers, who see only
// published 无条件开放 resources and only fields classified 一般1级 (raw), and the administrator.
// Fail closed: anything not explicitly allowed is denied with a clear reason.
#include <string_view>

#include "catalog/resource.h"
#include "core/clock.h"
#include "policy/decision.h"
#include "policy/principal.h"

namespace gongshu::policy {

class AccessPolicy {
 public:
  explicit AccessPolicy(const Clock& clock) : clock_(clock) {}

  // May the principal see this resource's catalog entry at all?
  bool CanDiscover(const Principal& p, const catalog::Resource& r) const;

  Decision Decide(const Principal& p, const catalog::Resource& r, Channel channel, Action action,
                  std::string_view purpose) const;

 private:
  const Clock& clock_;
};

}  // namespace gongshu::policy
