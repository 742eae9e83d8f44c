#include "workflow/grant_service.h"

#include "core/json_writer.h"
#include "core/utf8.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using internal::Micros;
using internal::RowView;
using internal::TimeValue;
using storage::Value;

namespace {

constexpr std::string_view kObjectType = "grant";
constexpr std::string_view kSelect =
    "SELECT g.id, g.kind, g.resource_id, g.provider_org, g.grantee_org, g.grantee_user, g.application_id, g.fields, "
    "g.row_field, g.row_prefixes, g.purposes, g.state, g.valid_from, g.valid_until, g.report_due, g.created_by, "
    "g.reason, g.created_at, g.updated_at, (SELECT count(*) FROM usage_reports u WHERE u.grant_id = g.id) AS reports "
    "FROM grants g ";

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "grant.not_found", "No grant with id '" + std::string(id) + "'.",
                   "授权“" + std::string(id) + "”不存在。");
}

GrantRecord FromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  GrantRecord r;
  policy::Grant& g = r.grant;
  g.id = v.Text("id");
  g.kind = policy::ParseGrantKind(v.Text("kind")).value_or(policy::GrantKind::kShare);
  g.resource_id = v.Text("resource_id");
  g.provider_org = v.Text("provider_org");
  g.grantee_org = v.Text("grantee_org");
  g.grantee_user = v.Text("grantee_user");
  g.fields = internal::ParseList(v.Text("fields"));
  g.rows.field = v.Text("row_field");
  if (!g.rows.field.empty()) g.rows.prefixes = internal::ParseList(v.Text("row_prefixes"));
  g.purposes = internal::ParseList(v.Text("purposes"));
  // Fail closed: a state the code does not know serves nothing.
  g.state = policy::ParseGrantState(v.Text("state")).value_or(policy::GrantState::kRevoked);
  g.valid_from = v.TimeOr("valid_from", TimePoint::max());
  g.valid_until = v.TimeOr("valid_until", TimePoint{});
  r.application_id = v.Text("application_id");
  r.report_due = v.Time("report_due");
  r.reports = static_cast<int>(v.Int("reports"));
  r.created_by = v.Text("created_by");
  r.reason = v.Text("reason");
  r.created_at = v.TimeOr("created_at", TimePoint{});
  r.updated_at = v.TimeOr("updated_at", TimePoint{});
  return r;
}

Result<std::vector<GrantRecord>> Select(storage::Session& s, const std::string& where, const storage::Params& p) {
  GS_ASSIGN_OR_RETURN(storage::Table t, s.Query(std::string(kSelect) + where, p));
  std::vector<GrantRecord> out;
  for (const auto& row : t.rows) out.push_back(FromRow(t, row));
  return out;
}

Result<GrantRecord> LoadOne(storage::Session& s, std::string_view id) {
  if (!internal::IsId("gr", id)) return NotFound(id);
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE g.id = $1", {Value::Text(std::string(id))}));
  if (rows.empty()) return NotFound(id);
  return rows.front();
}

bool IsHolder(const Actor& actor, const policy::Grant& g) {
  if (!actor.IsMemberOf(g.grantee_org)) return false;
  return g.grantee_user.empty() || actor.Id() == g.grantee_user;
}

bool CanSee(const Actor& actor, const GrantRecord& r) {
  return actor.system || actor.IsAuthority() || actor.IsMemberOf(r.grant.provider_org) || IsHolder(actor, r.grant);
}

}  // namespace

std::string GrantRecord::EffectiveState(TimePoint now) const {
  if (grant.state == policy::GrantState::kRevoked) return "revoked";
  if (now >= grant.valid_until) return "expired";
  return std::string(policy::GrantStateCode(grant.state));
}

std::string GrantService::Canonical(const GrantRecord& r) {
  const policy::Grant& g = r.grant;
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", g.id).Field("kind", policy::GrantKindCode(g.kind)).Field("resource_id", g.resource_id);
  w.Field("provider_org", g.provider_org).Field("grantee_org", g.grantee_org).Field("grantee_user", g.grantee_user);
  w.Field("application_id", r.application_id).Field("fields", internal::ListJson(g.fields));
  w.Field("row_field", g.rows.field).Field("row_prefixes", internal::ListJson(g.rows.prefixes));
  w.Field("purposes", internal::ListJson(g.purposes)).Field("state", policy::GrantStateCode(g.state));
  w.Field("valid_from", Micros(g.valid_from)).Field("valid_until", Micros(g.valid_until));
  w.Field("report_due", r.report_due ? Micros(*r.report_due) : int64_t{0}).Field("created_by", r.created_by);
  w.Field("reason", r.reason).EndObject();
  return out;
}

const StateMachine& GrantService::Machine() {
  constexpr Capacities kManagers = Capacity::kProviderSteward | Capacity::kAuthority;
  static const StateMachine machine(kObjectType, "授权", "grant",
                                    {{"active", "有效", "active"},
                                     {"suspended", "已暂停", "suspended"},
                                     {"revoked", "已撤销", "revoked"}},
                                    {{"active", "suspended", kManagers, false},
                                     {"suspended", "active", kManagers, false},
                                     {"active", "revoked", kManagers, false},
                                     {"suspended", "revoked", kManagers, false}});
  return machine;
}

Status GrantService::Create(storage::Session& s, const Actor& actor, const GrantRecord& r, TimePoint now) {
  const policy::Grant& g = r.grant;
  GS_RETURN_IF_ERROR(s.Execute(
      "INSERT INTO grants (id, kind, resource_id, provider_org, grantee_org, grantee_user, application_id, fields, "
      "row_field, row_prefixes, purposes, state, valid_from, valid_until, report_due, created_by, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)",
      {Value::Text(g.id), Value::Text(std::string(policy::GrantKindCode(g.kind))), Value::Text(g.resource_id),
       Value::Text(g.provider_org), Value::Text(g.grantee_org), Value::Text(g.grantee_user),
       Value::Text(r.application_id), Value::Text(internal::ListJson(g.fields)), Value::Text(g.rows.field),
       Value::Text(internal::ListJson(g.rows.prefixes)), Value::Text(internal::ListJson(g.purposes)),
       Value::Text(std::string(policy::GrantStateCode(g.state))), TimeValue(g.valid_from), TimeValue(g.valid_until),
       TimeValue(r.report_due), Value::Text(r.created_by), TimeValue(now)}));
  Transition t{std::string(kObjectType), g.id, "", std::string(policy::GrantStateCode(g.state)), "", g.resource_id,
               g.id, "", Canonical(r)};
  GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(s, actor, t, now));
  (void)index;
  return Ok();
}

Result<GrantRecord> GrantService::Get(const Actor& actor, std::string_view id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(GrantRecord r, LoadOne(*session, id));
  if (!CanSee(actor, r)) return NotFound(id);
  return r;
}

Result<std::vector<GrantRecord>> GrantService::List(const Actor& actor, GrantView view, bool overdue_reports_only) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  std::string where = "WHERE TRUE";
  storage::Params params;
  const std::string org = actor.IsMember() ? actor.Org() : std::string("\x1f");
  auto add = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (view == GrantView::kHeld || (view == GrantView::kAll && !actor.IsAuthority())) {
    std::string held = "(g.grantee_org = " + add(Value::Text(org)) + " AND (g.grantee_user = '' OR g.grantee_user = " +
                       add(Value::Text(actor.Id())) + "))";
    if (view == GrantView::kHeld) {
      where += " AND " + held;
    } else {
      where += " AND (" + held + " OR g.provider_org = " + add(Value::Text(org)) + ")";
    }
  } else if (view == GrantView::kProvided) {
    where += " AND g.provider_org = " + add(Value::Text(org));
  }
  if (overdue_reports_only) {
    where += " AND g.report_due IS NOT NULL AND g.report_due <= " + add(TimeValue(ctx_.clock.Now())) +
             " AND NOT EXISTS (SELECT 1 FROM usage_reports u WHERE u.grant_id = g.id)";
  }
  return Select(*session, where + " ORDER BY g.created_at DESC, g.id LIMIT 1000", params);
}

Result<GrantRecord> GrantService::Move(const Actor& actor, std::string_view id, std::string_view to, std::string reason) {
  if (to != "active" && reason.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.reason_required",
                     "Suspending or revoking a grant must give its reason.", "暂停或撤销授权须说明理由。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(GrantRecord r, LoadOne(*session, id));
  if (!CanSee(actor, r)) return NotFound(id);
  Capacities held = 0;
  if (actor.IsAuthority()) held = held | Capacity::kAuthority;
  if (actor.IsStewardOf(r.grant.provider_org)) held = held | Capacity::kProviderSteward;
  const std::string from(policy::GrantStateCode(r.grant.state));
  GS_RETURN_IF_ERROR(Machine().Check(from, to, held, false));
  TimePoint now = ctx_.clock.Now();
  GrantRecord next = r;
  next.grant.state = *policy::ParseGrantState(to);
  next.reason = reason;
  next.updated_at = now;
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    auto u = session->Query("UPDATE grants SET state = $2, reason = $3, updated_at = $4 WHERE id = $1 AND state = $5 "
                            "RETURNING id",
                            {Value::Text(r.grant.id), Value::Text(std::string(to)), Value::Text(reason),
                             TimeValue(now), Value::Text(from)});
    GS_RETURN_IF_ERROR(internal::ExpectOneRow(u, "grant", r.grant.id));
    Transition t{std::string(kObjectType), r.grant.id, from, std::string(to), reason, r.grant.resource_id,
                 r.grant.id, Canonical(r), Canonical(next)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  // Suspension and revocation take effect before the caller hears back.
  if (ctx_.policy_changed) ctx_.policy_changed();
  return next;
}

Result<GrantRecord> GrantService::Suspend(const Actor& actor, std::string_view id, std::string reason) {
  return Move(actor, id, "suspended", std::move(reason));
}
Result<GrantRecord> GrantService::Resume(const Actor& actor, std::string_view id, std::string reason) {
  return Move(actor, id, "active", std::move(reason));
}
Result<GrantRecord> GrantService::Revoke(const Actor& actor, std::string_view id, std::string reason) {
  return Move(actor, id, "revoked", std::move(reason));
}

Result<UsageReport> GrantService::SubmitReport(const Actor& actor, std::string_view grant_id, std::string body) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(GrantRecord r, LoadOne(*session, grant_id));
  if (!CanSee(actor, r)) return NotFound(grant_id);
  if (!IsHolder(actor, r.grant)) {
    return MakeError(ErrorKind::kForbidden, "grant.not_holder", "Only the holder of a grant reports on its use.",
                     "使用情况报告须由被授权方提交。");
  }
  if (r.grant.kind != policy::GrantKind::kOpen) {
    return MakeError(ErrorKind::kConflict, "grant.no_report_due", "Usage reports are due for open-access grants only.",
                     "仅有条件开放授权需要提交使用情况报告。");
  }
  if (body.empty() || body.size() > 20000 || !IsValidUtf8(body)) {
    return MakeError(ErrorKind::kInvalidArgument, "grant.bad_report",
                     "A usage report is 1–20000 bytes of UTF-8 text.", "使用情况报告须为1–20000字节的文本。");
  }
  TimePoint now = ctx_.clock.Now();
  UsageReport rep{internal::NewId("ur"), r.grant.id, actor.Id(), actor.Org(), std::move(body), now};
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_RETURN_IF_ERROR(session->Execute(
        "INSERT INTO usage_reports (id, grant_id, submitted_by, organisation_id, body, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {Value::Text(rep.id), Value::Text(rep.grant_id), Value::Text(rep.submitted_by), Value::Text(rep.organisation_id),
         Value::Text(rep.body), TimeValue(now)}));
    // The report is an event of the grant (its state does not change): recorded like a transition.
    std::string state(policy::GrantStateCode(r.grant.state));
    Transition t{std::string(kObjectType), r.grant.id, state, state, "usage report " + rep.id, r.grant.resource_id,
                 r.grant.id, Canonical(r), Canonical(r) + rep.id};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  return rep;
}

Result<std::vector<UsageReport>> GrantService::Reports(const Actor& actor, std::string_view grant_id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(GrantRecord r, LoadOne(*session, grant_id));
  if (!CanSee(actor, r)) return NotFound(grant_id);
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      session->Query("SELECT id, grant_id, submitted_by, organisation_id, body, created_at FROM "
                                     "usage_reports WHERE grant_id = $1 ORDER BY created_at, id",
                                     {Value::Text(r.grant.id)}));
  std::vector<UsageReport> out;
  for (const auto& row : t.rows) {
    RowView v(t, row);
    out.push_back(UsageReport{v.Text("id"), v.Text("grant_id"), v.Text("submitted_by"), v.Text("organisation_id"),
                              v.Text("body"), v.TimeOr("created_at", TimePoint{})});
  }
  return out;
}

Result<std::vector<policy::Grant>> GrantService::LoadForPolicy(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(auto records, Select(s, "ORDER BY g.created_at, g.id", {}));
  std::vector<policy::Grant> out;
  out.reserve(records.size());
  for (auto& r : records) out.push_back(std::move(r.grant));
  return out;
}

}  // namespace gongshu::workflow
