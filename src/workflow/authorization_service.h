#pragma once
// 授权运营 authorizations: the data authority (实施机构) authorizes a licensed operator (运营机构)
// in one of three modes — 整体 (every registered resource), 分领域 (registered resources of some
// subject domains) or 依场景 (a named scenario with its registered resources) — for allowed
// actions (sandbox aggregates, verification, product hosting; raw rows never), purposes, a term,
// conditions, security duties and the hash of the signed agreement.
//
//   draft ─approve (another authority admin)─▶ approved ─activate─▶ active ⇄ suspended
//   active | suspended ─terminate─▶ terminated        active | suspended ─(system, term over)─▶ expired
//   expired | terminated ─exit─▶ exited: every credential of the operator organisation is revoked
//                                 and its running work stops at once.
// Only the authority edits (drafts only) and moves authorizations; an operator reads its own
// authorizations once approved and can never edit them.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "policy/grant.h"
#include "workflow/actor.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

struct AuthorizationRecord {
  policy::OperationAuthorization authorization;
  std::string conditions;
  std::string security_duties;
  std::string agreement_sha256;
  std::string created_by;
  std::string approved_by;
  std::string reason;
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct AuthorizationDraft {
  std::string agency_org;  // "" = the acting authority administrator's organisation
  std::string operator_org;
  policy::AuthorizationMode mode = policy::AuthorizationMode::kScenario;
  std::vector<std::string> resource_ids;
  std::vector<std::string> domains;
  std::string scenario;
  std::vector<policy::OperationAction> actions;
  std::vector<std::string> purposes;
  TimePoint valid_from{};
  TimePoint valid_until{};
  std::string conditions;
  std::string security_duties;
  std::string agreement_sha256;
};

inline constexpr int kMaxAuthorizationTermDays = 1827;  // five years (运营期限一般不超过5年)

class AuthorizationService {
 public:
  explicit AuthorizationService(WorkflowContext& ctx) : ctx_(ctx) {}
  static const StateMachine& Machine();

  Result<AuthorizationRecord> Create(const Actor& actor, const AuthorizationDraft& draft);
  Result<AuthorizationRecord> Edit(const Actor& actor, std::string_view id, const AuthorizationDraft& draft);
  // approve | activate | suspend | resume | terminate (the HTTP verbs); exit separately.
  Result<AuthorizationRecord> Move(const Actor& actor, std::string_view id, std::string_view to, std::string reason);
  Result<AuthorizationRecord> Exit(const Actor& actor, std::string_view id, std::string reason);

  Result<AuthorizationRecord> Get(const Actor& actor, std::string_view id);
  Result<std::vector<AuthorizationRecord>> List(const Actor& actor, std::string_view state);

  // Expires every active or suspended authorization whose term is over (now >= valid_until).
  Result<int> Tick(TimePoint now);

  static Result<std::vector<policy::OperationAuthorization>> LoadForPolicy(storage::Session& s);

 private:
  Result<AuthorizationRecord> Validate(const Actor& actor, const AuthorizationDraft& draft, storage::Session& s);
  WorkflowContext& ctx_;
};

}  // namespace gongshu::workflow
