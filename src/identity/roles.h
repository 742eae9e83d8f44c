#pragma once
// The vocabulary of identity: which roles an organisation of each kind may hold, administrative
// levels of departments (行政级别), and the Chinese/English labels the portal shows.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "policy/principal.h"

namespace gongshu::identity {

// 行政级别 of a government department or authority.
enum class AdminLevel { kUnspecified, kNational, kProvincial, kMunicipal, kCounty };

std::string_view AdminLevelCode(AdminLevel l);  // "", "national", "provincial", "municipal", "county"
std::optional<AdminLevel> ParseAdminLevel(std::string_view code);
std::string_view AdminLevelNameZh(AdminLevel l);  // 国家级 / 省级 / 市级 / 县级
std::string_view AdminLevelNameEn(AdminLevel l);

std::string_view RoleNameZh(policy::Role r);
std::string_view RoleNameEn(policy::Role r);
std::string_view OrganisationKindNameZh(policy::OrganisationKind k);
std::string_view OrganisationKindNameEn(policy::OrganisationKind k);

// Roles are tied to the kind of organisation: authority_admin and auditor belong to the data
// authority, department_* to departments, operator_* to operators, public_user to enterprises and
// the public. A role outside its kind would let, e.g., a company act as a department.
bool RoleAllowedFor(policy::OrganisationKind kind, policy::Role role);
std::vector<policy::Role> RolesAllowedFor(policy::OrganisationKind kind);

// "a,b,c" <-> roles. Parsing fails closed on any unknown or duplicate code (422 user.unknown_role).
Result<std::vector<policy::Role>> ParseRoleList(const std::vector<std::string>& codes);
std::string JoinRoles(const std::vector<policy::Role>& roles);
// Lenient form for rows already in the database: unknown codes are dropped (never granted).
std::vector<policy::Role> RolesFromColumn(std::string_view column);

// GB/T 2260 division code (6 digits, a real province prefix, or 100000 for the whole country),
// consistent with the administrative level when one is given (a province ends in 0000, a city in
// 00, a county does not end in 00).
bool IsValidRegionCode(std::string_view code, AdminLevel level);

}  // namespace gongshu::identity
