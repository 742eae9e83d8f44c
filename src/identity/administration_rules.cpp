#include "identity/administration_rules.h"

#include <algorithm>

namespace gongshu::identity {

using policy::OrganisationKind;
using policy::Role;

bool ManagesOrganisations(const Actor& a) { return a.console || a.principal.Has(Role::kAuthorityAdmin); }

bool ManagesUsersOf(const Actor& a, const OrganisationRecord& org) {
  if (a.console || a.principal.Has(Role::kAuthorityAdmin)) return true;
  if (a.principal.organisation_id != org.id) return false;
  return (org.kind == OrganisationKind::kDepartment && a.principal.Has(Role::kDepartmentSteward)) ||
         (org.kind == OrganisationKind::kOperator && a.principal.Has(Role::kOperatorAdmin));
}

bool CanSeeUser(const Actor& a, const User& u, const OrganisationRecord& org) {
  if (!a.console && !a.principal.user_id.empty() && a.principal.user_id == u.id) return true;
  return ManagesUsersOf(a, org);
}

bool InResourceScope(const policy::Principal& p, std::string_view resource_id) {
  if (p.resource_scope.empty()) return true;
  return std::find(p.resource_scope.begin(), p.resource_scope.end(), resource_id) != p.resource_scope.end();
}

bool CanCreateResourceFor(const policy::Principal& p, std::string_view provider_id) {
  // A token narrowed to some resources cannot create new ones.
  if (!p.resource_scope.empty()) return false;
  if (p.Has(Role::kAuthorityAdmin)) return true;
  return p.Has(Role::kDepartmentSteward) && !p.organisation_id.empty() && p.organisation_id == provider_id;
}

bool CanAdministerResource(const policy::Principal& p, const catalog::Resource& r) {
  if (!InResourceScope(p, r.id)) return false;
  if (p.Has(Role::kAuthorityAdmin)) return true;
  return p.Has(Role::kDepartmentSteward) && !p.organisation_id.empty() && p.organisation_id == r.provider_id;
}

}  // namespace gongshu::identity
