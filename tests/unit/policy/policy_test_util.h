#pragma once
// Principals, resources and grants for the policy decision tests.
#include <string>
#include <vector>

#include "catalog/resource.h"
#include "policy/access_policy.h"
#include "policy/grant.h"
#include "policy/principal.h"

namespace gongshu::policy::testing {

inline Principal Member(std::string user, std::string org, OrganisationKind kind, std::vector<Role> roles) {
  Principal p;
  p.kind = PrincipalKind::kUser;
  p.id = user;
  p.user_id = std::move(user);
  p.organisation_id = std::move(org);
  p.organisation_kind = kind;
  p.roles = std::move(roles);
  p.client_address = "127.0.0.1";
  return p;
}

inline catalog::Field MakeField(std::string name, catalog::ClassificationLevel level, std::string semantic = "") {
  catalog::Field f;
  f.name = std::move(name);
  f.title_zh = f.name;
  f.type = "string";
  f.level = level;
  f.semantic = std::move(semantic);
  return f;
}

inline catalog::Resource MakeResource(std::string id, std::string provider, catalog::ShareAttribute share,
                                      catalog::OpenAttribute open, std::vector<catalog::Field> fields) {
  catalog::Resource r;
  r.id = std::move(id);
  r.title_zh = r.id;
  r.provider_id = std::move(provider);
  r.subject = "population";
  r.update_cycle = "yearly";
  r.share = share;
  r.share_basis = share == catalog::ShareAttribute::kUnconditional ? "" : "basis";
  r.open = open;
  r.open_condition = open == catalog::OpenAttribute::kUnconditional ? "" : "condition";
  r.status = catalog::ResourceStatus::kPublished;
  r.fields = std::move(fields);
  catalog::ResourceVersion v;
  v.version = 1;
  v.table_name = "data.\"" + r.id + "__v1\"";
  v.row_count = 3;
  r.current = v;
  return r;
}

// A fixed instant in the middle of every term used by the tests.
inline TimePoint Now() { return TimePoint(std::chrono::seconds(1790000000)); }

inline Grant MakeGrant(std::string id, GrantKind kind, std::string resource, std::string org, std::string user,
                       std::vector<std::string> fields, std::vector<std::string> purposes) {
  Grant g;
  g.id = std::move(id);
  g.kind = kind;
  g.resource_id = std::move(resource);
  g.provider_org = "prov";
  g.grantee_org = std::move(org);
  g.grantee_user = std::move(user);
  g.fields = std::move(fields);
  g.purposes = std::move(purposes);
  g.valid_from = Now() - std::chrono::hours(24 * 10);
  g.valid_until = Now() + std::chrono::hours(24 * 10);
  g.state = GrantState::kActive;
  return g;
}

inline OperationAuthorization MakeAuthorization(std::string id, std::string operator_org, std::vector<std::string> resources,
                                                std::vector<OperationAction> actions, std::vector<std::string> purposes) {
  OperationAuthorization a;
  a.id = std::move(id);
  a.agency_org = "bureau";
  a.operator_org = std::move(operator_org);
  a.mode = AuthorizationMode::kScenario;
  a.scenario = "scenario";
  a.resource_ids = std::move(resources);
  a.actions = std::move(actions);
  a.purposes = std::move(purposes);
  a.valid_from = Now() - std::chrono::hours(24 * 10);
  a.valid_until = Now() + std::chrono::hours(24 * 10);
  a.state = AuthorizationState::kActive;
  return a;
}

// "name" or "name:mask" for each permitted field, in order.
inline std::vector<std::string> FieldList(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& f : d.fields) out.push_back(f.mask.empty() ? f.name : f.name + ":" + f.mask);
  return out;
}

}  // namespace gongshu::policy::testing
