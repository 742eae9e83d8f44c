#include "workflow/share_application_service.h"

#include <algorithm>
#include <set>

#include "core/json_writer.h"
#include "core/log.h"
#include "core/utf8.h"
#include "workflow/internal/application_checks.h"
#include "workflow/internal/application_steps.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using internal::Micros;
using internal::RowView;
using internal::TimeValue;
using storage::Value;

namespace {

constexpr std::string_view kObjectType = "share_application";
constexpr std::string_view kColumns =
    "id, resource_id, provider_org, applicant_org, applicant_id, purposes, scenario, fields, row_field, row_prefixes, "
    "term_days, state, compliance_due, reply_due, escalated_at, reviewer_id, reason, grant_id, created_at, updated_at";

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "share_application.not_found",
                   "No share application with id '" + std::string(id) + "'.",
                   "共享申请“" + std::string(id) + "”不存在。");
}

ShareApplication FromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  ShareApplication a;
  a.id = v.Text("id");
  a.resource_id = v.Text("resource_id");
  a.provider_org = v.Text("provider_org");
  a.applicant_org = v.Text("applicant_org");
  a.applicant_id = v.Text("applicant_id");
  a.purposes = internal::ParseList(v.Text("purposes"));
  a.scenario = v.Text("scenario");
  a.fields = internal::ParseList(v.Text("fields"));
  a.rows.field = v.Text("row_field");
  if (!a.rows.field.empty()) a.rows.prefixes = internal::ParseList(v.Text("row_prefixes"));
  a.term_days = static_cast<int>(v.Int("term_days"));
  a.state = v.Text("state");
  a.compliance_due = v.TimeOr("compliance_due", TimePoint{});
  a.reply_due = v.Time("reply_due");
  a.escalated_at = v.Time("escalated_at");
  a.reviewer_id = v.Text("reviewer_id");
  a.reason = v.Text("reason");
  a.grant_id = v.Text("grant_id");
  a.created_at = v.TimeOr("created_at", TimePoint{});
  a.updated_at = v.TimeOr("updated_at", TimePoint{});
  return a;
}

std::string Canonical(const ShareApplication& a) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("resource_id", a.resource_id).Field("provider_org", a.provider_org);
  w.Field("applicant_org", a.applicant_org).Field("applicant_id", a.applicant_id);
  w.Field("purposes", internal::ListJson(a.purposes)).Field("scenario", a.scenario);
  w.Field("fields", internal::ListJson(a.fields)).Field("row_field", a.rows.field);
  w.Field("row_prefixes", internal::ListJson(a.rows.prefixes)).Field("term_days", a.term_days);
  w.Field("state", a.state).Field("compliance_due", Micros(a.compliance_due));
  w.Field("reply_due", a.reply_due ? Micros(*a.reply_due) : int64_t{0});
  w.Field("escalated_at", a.escalated_at ? Micros(*a.escalated_at) : int64_t{0});
  w.Field("reviewer_id", a.reviewer_id).Field("reason", a.reason).Field("grant_id", a.grant_id);
  w.Field("created_at", Micros(a.created_at)).EndObject();
  return out;
}

Result<std::vector<ShareApplication>> Select(storage::Session& s, const std::string& where, const storage::Params& p) {
  GS_ASSIGN_OR_RETURN(storage::Table t, s.Query("SELECT " + std::string(kColumns) + " FROM share_applications " + where, p));
  std::vector<ShareApplication> out;
  for (const auto& row : t.rows) out.push_back(FromRow(t, row));
  return out;
}

Result<ShareApplication> LoadOne(storage::Session& s, std::string_view id) {
  if (!internal::IsId("sa", id)) return NotFound(id);
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE id = $1", {Value::Text(std::string(id))}));
  if (rows.empty()) return NotFound(id);
  return rows.front();
}

bool CanSee(const Actor& actor, const ShareApplication& a) {
  return actor.system || actor.IsAuthority() || actor.IsMemberOf(a.applicant_org) || actor.IsMemberOf(a.provider_org);
}

Capacities HeldBy(const Actor& actor, const ShareApplication& a) {
  Capacities c = 0;
  if (actor.system) c = c | Capacity::kSystem;
  if (actor.IsAuthority()) c = c | Capacity::kAuthority;
  if (actor.IsStewardOf(a.provider_org)) c = c | Capacity::kProviderSteward;
  if (actor.IsMemberOf(a.applicant_org)) c = c | Capacity::kApplicant;
  return c;
}

Status Store(storage::Session& s, const ShareApplication& next, std::string_view expected) {
  auto r = s.Query(
      "UPDATE share_applications SET state = $2, reply_due = $3, escalated_at = $4, reviewer_id = $5, reason = $6, "
      "grant_id = $7, updated_at = $8 WHERE id = $1 AND state = $9 RETURNING id",
      {Value::Text(next.id), Value::Text(next.state), TimeValue(next.reply_due), TimeValue(next.escalated_at),
       Value::Text(next.reviewer_id), Value::Text(next.reason), Value::Text(next.grant_id), TimeValue(next.updated_at),
       Value::Text(std::string(expected))});
  return internal::ExpectOneRow(r, "share application", next.id);
}

Status Step(WorkflowContext& ctx, storage::Session& s, const Actor& actor, ShareApplication& app, ShareApplication next,
            std::string_view to, const std::string& reason, TimePoint now) {
  next.state = std::string(to);
  next.updated_at = now;
  if (!reason.empty()) next.reason = reason;
  GS_RETURN_IF_ERROR(Store(s, next, app.state));
  Transition t{std::string(kObjectType), app.id, app.state, next.state, reason, app.resource_id, next.grant_id,
               Canonical(app), Canonical(next)};
  GS_ASSIGN_OR_RETURN(uint64_t index, ctx.log.Record(s, actor, t, now));
  (void)index;
  app = std::move(next);
  return Ok();
}

bool IsConsumer(const Actor& actor) {
  return actor.IsMember() && actor.principal.organisation_kind == policy::OrganisationKind::kDepartment &&
         actor.principal.Has(policy::Role::kDepartmentConsumer);
}

// Creates the share grant an approval yields, inside the approval's transaction.
Status GrantFor(GrantService& grants, storage::Session& s, const Actor& actor, ShareApplication& next,
                const std::vector<std::string>& fields, const policy::RowScope& rows, int term_days, TimePoint now) {
  GrantRecord r;
  r.grant.id = internal::NewId("gr");
  r.grant.kind = policy::GrantKind::kShare;
  r.grant.resource_id = next.resource_id;
  r.grant.provider_org = next.provider_org;
  r.grant.grantee_org = next.applicant_org;
  r.grant.fields = fields;
  r.grant.rows = rows;
  r.grant.purposes = next.purposes;
  r.grant.valid_from = now;
  r.grant.valid_until = now + std::chrono::hours(24) * term_days;
  r.grant.state = policy::GrantState::kActive;
  r.application_id = next.id;
  r.created_by = actor.Id();
  next.grant_id = r.grant.id;
  return grants.Create(s, actor, r, now);
}

}  // namespace

const StateMachine& ShareApplicationService::Machine() {
  constexpr Capacities kSystem = static_cast<Capacities>(Capacity::kSystem);
  constexpr Capacities kProvider = static_cast<Capacities>(Capacity::kProviderSteward);
  constexpr Capacities kApplicant = static_cast<Capacities>(Capacity::kApplicant);
  static const StateMachine machine(
      kObjectType, "共享申请", "share application",
      {{"submitted", "已提交", "submitted"},
       {"compliance_checked", "合规检查通过", "compliance checked"},
       {"escalated", "已超期上报", "escalated"},
       {"approved", "已批准", "approved"},
       {"rejected", "已驳回", "rejected"},
       {"withdrawn", "已撤回", "withdrawn"}},
      {{"submitted", "compliance_checked", kSystem, false},
       {"compliance_checked", "approved", kProvider | Capacity::kSystem, true},
       {"compliance_checked", "rejected", kProvider, true},
       {"compliance_checked", "escalated", kSystem, false},
       {"escalated", "approved", kProvider, true},
       {"escalated", "rejected", kProvider | Capacity::kAuthority, true},
       {"submitted", "withdrawn", kApplicant, false},
       {"compliance_checked", "withdrawn", kApplicant, false},
       {"escalated", "withdrawn", kApplicant, false}});
  return machine;
}

const internal::ApplicationKind<ShareApplication>& ShareApplicationService::Kind() {
  static const internal::ApplicationKind<ShareApplication> kind{Machine(), "share", LoadOne, CanSee, HeldBy, Step, NotFound};
  return kind;
}

Result<ShareApplication> ShareApplicationService::Submit(const Actor& actor, ShareRequest req) {
  if (!IsConsumer(actor)) {
    return MakeError(ErrorKind::kForbidden, "share.not_consumer",
                     "Share applications are submitted by consumers in government departments.",
                     "共享申请须由政府部门的数据使用人提交。");
  }
  auto snap = ctx_.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(req.resource_id);
  if (r == nullptr || !ctx_.policy.CanDiscover(actor.principal, *r)) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + req.resource_id + "'.",
                     "数据资源“" + req.resource_id + "”不存在。");
  }
  if (r->provider_id == actor.Org()) {
    return MakeError(ErrorKind::kConflict, "share.own_resource",
                     "This is your own department's resource; its stewards read it without an application.",
                     "这是本部门的数据资源，无需申请共享。");
  }
  if (r->share != catalog::ShareAttribute::kUnconditional && r->share != catalog::ShareAttribute::kConditional) {
    return MakeError(ErrorKind::kForbidden, "share.not_shared",
                     "Resource '" + r->id + "' is classified as not shared (不予共享): " + r->share_basis,
                     "数据资源“" + r->id + "”为不予共享：" + r->share_basis);
  }
  GS_RETURN_IF_ERROR(internal::CheckPurposes(req.purposes, "share"));
  GS_RETURN_IF_ERROR(internal::CheckText(req.scenario, "scenario", "应用场景", "share"));
  if (req.fields.empty()) {
    for (const auto& f : r->fields) {
      if (f.level != catalog::ClassificationLevel::kCore) req.fields.push_back(f.name);
    }
  }
  GS_RETURN_IF_ERROR(internal::CheckFields(*r, req.fields, catalog::ClassificationLevel::kImportant, "share"));
  GS_RETURN_IF_ERROR(internal::CheckRowScope(*r, req.rows, "share"));
  if (req.term_days < 1 || req.term_days > kMaxShareTermDays) {
    return MakeError(ErrorKind::kInvalidArgument, "share.bad_term", "term_days must be from 1 to 1825 (five years).",
                     "使用期限 term_days 须为1至1825天（五年）。");
  }
  const WorkflowSettings settings = ctx_.settings.Get();
  auto calendar = ctx_.calendar.Calendar();
  TimePoint now = ctx_.clock.Now();
  ShareApplication app;
  app.id = internal::NewId("sa");
  app.resource_id = r->id;
  app.provider_org = r->provider_id;
  app.applicant_org = actor.Org();
  app.applicant_id = actor.Id();
  app.purposes = req.purposes;
  app.scenario = req.scenario;
  app.fields = req.fields;
  app.rows = req.rows;
  app.term_days = req.term_days;
  app.state = "submitted";
  app.compliance_due = calendar->AddWorkingDays(now, settings.share_compliance_working_days);
  app.created_at = now;
  app.updated_at = now;
  const bool unconditional = r->share == catalog::ShareAttribute::kUnconditional;
  const bool published = r->status == catalog::ResourceStatus::kPublished && r->current.has_value();

  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_ASSIGN_OR_RETURN(auto open, Select(*session,
                                          "WHERE applicant_org = $1 AND resource_id = $2 AND state IN ('submitted', "
                                          "'compliance_checked', 'escalated')",
                                          {Value::Text(app.applicant_org), Value::Text(app.resource_id)}));
    if (!open.empty()) {
      return MakeError(ErrorKind::kConflict, "share.duplicate",
                       "Your department already has an application in progress for '" + app.resource_id + "' (" +
                           open.front().id + ").",
                       "贵部门已有办理中的“" + app.resource_id + "”共享申请（" + open.front().id + "）。");
    }
    GS_RETURN_IF_ERROR(session->Execute(
        "INSERT INTO share_applications (id, resource_id, provider_org, applicant_org, applicant_id, purposes, scenario, "
        "fields, row_field, row_prefixes, term_days, state, compliance_due, created_at, updated_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
        {Value::Text(app.id), Value::Text(app.resource_id), Value::Text(app.provider_org), Value::Text(app.applicant_org),
         Value::Text(app.applicant_id), Value::Text(internal::ListJson(app.purposes)), Value::Text(app.scenario),
         Value::Text(internal::ListJson(app.fields)), Value::Text(app.rows.field),
         Value::Text(internal::ListJson(app.rows.prefixes)), Value::Int(app.term_days), Value::Text(app.state),
         TimeValue(app.compliance_due), TimeValue(now)}));
    Transition created{std::string(kObjectType), app.id, "", "submitted", "", app.resource_id, "", "", Canonical(app)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, created, now));
    (void)index;
    // The automatic compliance check (合规检查) passed: every condition above is what it checks.
    Actor system = Actor::System();
    system.request_id = actor.request_id;
    ShareApplication checked = app;
    checked.reply_due = calendar->AddWorkingDays(
        now, published ? settings.share_reply_working_days : settings.share_reply_unpublished_working_days);
    GS_RETURN_IF_ERROR(Step(ctx_, *session, system, app, std::move(checked), "compliance_checked",
                            "自动合规检查通过 / automatic compliance check passed", now));
    if (!unconditional) return Ok();
    // 无条件共享: the platform grants what was asked, as asked.
    ShareApplication approved = app;
    approved.reviewer_id = "system";
    GS_RETURN_IF_ERROR(GrantFor(grants_, *session, system, approved, app.fields, app.rows, app.term_days, now));
    return Step(ctx_, *session, system, app, std::move(approved), "approved",
                "无条件共享，自动授权 / unconditionally shared: granted", now);
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return app;
}

Result<ShareApplication> ShareApplicationService::Approve(const Actor& actor, std::string_view id,
                                                          const ShareApproval& approval) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(ShareApplication app, LoadOne(*session, id));
  if (!CanSee(actor, app)) return NotFound(id);
  const bool own = actor.Id() == app.applicant_id;
  GS_RETURN_IF_ERROR(Machine().Check(app.state, "approved", ~Capacities{0}, own));
  if (!actor.IsStewardOf(app.provider_org)) {
    return MakeError(ErrorKind::kForbidden, "share.not_provider_steward",
                     "Only a data steward of the provider department may approve a share application.",
                     "共享申请只能由提供部门的数据管理员批准。");
  }
  GS_RETURN_IF_ERROR(Machine().Check(app.state, "approved", HeldBy(actor, app), own));
  auto snap = ctx_.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(app.resource_id);
  if (r == nullptr) {
    return MakeError(ErrorKind::kConflict, "share.resource_gone",
                     "The resource of this application no longer exists; reject it instead.",
                     "该申请的数据资源已不存在，请驳回申请。");
  }
  std::vector<std::string> fields = approval.fields.value_or(app.fields);
  if (fields.empty()) {
    return MakeError(ErrorKind::kUnprocessable, "share.no_fields", "An approval grants at least one field.",
                     "批准时至少须授予一个信息项。");
  }
  for (const auto& f : fields) {
    if (std::find(app.fields.begin(), app.fields.end(), f) == app.fields.end()) {
      return MakeError(ErrorKind::kUnprocessable, "share.field_not_requested",
                       "Field '" + f + "' was not requested; an approval can only narrow the fields.",
                       "信息项“" + f + "”不在申请范围内，批准时只能缩小范围。");
    }
  }
  if (std::set<std::string>(fields.begin(), fields.end()).size() != fields.size()) {
    return MakeError(ErrorKind::kInvalidArgument, "share.duplicate_field", "A field is listed twice.", "信息项重复。");
  }
  policy::RowScope rows = app.rows;
  if (approval.rows) {
    GS_RETURN_IF_ERROR(internal::CheckRowScope(*r, *approval.rows, "share"));
    if (!app.rows.empty()) {
      if (approval.rows->field != app.rows.field) {
        return MakeError(ErrorKind::kUnprocessable, "share.row_scope_wider",
                         "The row scope must stay on field '" + app.rows.field + "' as requested.",
                         "行范围须沿用申请中的字段“" + app.rows.field + "”。");
      }
      for (const auto& p : approval.rows->prefixes) {
        bool inside = std::any_of(app.rows.prefixes.begin(), app.rows.prefixes.end(),
                                  [&](const std::string& q) { return p.starts_with(q); });
        if (!inside) {
          return MakeError(ErrorKind::kUnprocessable, "share.row_scope_wider",
                           "Row prefix '" + p + "' is wider than the rows requested; an approval can only narrow them.",
                           "行范围“" + p + "”超出申请范围，批准时只能缩小范围。");
        }
      }
    }
    rows = *approval.rows;
  }
  int term = approval.term_days.value_or(app.term_days);
  if (term < 1 || term > app.term_days) {
    return MakeError(ErrorKind::kUnprocessable, "share.term_longer",
                     "The granted term must be from 1 day to the " + std::to_string(app.term_days) + " days requested.",
                     "授权期限须在1天至申请的" + std::to_string(app.term_days) + "天之间。");
  }
  GS_RETURN_IF_ERROR(internal::CheckOptionalText(approval.reason, "reason", "理由", "share"));
  TimePoint now = ctx_.clock.Now();
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    ShareApplication next = app;
    next.reviewer_id = actor.Id();
    GS_RETURN_IF_ERROR(GrantFor(grants_, *session, actor, next, fields, rows, term, now));
    return Step(ctx_, *session, actor, app, std::move(next), "approved", approval.reason, now);
  }));
  if (ctx_.policy_changed) ctx_.policy_changed();
  return app;
}

Result<ShareApplication> ShareApplicationService::Reject(const Actor& actor, std::string_view id, std::string reason) {
  return internal::RejectApplication(ctx_, Kind(), actor, id, reason);
}

Result<ShareApplication> ShareApplicationService::Withdraw(const Actor& actor, std::string_view id) {
  return internal::WithdrawApplication(ctx_, Kind(), actor, id);
}

Result<ShareApplication> ShareApplicationService::Get(const Actor& actor, std::string_view id) {
  return internal::GetApplication(ctx_, Kind(), actor, id);
}

Result<std::vector<ShareApplication>> ShareApplicationService::List(const Actor& actor, ApplicationView view,
                                                                    std::string_view state) {
  if (!state.empty() && !Machine().Knows(state)) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.unknown_state", "Unknown state '" + std::string(state) + "'.",
                     "未知的状态“" + std::string(state) + "”。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  const std::string org = actor.IsMember() ? actor.Org() : std::string("\x1f");
  std::string where = "WHERE ($1 = '' OR state = $1)";
  storage::Params params{Value::Text(std::string(state))};
  if (view == ApplicationView::kApplied) {
    where += " AND applicant_org = $2";
    params.push_back(Value::Text(org));
  } else if (view == ApplicationView::kReceived) {
    where += " AND provider_org = $2";
    params.push_back(Value::Text(org));
  } else if (!actor.IsAuthority()) {
    where += " AND (applicant_org = $2 OR provider_org = $2)";
    params.push_back(Value::Text(org));
  }
  return Select(*session, where + " ORDER BY created_at DESC, id LIMIT 1000", params);
}

Result<std::vector<ShareApplication>> ShareApplicationService::Escalations(const Actor& actor) {
  if (!actor.IsAuthority()) {
    return MakeError(ErrorKind::kForbidden, "workflow.not_permitted",
                     "The escalation queue is for the data authority.", "超期上报队列仅供数据管理机构查看。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  return Select(*session, "WHERE state = 'escalated' ORDER BY escalated_at, id", {});
}

Result<int> ShareApplicationService::Tick(TimePoint now) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(auto due, Select(*session,
                                       "WHERE state = 'compliance_checked' AND reply_due IS NOT NULL AND reply_due <= $1 "
                                       "ORDER BY reply_due, id",
                                       {TimeValue(now)}));
  int escalated = 0;
  const Actor system = Actor::System();
  for (ShareApplication app : due) {
    Status st = storage::InTransaction(*session, [&]() -> Status {
      ShareApplication next = app;
      next.escalated_at = now;
      return Step(ctx_, *session, system, app, std::move(next), "escalated",
                  "答复超期，提请数据管理机构协调 / reply overdue: escalated to the authority", now);
    });
    if (st.ok()) {
      ++escalated;
    } else {
      Log().warn("share application {} could not be escalated: {}", app.id, st.error().message);
    }
  }
  return escalated;
}

Result<std::vector<policy::PendingApplication>> ShareApplicationService::LoadPending(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE state IN ('submitted', 'compliance_checked', 'escalated')", {}));
  std::vector<policy::PendingApplication> out;
  for (const auto& a : rows) {
    out.push_back(policy::PendingApplication{policy::GrantKind::kShare, a.resource_id, a.applicant_org, ""});
  }
  return out;
}

}  // namespace gongshu::workflow
