#pragma once
// What the policy decides on besides the catalog: the live grants of the three channels.
//   共享授权   share grant: a consumer department may use fields of a resource for named purposes
//   开放授权   open-access grant: a public user or enterprise may use a conditionally open resource
//   授权运营   operation authorization: a licensed operator may compute on registered resources
// The workflow module owns their life cycle and persistence; the policy keeps an immutable copy
// (PolicyInputs → PolicySnapshot) that is rebuilt and swapped after every committed change.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace gongshu::policy {

enum class GrantKind { kShare, kOpen };
std::string_view GrantKindCode(GrantKind k);  // "share" | "open"
std::optional<GrantKind> ParseGrantKind(std::string_view code);

// Expiry is not a stored state: a grant is expired when `now >= valid_until`.
enum class GrantState { kActive, kSuspended, kRevoked };
std::string_view GrantStateCode(GrantState s);  // "active" | "suspended" | "revoked"
std::optional<GrantState> ParseGrantState(std::string_view code);

// 行范围: only rows whose `field` (compared as text) starts with one of `prefixes`, e.g. a
// division-code prefix "3301" for one city. An empty field means all rows.
struct RowScope {
  std::string field;
  std::vector<std::string> prefixes;
  bool empty() const { return field.empty(); }
  bool operator==(const RowScope&) const = default;
};

struct Grant {
  std::string id;
  GrantKind kind = GrantKind::kShare;
  std::string resource_id;
  std::string provider_org;
  std::string grantee_org;
  std::string grantee_user;          // open grants to an individual: only this user; "" = the organisation
  std::vector<std::string> fields;   // the fields granted (names); nothing else is ever served
  RowScope rows;
  std::vector<std::string> purposes;  // purpose codes the grant is bound to (X-Purpose)
  TimePoint valid_from{};
  TimePoint valid_until{};
  GrantState state = GrantState::kActive;
};

// 授权模式: 整体授权 (every registered resource), 分领域授权 (registered resources of the listed
// subject domains), 依场景授权 (the registered resources named for one scenario).
enum class AuthorizationMode { kWhole, kDomain, kScenario };
std::string_view AuthorizationModeCode(AuthorizationMode m);  // "whole" | "domain" | "scenario"
std::optional<AuthorizationMode> ParseAuthorizationMode(std::string_view code);

enum class AuthorizationState { kDraft, kApproved, kActive, kSuspended, kExpired, kTerminated, kExited };
std::string_view AuthorizationStateCode(AuthorizationState s);
std::optional<AuthorizationState> ParseAuthorizationState(std::string_view code);

// What an operator may do with authorized data. Raw rows are not an action: they never leave
// the platform (原始数据不出域).
enum class OperationAction { kSandboxAggregate, kVerification, kProductHosting };
std::string_view OperationActionCode(OperationAction a);  // "sandbox_aggregate" | "verification" | "product_hosting"
std::optional<OperationAction> ParseOperationAction(std::string_view code);

struct OperationAuthorization {
  std::string id;
  std::string agency_org;    // 实施机构
  std::string operator_org;  // 运营机构
  AuthorizationMode mode = AuthorizationMode::kScenario;
  std::vector<std::string> resource_ids;  // scenario mode
  std::vector<std::string> domains;       // domain mode: subject codes
  std::string scenario;                   // scenario mode: its name
  std::vector<OperationAction> actions;
  std::vector<std::string> purposes;
  TimePoint valid_from{};
  TimePoint valid_until{};
  AuthorizationState state = AuthorizationState::kDraft;
};

// An application not decided yet, so that a denial can say "pending" instead of "no grant".
struct PendingApplication {
  GrantKind kind = GrantKind::kShare;
  std::string resource_id;
  std::string org;
  std::string user;  // open applications of individuals
};

// Everything the decision snapshot is built from.
struct PolicyInputs {
  std::vector<Grant> grants;
  std::vector<OperationAuthorization> authorizations;
  std::vector<std::string> registered_resources;  // resources with a live registration (登记)
  std::vector<PendingApplication> pending;
};

// Purpose codes (用途编码) name why data is used, e.g. "social-assistance" or "case:2026-0417":
// 1–64 ASCII letters, digits and . _ : - so that they travel safely in an HTTP header.
bool IsValidPurposeCode(std::string_view purpose);

}  // namespace gongshu::policy
