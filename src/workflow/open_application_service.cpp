#include "workflow/open_application_service.h"

#include <algorithm>
#include <set>

#include "core/json_writer.h"
#include "workflow/data_use_agreement.h"
#include "workflow/internal/application_checks.h"
#include "workflow/internal/application_steps.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using internal::Micros;
using internal::RowView;
using internal::TimeValue;
using storage::Value;

namespace {

constexpr std::string_view kObjectType = "open_application";
constexpr std::string_view kColumns =
    "id, resource_id, provider_org, applicant_org, applicant_id, individual, purposes, scenario, security_measures, "
    "fields, term_days, agreement_version, agreement_sha256, state, reviewer_id, reason, grant_id, created_at, updated_at";

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "open_application.not_found",
                   "No open-data application with id '" + std::string(id) + "'.",
                   "开放数据申请“" + std::string(id) + "”不存在。");
}

OpenApplication FromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  OpenApplication a;
  a.id = v.Text("id");
  a.resource_id = v.Text("resource_id");
  a.provider_org = v.Text("provider_org");
  a.applicant_org = v.Text("applicant_org");
  a.applicant_id = v.Text("applicant_id");
  a.individual = v.Bool("individual");
  a.purposes = internal::ParseList(v.Text("purposes"));
  a.scenario = v.Text("scenario");
  a.security_measures = v.Text("security_measures");
  a.fields = internal::ParseList(v.Text("fields"));
  a.term_days = static_cast<int>(v.Int("term_days"));
  a.agreement_version = v.Text("agreement_version");
  a.agreement_sha256 = v.Text("agreement_sha256");
  a.state = v.Text("state");
  a.reviewer_id = v.Text("reviewer_id");
  a.reason = v.Text("reason");
  a.grant_id = v.Text("grant_id");
  a.created_at = v.TimeOr("created_at", TimePoint{});
  a.updated_at = v.TimeOr("updated_at", TimePoint{});
  return a;
}

std::string Canonical(const OpenApplication& a) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("resource_id", a.resource_id).Field("provider_org", a.provider_org);
  w.Field("applicant_org", a.applicant_org).Field("applicant_id", a.applicant_id).Field("individual", a.individual);
  w.Field("purposes", internal::ListJson(a.purposes)).Field("scenario", a.scenario);
  w.Field("security_measures", a.security_measures).Field("fields", internal::ListJson(a.fields));
  w.Field("term_days", a.term_days).Field("agreement_version", a.agreement_version);
  w.Field("agreement_sha256", a.agreement_sha256).Field("state", a.state).Field("reviewer_id", a.reviewer_id);
  w.Field("reason", a.reason).Field("grant_id", a.grant_id).Field("created_at", Micros(a.created_at)).EndObject();
  return out;
}

Result<std::vector<OpenApplication>> Select(storage::Session& s, const std::string& where, const storage::Params& p) {
  GS_ASSIGN_OR_RETURN(storage::Table t, s.Query("SELECT " + std::string(kColumns) + " FROM open_applications " + where, p));
  std::vector<OpenApplication> out;
  for (const auto& row : t.rows) out.push_back(FromRow(t, row));
  return out;
}

Result<OpenApplication> LoadOne(storage::Session& s, std::string_view id) {
  if (!internal::IsId("oa", id)) return NotFound(id);
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE id = $1", {Value::Text(std::string(id))}));
  if (rows.empty()) return NotFound(id);
  return rows.front();
}

// The applicant side: the person for individuals, the enterprise's members for enterprises.
bool IsApplicant(const Actor& actor, const OpenApplication& a) {
  if (!actor.IsMemberOf(a.applicant_org)) return false;
  return !a.individual || actor.Id() == a.applicant_id;
}

bool CanSee(const Actor& actor, const OpenApplication& a) {
  return actor.system || actor.IsAuthority() || actor.IsMemberOf(a.provider_org) || IsApplicant(actor, a);
}

Capacities HeldBy(const Actor& actor, const OpenApplication& a) {
  Capacities c = 0;
  if (actor.system) c = c | Capacity::kSystem;
  if (actor.IsAuthority()) c = c | Capacity::kAuthority;
  if (actor.IsStewardOf(a.provider_org)) c = c | Capacity::kProviderSteward;
  if (IsApplicant(actor, a)) c = c | Capacity::kApplicant;
  return c;
}

Status Step(WorkflowContext& ctx, storage::Session& s, const Actor& actor, OpenApplication& app, OpenApplication next,
            std::string_view to, const std::string& reason, TimePoint now) {
  next.state = std::string(to);
  next.updated_at = now;
  if (!reason.empty()) next.reason = reason;
  auto r = s.Query("UPDATE open_applications SET state = $2, reviewer_id = $3, reason = $4, grant_id = $5, "
                   "updated_at = $6 WHERE id = $1 AND state = $7 RETURNING id",
                   {Value::Text(next.id), Value::Text(next.state), Value::Text(next.reviewer_id),
                    Value::Text(next.reason), Value::Text(next.grant_id), TimeValue(now), Value::Text(app.state)});
  GS_RETURN_IF_ERROR(internal::ExpectOneRow(r, "open-data application", next.id));
  Transition t{std::string(kObjectType), app.id, app.state, next.state, reason, app.resource_id, next.grant_id,
               Canonical(app), Canonical(next)};
  GS_ASSIGN_OR_RETURN(uint64_t index, ctx.log.Record(s, actor, t, now));
  (void)index;
  app = std::move(next);
  return Ok();
}

bool IsPublicApplicant(const Actor& actor) {
  const auto kind = actor.principal.organisation_kind;
  return actor.IsMember() && actor.principal.Has(policy::Role::kPublicUser) &&
         (kind == policy::OrganisationKind::kPublic || kind == policy::OrganisationKind::kEnterprise);
}

}  // namespace

const StateMachine& OpenApplicationService::Machine() {
  constexpr Capacities kProvider = static_cast<Capacities>(Capacity::kProviderSteward);
  static const StateMachine machine(kObjectType, "开放数据申请", "open-data application",
                                    {{"submitted", "已提交", "submitted"},
                                     {"approved", "已批准", "approved"},
                                     {"rejected", "已驳回", "rejected"},
                                     {"withdrawn", "已撤回", "withdrawn"}},
                                    {{"submitted", "approved", kProvider, true},
                                     {"submitted", "rejected", kProvider, true},
                                     {"submitted", "withdrawn", static_cast<Capacities>(Capacity::kApplicant), false}});
  return machine;
}

const internal::ApplicationKind<OpenApplication>& OpenApplicationService::Kind() {
  static const internal::ApplicationKind<OpenApplication> kind{Machine(), "open", LoadOne, CanSee, HeldBy, Step, NotFound};
  return kind;
}

Result<OpenApplication> OpenApplicationService::Submit(const Actor& actor, OpenRequest req) {
  if (!IsPublicApplicant(actor)) {
    return MakeError(ErrorKind::kForbidden, "open.not_public_user",
                     "Applications for conditionally open data are made by members of the public and enterprises.",
                     "有条件开放数据申请须由社会公众或企业用户提交。");
  }
  auto snap = ctx_.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(req.resource_id);
  if (r == nullptr || !ctx_.policy.CanDiscover(actor.principal, *r) || r->status != catalog::ResourceStatus::kPublished) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + req.resource_id + "'.",
                     "数据资源“" + req.resource_id + "”不存在。");
  }
  if (r->open != catalog::OpenAttribute::kConditional) {
    return MakeError(ErrorKind::kConflict, "open.not_conditional",
                     "Resource '" + r->id + "' is unconditionally open: use it without applying.",
                     "数据资源“" + r->id + "”为无条件开放，无需申请即可使用。");
  }
  const DataUseAgreement& dua = CurrentDataUseAgreement();
  if (!req.agreement_accepted) {
    return MakeError(ErrorKind::kInvalidArgument, "open.agreement_not_accepted",
                     "Accept the data use agreement to apply (agreement_accepted: true).",
                     "须接受《公共数据开放利用协议》方可申请。");
  }
  if (req.agreement_version != dua.version || req.agreement_sha256 != dua.sha256) {
    return MakeError(ErrorKind::kUnprocessable, "open.agreement_mismatch",
                     "The agreement accepted is not the current text (version " + std::string(dua.version) +
                         "); read GET /api/v1/open-applications/agreement and accept that exact text.",
                     "所接受的协议不是现行文本（" + std::string(dua.version) + "版），请阅读并接受现行协议全文。");
  }
  GS_RETURN_IF_ERROR(internal::CheckPurposes(req.purposes, "open"));
  GS_RETURN_IF_ERROR(internal::CheckText(req.scenario, "scenario", "应用场景", "open"));
  GS_RETURN_IF_ERROR(internal::CheckText(req.security_measures, "security_measures", "安全措施", "open"));
  if (req.fields.empty()) {
    for (const auto& f : r->fields) {
      if (f.level <= catalog::ClassificationLevel::kGeneral3) req.fields.push_back(f.name);
    }
  }
  // Conditional opening never releases 一般4级 or above (docs/security-model.md).
  GS_RETURN_IF_ERROR(internal::CheckFields(*r, req.fields, catalog::ClassificationLevel::kGeneral3, "open"));
  if (req.term_days < 1 || req.term_days > kMaxOpenTermDays) {
    return MakeError(ErrorKind::kInvalidArgument, "open.bad_term", "term_days must be from 1 to 1095 (three years).",
                     "使用期限 term_days 须为1至1095天（三年）。");
  }
  TimePoint now = ctx_.clock.Now();
  OpenApplication app;
  app.id = internal::NewId("oa");
  app.resource_id = r->id;
  app.provider_org = r->provider_id;
  app.applicant_org = actor.Org();
  app.applicant_id = actor.Id();
  app.individual = actor.principal.organisation_kind == policy::OrganisationKind::kPublic;
  app.purposes = req.purposes;
  app.scenario = req.scenario;
  app.security_measures = req.security_measures;
  app.fields = req.fields;
  app.term_days = req.term_days;
  app.agreement_version = std::string(dua.version);
  app.agreement_sha256 = dua.sha256;
  app.state = "submitted";
  app.created_at = now;
  app.updated_at = now;
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_ASSIGN_OR_RETURN(auto open, Select(*session,
                                          "WHERE applicant_org = $1 AND (NOT individual OR applicant_id = $2) AND "
                                          "resource_id = $3 AND state = 'submitted'",
                                          {Value::Text(app.applicant_org), Value::Text(app.applicant_id),
                                           Value::Text(app.resource_id)}));
    if (!open.empty()) {
      return MakeError(ErrorKind::kConflict, "open.duplicate",
                       "You already have an application in progress for '" + app.resource_id + "' (" +
                           open.front().id + ").",
                       "您已有办理中的“" + app.resource_id + "”申请（" + open.front().id + "）。");
    }
    GS_RETURN_IF_ERROR(session->Execute(
        "INSERT INTO open_applications (id, resource_id, provider_org, applicant_org, applicant_id, individual, purposes, "
        "scenario, security_measures, fields, term_days, agreement_version, agreement_sha256, state, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
        {Value::Text(app.id), Value::Text(app.resource_id), Value::Text(app.provider_org), Value::Text(app.applicant_org),
         Value::Text(app.applicant_id), Value::Bool(app.individual), Value::Text(internal::ListJson(app.purposes)),
         Value::Text(app.scenario), Value::Text(app.security_measures), Value::Text(internal::ListJson(app.fields)),
         Value::Int(app.term_days), Value::Text(app.agreement_version), Value::Text(app.agreement_sha256),
         Value::Text(app.state), TimeValue(now)}));
    Transition t{std::string(kObjectType), app.id, "", "submitted", "", app.resource_id, "", "", Canonical(app)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return app;
}

Result<OpenApplication> OpenApplicationService::Approve(const Actor& actor, std::string_view id,
                                                        const OpenApproval& approval) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(OpenApplication app, LoadOne(*session, id));
  if (!CanSee(actor, app)) return NotFound(id);
  const bool own = actor.Id() == app.applicant_id;
  GS_RETURN_IF_ERROR(Machine().Check(app.state, "approved", ~Capacities{0}, own));
  if (!actor.IsStewardOf(app.provider_org)) {
    return MakeError(ErrorKind::kForbidden, "open.not_provider_steward",
                     "Only a data steward of the provider department may approve an open-data application.",
                     "开放数据申请只能由提供部门的数据管理员批准。");
  }
  std::vector<std::string> fields = approval.fields.value_or(app.fields);
  if (fields.empty()) {
    return MakeError(ErrorKind::kUnprocessable, "open.no_fields", "An approval grants at least one field.",
                     "批准时至少须授予一个信息项。");
  }
  for (const auto& f : fields) {
    if (std::find(app.fields.begin(), app.fields.end(), f) == app.fields.end()) {
      return MakeError(ErrorKind::kUnprocessable, "open.field_not_requested",
                       "Field '" + f + "' was not requested; an approval can only narrow the fields.",
                       "信息项“" + f + "”不在申请范围内，批准时只能缩小范围。");
    }
  }
  if (std::set<std::string>(fields.begin(), fields.end()).size() != fields.size()) {
    return MakeError(ErrorKind::kInvalidArgument, "open.duplicate_field", "A field is listed twice.", "信息项重复。");
  }
  int term = approval.term_days.value_or(app.term_days);
  if (term < 1 || term > app.term_days) {
    return MakeError(ErrorKind::kUnprocessable, "open.term_longer",
                     "The granted term must be from 1 day to the " + std::to_string(app.term_days) + " days requested.",
                     "授权期限须在1天至申请的" + std::to_string(app.term_days) + "天之间。");
  }
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(approval.reason, "reason", "理由", "open"));
  TimePoint now = ctx_.clock.Now();
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GrantRecord g;
    g.grant.id = internal::NewId("gr");
    g.grant.kind = policy::GrantKind::kOpen;
    g.grant.resource_id = app.resource_id;
    g.grant.provider_org = app.provider_org;
    g.grant.grantee_org = app.applicant_org;
    g.grant.grantee_user = app.individual ? app.applicant_id : std::string();
    g.grant.fields = fields;
    g.grant.purposes = app.purposes;
    g.grant.valid_from = now;
    g.grant.valid_until = now + std::chrono::hours(24) * term;
    g.grant.state = policy::GrantState::kActive;
    g.application_id = app.id;
    g.report_due = ctx_.calendar.Calendar()->AddWorkingDays(now, ctx_.settings.Get().open_report_working_days);
    g.created_by = actor.Id();
    GS_RETURN_IF_ERROR(grants_.Create(*session, actor, g, now));
    OpenApplication next = app;
    next.reviewer_id = actor.Id();
    next.grant_id = g.grant.id;
    return Step(ctx_, *session, actor, app, std::move(next), "approved", approval.reason, now);
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return app;
}

Result<OpenApplication> OpenApplicationService::Reject(const Actor& actor, std::string_view id, std::string reason) {
  return internal::RejectApplication(ctx_, Kind(), actor, id, reason);
}

Result<OpenApplication> OpenApplicationService::Withdraw(const Actor& actor, std::string_view id) {
  return internal::WithdrawApplication(ctx_, Kind(), actor, id);
}

Result<OpenApplication> OpenApplicationService::Get(const Actor& actor, std::string_view id) {
  return internal::GetApplication(ctx_, Kind(), actor, id);
}

Result<std::vector<OpenApplication>> OpenApplicationService::List(const Actor& actor, ApplicationView view,
                                                                  std::string_view state) {
  if (!state.empty() && !Machine().Knows(state)) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.unknown_state", "Unknown state '" + std::string(state) + "'.",
                     "未知的状态“" + std::string(state) + "”。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  const std::string org = actor.IsMember() ? actor.Org() : std::string("\x1f");
  std::string where = "WHERE ($1 = '' OR state = $1)";
  storage::Params params{Value::Text(std::string(state))};
  const std::string applied = "(applicant_org = $2 AND (NOT individual OR applicant_id = $3))";
  if (view == ApplicationView::kApplied) {
    where += " AND " + applied;
    params.push_back(Value::Text(org));
    params.push_back(Value::Text(actor.Id()));
  } else if (view == ApplicationView::kReceived) {
    where += " AND provider_org = $2";
    params.push_back(Value::Text(org));
  } else if (!actor.IsAuthority()) {
    where += " AND (" + applied + " OR provider_org = $2)";
    params.push_back(Value::Text(org));
    params.push_back(Value::Text(actor.Id()));
  }
  return Select(*session, where + " ORDER BY created_at DESC, id LIMIT 1000", params);
}

Result<std::vector<policy::PendingApplication>> OpenApplicationService::LoadPending(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE state = 'submitted'", {}));
  std::vector<policy::PendingApplication> out;
  for (const auto& a : rows) {
    out.push_back(policy::PendingApplication{policy::GrantKind::kOpen, a.resource_id, a.applicant_org,
                                             a.individual ? a.applicant_id : std::string()});
  }
  return out;
}

}  // namespace gongshu::workflow
