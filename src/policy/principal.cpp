#include "policy/principal.h"

#include <array>
#include <utility>

namespace gongshu::policy {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::kAuthorityAdmin, "authority_admin"},
    {Role::kDepartmentSteward, "department_steward"},
    {Role::kDepartmentConsumer, "department_consumer"},
    {Role::kOperatorAnalyst, "operator_analyst"},
    {Role::kOperatorAdmin, "operator_admin"},
    {Role::kAuditor, "auditor"},
    {Role::kPublicUser, "public_user"},
}};

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 5> kKinds{{
    {OrganisationKind::kAuthority, "authority"},
    {OrganisationKind::kDepartment, "department"},
    {OrganisationKind::kOperator, "operator"},
    {OrganisationKind::kEnterprise, "enterprise"},
    {OrganisationKind::kPublic, "public"},
}};

}  // namespace

std::string_view RoleCode(Role r) {
  for (const auto& [role, code] : kRoles) {
    if (role == r) return code;
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& [role, c] : kRoles) {
    if (c == code) return role;
  }
  return std::nullopt;
}

std::string_view OrganisationKindCode(OrganisationKind k) {
  for (const auto& [kind, code] : kKinds) {
    if (kind == k) return code;
  }
  return "";
}

std::optional<OrganisationKind> ParseOrganisationKind(std::string_view code) {
  for (const auto& [kind, c] : kKinds) {
    if (c == code) return kind;
  }
  return std::nullopt;
}

}  // namespace gongshu::policy
