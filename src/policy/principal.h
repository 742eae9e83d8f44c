#pragma once
// Who is asking. Every request is made by exactly one Principal: an anonymous caller (the public,
// identified only by address for quotas), a logged-in user (web session), or an API token acting
// for a user. A principal belongs to one organisation and holds roles; tokens may be narrowed to
// some resources. The start-up administrator exists only until identity is bootstrapped.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshu::policy {

enum class PrincipalKind { kAnonymous, kAdministrator, kUser, kApiToken };

// 机构类别: the kind of organisation a principal acts for.
enum class OrganisationKind {
  kAuthority,   // 数据管理机构 / 实施机构
  kDepartment,  // 政府部门 (provider and consumer)
  kOperator,    // 运营机构 (licensed operator)
  kEnterprise,  // 企业
  kPublic,      // 社会公众 (individuals)
};

// 角色.
enum class Role {
  kAuthorityAdmin,      // 数据管理机构管理员: registrations, authorizations, users, rules
  kDepartmentSteward,   // 部门数据管理员: publishes resources, answers applications
  kDepartmentConsumer,  // 部门数据使用人: applies for and consumes shared data
  kOperatorAnalyst,     // 运营机构分析人员: works in the sandbox
  kOperatorAdmin,       // 运营机构管理员: products, operator credentials
  kAuditor,             // 审计人员: reads catalog, disclosure, statistics and audit proofs
  kPublicUser,          // 社会公众/企业用户: applies for conditionally open data
};

std::string_view RoleCode(Role r);  // "authority_admin", "department_steward", …
std::optional<Role> ParseRole(std::string_view code);
std::string_view OrganisationKindCode(OrganisationKind k);  // "authority", "department", …
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view code);

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string id;                // "anonymous", "admin", a user id, or a token id
  std::string user_id;           // the user a session or token acts for
  std::string display_name;
  std::string organisation_id;   // empty for anonymous
  OrganisationKind organisation_kind = OrganisationKind::kPublic;
  std::vector<Role> roles;
  std::vector<std::string> resource_scope;  // tokens narrowed to these resources; empty = no narrowing
  std::string client_address;    // for per-IP quotas of anonymous callers

  bool IsAnonymous() const { return kind == PrincipalKind::kAnonymous; }
  bool IsAdministrator() const { return kind == PrincipalKind::kAdministrator; }
  bool Has(Role r) const {
    for (Role x : roles) {
      if (x == r) return true;
    }
    return false;
  }

  static Principal Anonymous(std::string address) {
    Principal p;
    p.id = "anonymous";
    p.client_address = std::move(address);
    return p;
  }
};

}  // namespace gongshu::policy
