#include "policy/policy_snapshot.h"

namespace gongshu::policy {

std::string PolicySnapshot::Key(GrantKind kind, std::string_view org, std::string_view resource) {
  std::string key;
  key.reserve(org.size() + resource.size() + 2);
  key.push_back(kind == GrantKind::kShare ? 's' : 'o');
  key.append(org);
  key.push_back('\x1f');  // never part of an id
  key.append(resource);
  return key;
}

PolicySnapshot::PolicySnapshot(PolicyInputs inputs, uint64_t generation, bool degraded)
    : inputs_(std::move(inputs)), generation_(generation), degraded_(degraded) {
  // inputs_ is not modified after this point, so the pointers below stay valid.
  for (const Grant& g : inputs_.grants) grants_[Key(g.kind, g.grantee_org, g.resource_id)].push_back(&g);
  for (const OperationAuthorization& a : inputs_.authorizations) authorizations_[a.operator_org].push_back(&a);
  registered_.insert(inputs_.registered_resources.begin(), inputs_.registered_resources.end());
  for (const PendingApplication& p : inputs_.pending) {
    pending_.insert(Key(p.kind, p.org, p.resource_id) + '\x1f' + p.user);
  }
}

std::span<const Grant* const> PolicySnapshot::Grants(GrantKind kind, std::string_view org,
                                                      std::string_view resource) const {
  auto it = grants_.find(Key(kind, org, resource));
  if (it == grants_.end()) return {};
  return it->second;
}

std::span<const OperationAuthorization* const> PolicySnapshot::AuthorizationsOf(std::string_view operator_org) const {
  auto it = authorizations_.find(std::string(operator_org));
  if (it == authorizations_.end()) return {};
  return it->second;
}

bool PolicySnapshot::IsRegistered(std::string_view resource) const {
  return registered_.contains(std::string(resource));
}

bool PolicySnapshot::IsPending(GrantKind kind, std::string_view org, std::string_view user,
                               std::string_view resource) const {
  std::string base = Key(kind, org, resource) + '\x1f';
  // Organisation-wide applications (user "") count for every member.
  return pending_.contains(base + std::string(user)) || pending_.contains(base);
}

}  // namespace gongshu::policy
