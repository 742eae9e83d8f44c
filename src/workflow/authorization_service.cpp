#include "workflow/authorization_service.h"

#include <algorithm>
#include <set>

#include "catalog/vocabulary.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "workflow/internal/application_checks.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using internal::Micros;
using internal::RowView;
using internal::TimeValue;
using storage::Value;

namespace {

constexpr std::string_view kObjectType = "authorization";
constexpr std::string_view kColumns =
    "id, agency_org, operator_org, mode, resource_ids, domains, scenario, actions, purposes, valid_from, valid_until, "
    "conditions, security_duties, agreement_sha256, state, created_by, approved_by, reason, created_at, updated_at";

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "authorization.not_found",
                   "No operation authorization with id '" + std::string(id) + "'.",
                   "授权运营授权“" + std::string(id) + "”不存在。");
}

std::vector<std::string> ActionCodes(const std::vector<policy::OperationAction>& actions) {
  std::vector<std::string> out;
  for (auto a : actions) out.emplace_back(policy::OperationActionCode(a));
  return out;
}

AuthorizationRecord FromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  AuthorizationRecord r;
  policy::OperationAuthorization& a = r.authorization;
  a.id = v.Text("id");
  a.agency_org = v.Text("agency_org");
  a.operator_org = v.Text("operator_org");
  a.mode = policy::ParseAuthorizationMode(v.Text("mode")).value_or(policy::AuthorizationMode::kScenario);
  a.resource_ids = internal::ParseList(v.Text("resource_ids"));
  a.domains = internal::ParseList(v.Text("domains"));
  a.scenario = v.Text("scenario");
  for (const auto& code : internal::ParseList(v.Text("actions"))) {
    if (auto x = policy::ParseOperationAction(code)) a.actions.push_back(*x);
  }
  a.purposes = internal::ParseList(v.Text("purposes"));
  a.valid_from = v.TimeOr("valid_from", TimePoint::max());
  a.valid_until = v.TimeOr("valid_until", TimePoint{});
  // Fail closed: a state the code does not know is treated as ended.
  a.state = policy::ParseAuthorizationState(v.Text("state")).value_or(policy::AuthorizationState::kTerminated);
  r.conditions = v.Text("conditions");
  r.security_duties = v.Text("security_duties");
  r.agreement_sha256 = v.Text("agreement_sha256");
  r.created_by = v.Text("created_by");
  r.approved_by = v.Text("approved_by");
  r.reason = v.Text("reason");
  r.created_at = v.TimeOr("created_at", TimePoint{});
  r.updated_at = v.TimeOr("updated_at", TimePoint{});
  return r;
}

std::string Canonical(const AuthorizationRecord& r) {
  const policy::OperationAuthorization& a = r.authorization;
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("agency_org", a.agency_org).Field("operator_org", a.operator_org);
  w.Field("mode", policy::AuthorizationModeCode(a.mode)).Field("resource_ids", internal::ListJson(a.resource_ids));
  w.Field("domains", internal::ListJson(a.domains)).Field("scenario", a.scenario);
  w.Field("actions", internal::ListJson(ActionCodes(a.actions))).Field("purposes", internal::ListJson(a.purposes));
  w.Field("valid_from", Micros(a.valid_from)).Field("valid_until", Micros(a.valid_until));
  w.Field("conditions", r.conditions).Field("security_duties", r.security_duties);
  w.Field("agreement_sha256", r.agreement_sha256).Field("state", policy::AuthorizationStateCode(a.state));
  w.Field("created_by", r.created_by).Field("approved_by", r.approved_by).Field("reason", r.reason).EndObject();
  return out;
}

Result<std::vector<AuthorizationRecord>> Select(storage::Session& s, const std::string& where, const storage::Params& p) {
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      s.Query("SELECT " + std::string(kColumns) + " FROM operation_authorizations " + where, p));
  std::vector<AuthorizationRecord> out;
  for (const auto& row : t.rows) out.push_back(FromRow(t, row));
  return out;
}

Result<AuthorizationRecord> LoadOne(storage::Session& s, std::string_view id) {
  if (!internal::IsId("au", id)) return NotFound(id);
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE id = $1", {Value::Text(std::string(id))}));
  if (rows.empty()) return NotFound(id);
  return rows.front();
}

bool IsAgency(const Actor& actor, const AuthorizationRecord& r) {
  return actor.principal.IsAdministrator() || (actor.IsAuthority() && actor.IsMemberOf(r.authorization.agency_org));
}

// Drafts are the agency's own; the operator and auditors see an authorization once approved.
bool CanSee(const Actor& actor, const AuthorizationRecord& r) {
  if (actor.system || IsAgency(actor, r)) return true;
  if (r.authorization.state == policy::AuthorizationState::kDraft) return false;
  return actor.IsMemberOf(r.authorization.operator_org) || actor.IsAuditor();
}

Error OperatorCannotEdit() {
  return MakeError(ErrorKind::kForbidden, "workflow.operator_cannot_edit",
                   "An operator cannot change its own authorization; the data authority does.",
                   "运营机构不能修改本机构的授权运营授权，须由数据管理机构办理。");
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status WriteAll(storage::Session& s, const AuthorizationRecord& r) {
  const policy::OperationAuthorization& a = r.authorization;
  return s.Execute(
      "INSERT INTO operation_authorizations (id, agency_org, operator_org, mode, resource_ids, domains, scenario, "
      "actions, purposes, valid_from, valid_until, conditions, security_duties, agreement_sha256, state, created_by, "
      "approved_by, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16, $17, $18, $19, $20)",
      {Value::Text(a.id), Value::Text(a.agency_org), Value::Text(a.operator_org),
       Value::Text(std::string(policy::AuthorizationModeCode(a.mode))), Value::Text(internal::ListJson(a.resource_ids)),
       Value::Text(internal::ListJson(a.domains)), Value::Text(a.scenario),
       Value::Text(internal::ListJson(ActionCodes(a.actions))), Value::Text(internal::ListJson(a.purposes)),
       TimeValue(a.valid_from), TimeValue(a.valid_until), Value::Text(r.conditions), Value::Text(r.security_duties),
       Value::Text(r.agreement_sha256), Value::Text(std::string(policy::AuthorizationStateCode(a.state))),
       Value::Text(r.created_by), Value::Text(r.approved_by), Value::Text(r.reason), TimeValue(r.created_at),
       TimeValue(r.updated_at)});
}

Status Store(storage::Session& s, const AuthorizationRecord& next, std::string_view expected) {
  const policy::OperationAuthorization& a = next.authorization;
  auto r = s.Query(
      "UPDATE operation_authorizations SET operator_org = $2, mode = $3, resource_ids = $4, domains = $5, scenario = $6, "
      "actions = $7, purposes = $8, valid_from = $9, valid_until = $10, conditions = $11, security_duties = $12, "
      "agreement_sha256 = $13, state = $14, approved_by = $15, reason = $16, updated_at = $17 "
      "WHERE id = $1 AND state = $18 RETURNING id",
      {Value::Text(a.id), Value::Text(a.operator_org), Value::Text(std::string(policy::AuthorizationModeCode(a.mode))),
       Value::Text(internal::ListJson(a.resource_ids)), Value::Text(internal::ListJson(a.domains)),
       Value::Text(a.scenario), Value::Text(internal::ListJson(ActionCodes(a.actions))),
       Value::Text(internal::ListJson(a.purposes)), TimeValue(a.valid_from), TimeValue(a.valid_until),
       Value::Text(next.conditions), Value::Text(next.security_duties), Value::Text(next.agreement_sha256),
       Value::Text(std::string(policy::AuthorizationStateCode(a.state))), Value::Text(next.approved_by),
       Value::Text(next.reason), TimeValue(next.updated_at), Value::Text(std::string(expected))});
  return internal::ExpectOneRow(r, "authorization", a.id);
}

Status Step(WorkflowContext& ctx, storage::Session& s, const Actor& actor, AuthorizationRecord& r,
            AuthorizationRecord next, policy::AuthorizationState to, const std::string& reason, TimePoint now) {
  const std::string from(policy::AuthorizationStateCode(r.authorization.state));
  next.authorization.state = to;
  next.updated_at = now;
  if (!reason.empty()) next.reason = reason;
  GS_RETURN_IF_ERROR(Store(s, next, from));
  Transition t{std::string(kObjectType), r.authorization.id, from, std::string(policy::AuthorizationStateCode(to)),
               reason, "", r.authorization.id, Canonical(r), Canonical(next)};
  GS_ASSIGN_OR_RETURN(uint64_t index, ctx.log.Record(s, actor, t, now));
  (void)index;
  r = std::move(next);
  return Ok();
}

Status RequireAuthority(const Actor& actor) {
  if (actor.IsAuthority()) return Ok();
  if (actor.IsMember() && actor.principal.organisation_kind == policy::OrganisationKind::kOperator) {
    return OperatorCannotEdit();
  }
  return MakeError(ErrorKind::kForbidden, "workflow.not_permitted",
                   "Operation authorizations are granted by the data authority.", "授权运营授权由数据管理机构办理。");
}

// The resources named by a scenario must be registered now (登记 before 授权).
Status CheckRegistered(storage::Session& s, const std::vector<std::string>& resources) {
  if (resources.empty()) return Ok();
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      s.Query("SELECT DISTINCT resource_id FROM registered_resources WHERE state = 'registered'"));
  std::set<std::string> live;
  for (const auto& row : t.rows) live.insert(RowView(t, row).Text("resource_id"));
  for (const auto& id : resources) {
    if (!live.contains(id)) {
      return MakeError(ErrorKind::kUnprocessable, "authorization.resource_not_registered",
                       "Resource '" + id + "' is not registered; only registered resources can be authorized for "
                       "operation.",
                       "数据资源“" + id + "”未登记，只有已登记的数据资源可纳入授权运营。");
    }
  }
  return Ok();
}

}  // namespace

const StateMachine& AuthorizationService::Machine() {
  constexpr Capacities kAuthority = static_cast<Capacities>(Capacity::kAuthority);
  constexpr Capacities kSystem = static_cast<Capacities>(Capacity::kSystem);
  static const StateMachine machine(
      kObjectType, "授权运营授权", "operation authorization",
      {{"draft", "草稿", "draft"},
       {"approved", "已批准", "approved"},
       {"active", "生效中", "active"},
       {"suspended", "已暂停", "suspended"},
       {"expired", "已到期", "expired"},
       {"terminated", "已终止", "terminated"},
       {"exited", "已退出", "exited"}},
      {{"draft", "approved", kAuthority, true},
       {"approved", "active", kAuthority, false},
       {"active", "suspended", kAuthority, false},
       {"suspended", "active", kAuthority, false},
       {"active", "terminated", kAuthority, false},
       {"suspended", "terminated", kAuthority, false},
       {"active", "expired", kSystem, false},
       {"suspended", "expired", kSystem, false},
       {"expired", "exited", kAuthority, false},
       {"terminated", "exited", kAuthority, false}});
  return machine;
}

Result<AuthorizationRecord> AuthorizationService::Validate(const Actor& actor, const AuthorizationDraft& d,
                                                           storage::Session& s) {
  auto snap = ctx_.catalog.Snapshot();
  AuthorizationRecord r;
  policy::OperationAuthorization& a = r.authorization;
  a.agency_org = d.agency_org.empty() ? actor.Org() : d.agency_org;
  if (actor.IsMember() && a.agency_org != actor.Org()) {
    return MakeError(ErrorKind::kForbidden, "authorization.foreign_agency",
                     "You may only draft authorizations of your own organisation.", "只能起草本机构的授权运营授权。");
  }
  // The agency is an authority in the organisation list, or the acting administrator's own
  // authority organisation.
  const catalog::Organisation* agency = snap->FindOrganisation(a.agency_org);
  const bool listed_authority = agency != nullptr && agency->kind == "authority";
  const bool own_authority = actor.IsMember() && a.agency_org == actor.Org() &&
                             actor.principal.organisation_kind == policy::OrganisationKind::kAuthority;
  if (a.agency_org.empty() || !(listed_authority || (agency == nullptr && own_authority))) {
    return MakeError(ErrorKind::kUnprocessable, "authorization.bad_agency",
                     "agency_org must be a data authority (实施机构) in the organisation list.",
                     "agency_org 须为机构名录中的数据管理机构（实施机构）。");
  }
  const catalog::Organisation* op = snap->FindOrganisation(d.operator_org);
  if (op == nullptr || op->kind != "operator") {
    return MakeError(ErrorKind::kUnprocessable, "authorization.bad_operator",
                     "operator_org must be a licensed operator (运营机构) in the organisation list.",
                     "operator_org 须为机构名录中的运营机构。");
  }
  a.operator_org = d.operator_org;
  a.mode = d.mode;
  switch (d.mode) {
    case policy::AuthorizationMode::kWhole:
      if (!d.resource_ids.empty() || !d.domains.empty()) {
        return MakeError(ErrorKind::kInvalidArgument, "authorization.bad_scope",
                         "A whole authorization (整体授权) lists neither resources nor domains.",
                         "整体授权不列出数据资源或领域。");
      }
      break;
    case policy::AuthorizationMode::kDomain:
      if (d.domains.empty() || !d.resource_ids.empty()) {
        return MakeError(ErrorKind::kInvalidArgument, "authorization.bad_scope",
                         "A domain authorization (分领域授权) lists its subject domains and no resources.",
                         "分领域授权须列出主题领域，不列出数据资源。");
      }
      for (const auto& dom : d.domains) {
        if (catalog::FindTerm(catalog::Subjects(), dom) == nullptr) {
          return MakeError(ErrorKind::kUnprocessable, "authorization.unknown_domain",
                           "Unknown subject domain '" + dom.substr(0, 80) + "' (see /api/v1/vocabularies).",
                           "未知的主题领域“" + dom.substr(0, 80) + "”。");
        }
      }
      break;
    case policy::AuthorizationMode::kScenario:
      if (d.resource_ids.empty() || !d.domains.empty() || d.scenario.empty()) {
        return MakeError(ErrorKind::kInvalidArgument, "authorization.bad_scope",
                         "A scenario authorization (依场景授权) names its scenario and lists its resources.",
                         "依场景授权须写明场景名称并列出数据资源。");
      }
      for (const auto& id : d.resource_ids) {
        if (snap->Find(id) == nullptr) {
          return MakeError(ErrorKind::kUnprocessable, "authorization.unknown_resource",
                           "No resource with id '" + id.substr(0, 80) + "'.", "数据资源“" + id.substr(0, 80) + "”不存在。");
        }
      }
      GS_RETURN_IF_ERROR(CheckRegistered(s, d.resource_ids));
      break;
  }
  if (std::set<std::string>(d.resource_ids.begin(), d.resource_ids.end()).size() != d.resource_ids.size() ||
      std::set<std::string>(d.domains.begin(), d.domains.end()).size() != d.domains.size()) {
    return MakeError(ErrorKind::kInvalidArgument, "authorization.bad_scope", "A resource or domain is listed twice.",
                     "数据资源或领域重复。");
  }
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(d.scenario, "scenario", "场景名称", "authorization"));
  a.resource_ids = d.resource_ids;
  a.domains = d.domains;
  a.scenario = d.scenario;
  if (d.actions.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "authorization.no_actions",
                     "List the allowed actions: sandbox_aggregate, verification, product_hosting.",
                     "须列出允许的行为：sandbox_aggregate、verification、product_hosting。");
  }
  a.actions = d.actions;
  std::sort(a.actions.begin(), a.actions.end());
  a.actions.erase(std::unique(a.actions.begin(), a.actions.end()), a.actions.end());
  GS_RETURN_IF_ERROR(internal::CheckPurposes(d.purposes, "authorization"));
  a.purposes = d.purposes;
  if (d.valid_until <= d.valid_from) {
    return MakeError(ErrorKind::kUnprocessable, "authorization.bad_term", "valid_until must be after valid_from.",
                     "授权截止时间须晚于起始时间。");
  }
  if (d.valid_until - d.valid_from > std::chrono::hours(24) * kMaxAuthorizationTermDays) {
    return MakeError(ErrorKind::kUnprocessable, "authorization.term_too_long",
                     "An operation authorization runs for at most five years.", "授权运营期限一般不超过五年。");
  }
  a.valid_from = d.valid_from;
  a.valid_until = d.valid_until;
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(d.conditions, "conditions", "授权条件", "authorization"));
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(d.security_duties, "security_duties", "安全责任", "authorization"));
  if (!IsHex64(d.agreement_sha256)) {
    return MakeError(ErrorKind::kInvalidArgument, "authorization.bad_agreement",
                     "agreement_sha256 is the SHA-256 (64 lowercase hex) of the signed authorization agreement.",
                     "agreement_sha256 须为授权运营协议的 SHA-256（64位小写十六进制）。");
  }
  r.conditions = d.conditions;
  r.security_duties = d.security_duties;
  r.agreement_sha256 = d.agreement_sha256;
  return r;
}

Result<AuthorizationRecord> AuthorizationService::Create(const Actor& actor, const AuthorizationDraft& draft) {
  GS_RETURN_IF_ERROR(RequireAuthority(actor));
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(AuthorizationRecord r, Validate(actor, draft, *session));
  TimePoint now = ctx_.clock.Now();
  r.authorization.id = internal::NewId("au");
  r.authorization.state = policy::AuthorizationState::kDraft;
  r.created_by = actor.Id();
  r.created_at = now;
  r.updated_at = now;
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(WriteAll(*session, r));
    Transition t{std::string(kObjectType), r.authorization.id, "", "draft", "", "", r.authorization.id, "", Canonical(r)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  // Drafts serve nothing, but the operator is told its authorization is pending.
  if (ctx_.policy_changed) ctx_.policy_changed();
  return r;
}

Result<AuthorizationRecord> AuthorizationService::Edit(const Actor& actor, std::string_view id,
                                                       const AuthorizationDraft& draft) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(AuthorizationRecord current, LoadOne(*session, id));
  if (!CanSee(actor, current)) return NotFound(id);
  if (actor.IsMemberOf(current.authorization.operator_org)) return OperatorCannotEdit();
  GS_RETURN_IF_ERROR(RequireAuthority(actor));
  if (current.authorization.state != policy::AuthorizationState::kDraft) {
    return MakeError(ErrorKind::kConflict, "authorization.not_draft",
                     "Only a draft can be edited; this authorization is " +
                         std::string(Machine().LabelEn(policy::AuthorizationStateCode(current.authorization.state))) + ".",
                     "只有草稿可以修改，该授权当前为“" +
                         std::string(Machine().LabelZh(policy::AuthorizationStateCode(current.authorization.state))) +
                         "”。");
  }
  AuthorizationDraft d = draft;
  if (d.agency_org.empty()) d.agency_org = current.authorization.agency_org;
  GS_ASSIGN_OR_RETURN(AuthorizationRecord next, Validate(actor, d, *session));
  if (next.authorization.agency_org != current.authorization.agency_org) {
    return MakeError(ErrorKind::kUnprocessable, "authorization.bad_agency", "The agency of an authorization cannot change.",
                     "授权的实施机构不能变更。");
  }
  TimePoint now = ctx_.clock.Now();
  next.authorization.id = current.authorization.id;
  next.authorization.state = policy::AuthorizationState::kDraft;
  next.created_by = current.created_by;
  next.created_at = current.created_at;
  next.updated_at = now;
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(Store(*session, next, "draft"));
    // An edit of a draft is recorded as draft → draft.
    Transition t{std::string(kObjectType), next.authorization.id, "draft", "draft", "edited", "",
                 next.authorization.id, Canonical(current), Canonical(next)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return next;
}

Result<AuthorizationRecord> AuthorizationService::Move(const Actor& actor, std::string_view id, std::string_view to,
                                                       std::string reason) {
  auto target = policy::ParseAuthorizationState(to);
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(AuthorizationRecord r, LoadOne(*session, id));
  if (!CanSee(actor, r)) return NotFound(id);
  if (actor.IsMemberOf(r.authorization.operator_org)) return OperatorCannotEdit();
  if (!target || *target == policy::AuthorizationState::kExited) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.unknown_state", "Unknown target state.", "未知的目标状态。");
  }
  Capacities held = IsAgency(actor, r) ? static_cast<Capacities>(Capacity::kAuthority) : Capacities{0};
  const std::string from(policy::AuthorizationStateCode(r.authorization.state));
  GS_RETURN_IF_ERROR(Machine().Check(from, to, held, actor.Id() == r.created_by));
  if ((*target == policy::AuthorizationState::kSuspended || *target == policy::AuthorizationState::kTerminated) &&
      reason.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.reason_required",
                     "Suspending or terminating an authorization must give its reason.", "暂停或终止授权须说明理由。");
  }
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(reason, "reason", "理由", "authorization"));
  TimePoint now = ctx_.clock.Now();
  if (*target == policy::AuthorizationState::kApproved || *target == policy::AuthorizationState::kActive) {
    GS_RETURN_IF_ERROR(CheckRegistered(*session, r.authorization.resource_ids));
  }
  if (*target == policy::AuthorizationState::kActive && now >= r.authorization.valid_until) {
    return MakeError(ErrorKind::kConflict, "authorization.term_over",
                     "The term of this authorization is over; it cannot become active.", "该授权期限已届满，不能生效。");
  }
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    AuthorizationRecord next = r;
    if (*target == policy::AuthorizationState::kApproved) next.approved_by = actor.Id();
    return Step(ctx_, *session, actor, r, std::move(next), *target, reason, now);
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return r;
}

Result<AuthorizationRecord> AuthorizationService::Exit(const Actor& actor, std::string_view id, std::string reason) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(AuthorizationRecord r, LoadOne(*session, id));
  if (!CanSee(actor, r)) return NotFound(id);
  if (actor.IsMemberOf(r.authorization.operator_org)) return OperatorCannotEdit();
  Capacities held = IsAgency(actor, r) ? static_cast<Capacities>(Capacity::kAuthority) : Capacities{0};
  GS_RETURN_IF_ERROR(Machine().Check(policy::AuthorizationStateCode(r.authorization.state), "exited", held, false));
  if (reason.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.reason_required", "An exit must give its reason.",
                     "退出须说明理由。");
  }
  GS_RETURN_IF_ERROR(internal::CheckText(reason, "reason", "理由", "authorization"));
  if (ctx_.revoker == nullptr) {
    return MakeError(ErrorKind::kUnavailable, "workflow.revoker_unavailable",
                     "Credentials cannot be revoked right now, so the exit was not made.",
                     "暂时无法吊销运营机构的凭证，退出未执行。");
  }
  TimePoint now = ctx_.clock.Now();
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(Step(ctx_, *session, actor, r, r, policy::AuthorizationState::kExited, reason, now));
    // Revoked before the exit commits: if revocation fails, the exit does not happen; if the
    // commit fails after it, the operator is locked out anyway (the safe side).
    return ctx_.revoker->RevokeOrganisation(r.authorization.operator_org);
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return r;
}

Result<AuthorizationRecord> AuthorizationService::Get(const Actor& actor, std::string_view id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(AuthorizationRecord r, LoadOne(*session, id));
  if (!CanSee(actor, r)) return NotFound(id);
  return r;
}

Result<std::vector<AuthorizationRecord>> AuthorizationService::List(const Actor& actor, std::string_view state) {
  if (!state.empty() && !Machine().Knows(state)) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.unknown_state", "Unknown state '" + std::string(state) + "'.",
                     "未知的状态“" + std::string(state) + "”。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(auto all, Select(*session, "WHERE ($1 = '' OR state = $1) ORDER BY created_at DESC, id LIMIT 5000",
                                       {Value::Text(std::string(state))}));
  std::erase_if(all, [&](const AuthorizationRecord& r) { return !CanSee(actor, r); });
  return all;
}

Result<int> AuthorizationService::Tick(TimePoint now) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(auto due, Select(*session, "WHERE state IN ('active', 'suspended') AND valid_until <= $1",
                                       {TimeValue(now)}));
  int expired = 0;
  const Actor system = Actor::System();
  for (AuthorizationRecord r : due) {
    Status st = storage::InTransaction(*session, [&]() -> Status {
      return Step(ctx_, *session, system, r, r, policy::AuthorizationState::kExpired, "授权期限届满 / term over", now);
    });
    if (st.ok()) {
      ++expired;
    } else {
      Log().warn("authorization {} could not be expired: {}", r.authorization.id, st.error().message);
    }
  }
  if (expired > 0 && ctx_.policy_changed) ctx_.policy_changed();
  return expired;
}

Result<std::vector<policy::OperationAuthorization>> AuthorizationService::LoadForPolicy(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(auto all, Select(s, "WHERE state <> 'exited' ORDER BY created_at, id", {}));
  std::vector<policy::OperationAuthorization> out;
  out.reserve(all.size());
  for (auto& r : all) out.push_back(std::move(r.authorization));
  return out;
}

}  // namespace gongshu::workflow
