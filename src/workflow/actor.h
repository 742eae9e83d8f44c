#pragma once
// Who acts on a workflow object, and in which capacities (身份) the state machines check.
#include <cstdint>
#include <string>
#include <string_view>

#include "policy/principal.h"

namespace gongshu::workflow {

// The capacities a transition may require. A principal holds some of them towards one object.
enum class Capacity : uint32_t {
  kSystem = 1u << 0,           // the platform itself: automatic checks, deadlines, notices
  kApplicant = 1u << 1,        // a member of the applying organisation (or the applying person)
  kProviderSteward = 1u << 2,  // a data steward of the provider department (提供部门数据管理员)
  kAuthority = 1u << 3,        // an administrator of the data authority, or the local console
  kGrantee = 1u << 4,          // the holder of a grant
};
using Capacities = uint32_t;
constexpr Capacities operator|(Capacity a, Capacity b) { return static_cast<uint32_t>(a) | static_cast<uint32_t>(b); }
constexpr Capacities operator|(Capacities a, Capacity b) { return a | static_cast<uint32_t>(b); }
constexpr bool Holds(Capacities set, Capacity c) { return (set & static_cast<uint32_t>(c)) != 0; }

struct Actor {
  policy::Principal principal;
  std::string request_id;  // for the audit log; "" outside HTTP
  bool system = false;

  static Actor Of(policy::Principal p, std::string request_id = {}) { return Actor{std::move(p), std::move(request_id), false}; }
  // The platform acting on its own (automatic compliance checks, deadlines, notices).
  static Actor System() {
    Actor a;
    a.principal.id = "system";
    a.system = true;
    return a;
  }

  // The person acting: the user behind a session or token, else the principal id.
  std::string Id() const { return principal.user_id.empty() ? principal.id : principal.user_id; }
  const std::string& Org() const { return principal.organisation_id; }
  bool Authenticated() const { return system || !principal.IsAnonymous(); }
  bool IsMember() const {
    return principal.kind == policy::PrincipalKind::kUser || principal.kind == policy::PrincipalKind::kApiToken;
  }
  // 数据管理机构管理员, or the start-up administrator / local console, who stands in for it.
  bool IsAuthority() const {
    return principal.IsAdministrator() ||
           (IsMember() && principal.organisation_kind == policy::OrganisationKind::kAuthority &&
            principal.Has(policy::Role::kAuthorityAdmin));
  }
  bool IsAuditor() const { return IsMember() && principal.Has(policy::Role::kAuditor); }
  bool IsStewardOf(std::string_view org) const {
    return IsMember() && !org.empty() && principal.organisation_id == org &&
           principal.organisation_kind == policy::OrganisationKind::kDepartment &&
           principal.Has(policy::Role::kDepartmentSteward);
  }
  bool IsMemberOf(std::string_view org) const { return IsMember() && !org.empty() && principal.organisation_id == org; }
};

}  // namespace gongshu::workflow
