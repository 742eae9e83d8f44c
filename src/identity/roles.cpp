#include "identity/roles.h"

#include <algorithm>
#include <array>

#include "core/strings.h"

namespace gongshu::identity {

using policy::OrganisationKind;
using policy::Role;

namespace {

struct LevelInfo {
  AdminLevel level;
  std::string_view code, zh, en;
};
constexpr std::array<LevelInfo, 5> kLevels{{
    {AdminLevel::kUnspecified, "", "未指定", "Unspecified"},
    {AdminLevel::kNational, "national", "国家级", "National"},
    {AdminLevel::kProvincial, "provincial", "省级", "Provincial"},
    {AdminLevel::kMunicipal, "municipal", "市级", "Municipal"},
    {AdminLevel::kCounty, "county", "县级", "County"},
}};

struct RoleInfo {
  Role role;
  OrganisationKind kind;
  OrganisationKind also;  // a second kind the role fits (public_user: enterprise and public)
  std::string_view zh, en;
};
constexpr std::array<RoleInfo, 7> kRoleInfo{{
    {Role::kAuthorityAdmin, OrganisationKind::kAuthority, OrganisationKind::kAuthority, "数据管理机构管理员",
     "Data authority administrator"},
    {Role::kAuditor, OrganisationKind::kAuthority, OrganisationKind::kAuthority, "审计人员", "Auditor"},
    {Role::kDepartmentSteward, OrganisationKind::kDepartment, OrganisationKind::kDepartment, "部门数据管理员",
     "Department data steward"},
    {Role::kDepartmentConsumer, OrganisationKind::kDepartment, OrganisationKind::kDepartment, "部门数据使用人员",
     "Department data consumer"},
    {Role::kOperatorAnalyst, OrganisationKind::kOperator, OrganisationKind::kOperator, "运营机构分析人员",
     "Operator analyst"},
    {Role::kOperatorAdmin, OrganisationKind::kOperator, OrganisationKind::kOperator, "运营机构管理员",
     "Operator administrator"},
    {Role::kPublicUser, OrganisationKind::kEnterprise, OrganisationKind::kPublic, "社会公众用户", "Public user"},
}};

const RoleInfo* Info(Role r) {
  for (const auto& i : kRoleInfo) {
    if (i.role == r) return &i;
  }
  return nullptr;
}

}  // namespace

std::string_view AdminLevelCode(AdminLevel l) {
  for (const auto& i : kLevels) {
    if (i.level == l) return i.code;
  }
  return "";
}

std::optional<AdminLevel> ParseAdminLevel(std::string_view code) {
  for (const auto& i : kLevels) {
    if (i.code == code) return i.level;
  }
  return std::nullopt;
}

std::string_view AdminLevelNameZh(AdminLevel l) {
  for (const auto& i : kLevels) {
    if (i.level == l) return i.zh;
  }
  return "";
}

std::string_view AdminLevelNameEn(AdminLevel l) {
  for (const auto& i : kLevels) {
    if (i.level == l) return i.en;
  }
  return "";
}

std::string_view RoleNameZh(Role r) {
  const RoleInfo* i = Info(r);
  return i ? i->zh : "";
}

std::string_view RoleNameEn(Role r) {
  const RoleInfo* i = Info(r);
  return i ? i->en : "";
}

std::string_view OrganisationKindNameZh(OrganisationKind k) {
  switch (k) {
    case OrganisationKind::kAuthority: return "数据管理机构";
    case OrganisationKind::kDepartment: return "政府部门";
    case OrganisationKind::kOperator: return "运营机构";
    case OrganisationKind::kEnterprise: return "企业";
    case OrganisationKind::kPublic: return "社会公众";
  }
  return "";
}

std::string_view OrganisationKindNameEn(OrganisationKind k) {
  switch (k) {
    case OrganisationKind::kAuthority: return "Data authority";
    case OrganisationKind::kDepartment: return "Government department";
    case OrganisationKind::kOperator: return "Licensed operator";
    case OrganisationKind::kEnterprise: return "Enterprise";
    case OrganisationKind::kPublic: return "The public";
  }
  return "";
}

bool RoleAllowedFor(OrganisationKind kind, Role role) {
  const RoleInfo* i = Info(role);
  return i != nullptr && (i->kind == kind || i->also == kind);
}

std::vector<Role> RolesAllowedFor(OrganisationKind kind) {
  std::vector<Role> out;
  for (const auto& i : kRoleInfo) {
    if (i.kind == kind || i.also == kind) out.push_back(i.role);
  }
  return out;
}

Result<std::vector<Role>> ParseRoleList(const std::vector<std::string>& codes) {
  std::vector<Role> out;
  for (const auto& c : codes) {
    auto r = policy::ParseRole(c);
    if (!r) {
      return MakeError(ErrorKind::kInvalidArgument, "user.unknown_role",
                       "Unknown role '" + c +
                           "'. Roles: authority_admin, auditor, department_steward, department_consumer, "
                           "operator_analyst, operator_admin, public_user.",
                       "未知的角色“" + c + "”。");
    }
    if (std::find(out.begin(), out.end(), *r) != out.end()) {
      return MakeError(ErrorKind::kInvalidArgument, "user.duplicate_role", "Role '" + c + "' is listed twice.",
                       "角色“" + c + "”重复。");
    }
    out.push_back(*r);
  }
  return out;
}

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ',';
    out += policy::RoleCode(r);
  }
  return out;
}

std::vector<Role> RolesFromColumn(std::string_view column) {
  std::vector<Role> out;
  for (std::string_view part : Split(column, ',')) {
    auto r = policy::ParseRole(Trim(part));
    if (r && std::find(out.begin(), out.end(), *r) == out.end()) out.push_back(*r);
  }
  return out;
}

bool IsValidRegionCode(std::string_view code, AdminLevel level) {
  if (code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  if (code == "100000") return level == AdminLevel::kUnspecified || level == AdminLevel::kNational;
  if (level == AdminLevel::kNational) return false;
  // Province prefixes of GB/T 2260 (the same set as the gs_is_division_code macro).
  static constexpr std::array<std::string_view, 34> kProvinces{
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
      "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  if (std::find(kProvinces.begin(), kProvinces.end(), code.substr(0, 2)) == kProvinces.end()) return false;
  const bool province = code.substr(2) == "0000";
  const bool city = !province && code.substr(4) == "00";
  switch (level) {
    case AdminLevel::kProvincial: return province;
    case AdminLevel::kMunicipal: return city;
    case AdminLevel::kCounty: return !province && !city;
    default: return true;
  }
}

}  // namespace gongshu::identity
