#include "workflow/registration_service.h"

#include "catalog/classification.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "core/time_format.h"
#include "workflow/internal/store_util.h"
#include "workflow/registration_code.h"

namespace gongshu::workflow {

using internal::Micros;
using internal::RowView;
using internal::TimeValue;
using storage::Value;

namespace {

constexpr std::string_view kObjectType = "registration";
constexpr std::string_view kColumns =
    "id, kind, resource_id, provider_org, applicant_id, description, content, state, reviewer_id, reason, "
    "notice_until, registration_code, created_at, updated_at";

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "registration.not_found",
                   "No registration application with id '" + std::string(id) + "'.",
                   "登记申请“" + std::string(id) + "”不存在。");
}

RegistrationApplication FromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  RegistrationApplication a;
  a.id = v.Text("id");
  a.kind = ParseRegistrationKind(v.Text("kind")).value_or(RegistrationKind::kInitial);
  a.resource_id = v.Text("resource_id");
  a.provider_org = v.Text("provider_org");
  a.applicant_id = v.Text("applicant_id");
  a.description = v.Text("description");
  a.content = v.Text("content");
  a.state = v.Text("state");
  a.reviewer_id = v.Text("reviewer_id");
  a.reason = v.Text("reason");
  a.notice_until = v.Time("notice_until");
  a.registration_code = v.Text("registration_code");
  a.created_at = v.TimeOr("created_at", TimePoint{});
  a.updated_at = v.TimeOr("updated_at", TimePoint{});
  return a;
}

std::string Canonical(const RegistrationApplication& a) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("kind", RegistrationKindCode(a.kind)).Field("resource_id", a.resource_id);
  w.Field("provider_org", a.provider_org).Field("applicant_id", a.applicant_id).Field("description", a.description);
  w.Field("content", a.content).Field("state", a.state).Field("reviewer_id", a.reviewer_id).Field("reason", a.reason);
  w.Field("notice_until", a.notice_until ? Micros(*a.notice_until) : int64_t{0});
  w.Field("registration_code", a.registration_code).Field("created_at", Micros(a.created_at));
  w.Field("updated_at", Micros(a.updated_at)).EndObject();
  return out;
}

Result<std::vector<RegistrationApplication>> Select(storage::Session& s, const std::string& where,
                                                    const storage::Params& params) {
  GS_ASSIGN_OR_RETURN(storage::Table t, s.Query("SELECT " + std::string(kColumns) +
                                                    " FROM registration_applications " + where,
                                                params));
  std::vector<RegistrationApplication> out;
  for (const auto& row : t.rows) out.push_back(FromRow(t, row));
  return out;
}

Result<RegistrationApplication> LoadOne(storage::Session& s, std::string_view id) {
  if (!internal::IsId("reg", id)) return NotFound(id);
  GS_ASSIGN_OR_RETURN(auto rows, Select(s, "WHERE id = $1", {Value::Text(std::string(id))}));
  if (rows.empty()) return NotFound(id);
  return rows.front();
}

bool CanSee(const Actor& actor, const RegistrationApplication& a) {
  return actor.system || actor.IsAuthority() || actor.IsAuditor() || actor.IsMemberOf(a.provider_org);
}

Capacities HeldBy(const Actor& actor, const RegistrationApplication& a) {
  Capacities c = 0;
  if (actor.system) c = c | Capacity::kSystem;
  if (actor.IsAuthority()) c = c | Capacity::kAuthority;
  if (actor.IsStewardOf(a.provider_org)) c = c | Capacity::kApplicant;
  return c;
}

// Writes the mutable columns of `next` if the row is still in `expected` state.
Status Store(storage::Session& s, const RegistrationApplication& next, std::string_view expected) {
  auto r = s.Query(
      "UPDATE registration_applications SET state = $2, reviewer_id = $3, reason = $4, notice_until = $5, "
      "registration_code = $6, updated_at = $7 WHERE id = $1 AND state = $8 RETURNING id",
      {Value::Text(next.id), Value::Text(next.state), Value::Text(next.reviewer_id), Value::Text(next.reason),
       TimeValue(next.notice_until), Value::Text(next.registration_code), TimeValue(next.updated_at),
       Value::Text(std::string(expected))});
  return internal::ExpectOneRow(r, "registration application", next.id);
}

// Moves `app` to `to` (already checked) with the other changes made in `next`, recording the
// transition; `app` becomes the new state.
Status Step(WorkflowContext& ctx, storage::Session& s, const Actor& actor, RegistrationApplication& app,
            RegistrationApplication next, std::string_view to, std::string reason, TimePoint now) {
  next.state = std::string(to);
  next.updated_at = now;
  if (!reason.empty()) next.reason = reason;
  GS_RETURN_IF_ERROR(Store(s, next, app.state));
  Transition t{std::string(kObjectType), app.id, app.state, next.state, reason, app.resource_id, "",
               Canonical(app), Canonical(next)};
  GS_ASSIGN_OR_RETURN(uint64_t index, ctx.log.Record(s, actor, t, now));
  (void)index;
  app = std::move(next);
  return Ok();
}

RegistryEntry EntryFromRow(const storage::Table& t, const storage::Row& row) {
  RowView v(t, row);
  RegistryEntry e;
  e.code = v.Text("code");
  e.resource_id = v.Text("resource_id");
  e.provider_org = v.Text("provider_org");
  e.state = v.Text("state");
  e.revision = static_cast<int>(v.Int("revision"));
  e.application_id = v.Text("application_id");
  e.registered_at = v.TimeOr("registered_at", TimePoint{});
  e.updated_at = v.TimeOr("updated_at", TimePoint{});
  return e;
}

Result<std::optional<RegistryEntry>> LiveEntry(storage::Session& s, std::string_view resource_id) {
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      s.Query("SELECT code, resource_id, provider_org, state, revision, application_id, registered_at, "
                              "updated_at FROM registered_resources WHERE resource_id = $1 AND state = 'registered'",
                              {Value::Text(std::string(resource_id))}));
  if (t.rows.empty()) return std::optional<RegistryEntry>();
  return std::optional<RegistryEntry>(EntryFromRow(t, t.rows.front()));
}

std::string ContentOf(const catalog::Resource& r) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("title_zh", r.title_zh).Field("title_en", r.title_en).Field("provider_id", r.provider_id);
  w.Field("subject", r.subject).Field("update_cycle", r.update_cycle).Field("share", catalog::ShareCode(r.share));
  w.Field("open", catalog::OpenCode(r.open)).Field("level", catalog::LevelCode(r.Level()));
  w.Field("version", r.current ? int64_t{r.current->version} : int64_t{0});
  w.Key("fields").BeginArray();
  for (const auto& f : r.fields) {
    w.BeginObject().Field("name", f.name).Field("level", catalog::LevelCode(f.level)).Field("semantic", f.semantic);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return out;
}

}  // namespace

std::string_view RegistrationKindCode(RegistrationKind k) {
  switch (k) {
    case RegistrationKind::kInitial: return "initial";
    case RegistrationKind::kChange: return "change";
    case RegistrationKind::kCorrection: return "correction";
    case RegistrationKind::kCancellation: return "cancellation";
  }
  return "";
}

std::string_view RegistrationKindZh(RegistrationKind k) {
  switch (k) {
    case RegistrationKind::kInitial: return "首次登记";
    case RegistrationKind::kChange: return "变更登记";
    case RegistrationKind::kCorrection: return "更正登记";
    case RegistrationKind::kCancellation: return "注销登记";
  }
  return "";
}

std::optional<RegistrationKind> ParseRegistrationKind(std::string_view code) {
  for (auto k : {RegistrationKind::kInitial, RegistrationKind::kChange, RegistrationKind::kCorrection,
                 RegistrationKind::kCancellation}) {
    if (RegistrationKindCode(k) == code) return k;
  }
  return std::nullopt;
}

const StateMachine& RegistrationService::Machine() {
  static const StateMachine machine(
      kObjectType, "登记申请", "registration application",
      {{"submitted", "已提交", "submitted"},
       {"rejected", "已驳回", "rejected"},
       {"approved", "审核通过", "approved"},
       {"noticed", "公示中", "under public notice"},
       {"registered", "已登记", "registered"},
       {"deregistered", "已注销", "deregistered"},
       {"withdrawn", "已撤回", "withdrawn"}},
      {{"submitted", "approved", static_cast<Capacities>(Capacity::kAuthority), true},
       {"submitted", "rejected", static_cast<Capacities>(Capacity::kAuthority), true},
       {"submitted", "withdrawn", static_cast<Capacities>(Capacity::kApplicant), false},
       {"approved", "noticed", static_cast<Capacities>(Capacity::kSystem), false},
       {"approved", "deregistered", static_cast<Capacities>(Capacity::kSystem), false},
       {"noticed", "registered", static_cast<Capacities>(Capacity::kSystem), false},
       {"noticed", "rejected", static_cast<Capacities>(Capacity::kAuthority), true}});
  return machine;
}

Result<RegistrationApplication> RegistrationService::Submit(const Actor& actor, const RegistrationSubmission& sub) {
  auto snap = ctx_.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(sub.resource_id);
  if (r == nullptr || (!actor.IsMemberOf(r->provider_id) && !actor.IsAuthority())) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + sub.resource_id + "'.",
                     "数据资源“" + sub.resource_id + "”不存在。");
  }
  if (!actor.IsStewardOf(r->provider_id)) {
    return MakeError(ErrorKind::kForbidden, "registration.not_provider",
                     "Registrations are submitted by a data steward of the provider department.",
                     "登记申请须由提供部门的数据管理员提交。");
  }
  if (sub.description.size() > 4000) {
    return MakeError(ErrorKind::kInvalidArgument, "registration.bad_description",
                     "The description is limited to 4000 bytes.", "说明不能超过4000字节。");
  }
  TimePoint now = ctx_.clock.Now();
  RegistrationApplication app;
  app.id = internal::NewId("reg");
  app.kind = sub.kind;
  app.resource_id = r->id;
  app.provider_org = r->provider_id;
  app.applicant_id = actor.Id();
  app.description = sub.description;
  app.content = ContentOf(*r);
  app.state = "submitted";
  app.created_at = now;
  app.updated_at = now;
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    GS_ASSIGN_OR_RETURN(auto pending, Select(*session, "WHERE resource_id = $1 AND state IN ('submitted', 'approved', 'noticed')",
                                             {Value::Text(r->id)}));
    if (!pending.empty()) {
      return MakeError(ErrorKind::kConflict, "registration.pending",
                       "Resource '" + r->id + "' already has a registration application in progress (" +
                           pending.front().id + ").",
                       "数据资源“" + r->id + "”已有办理中的登记申请（" + pending.front().id + "）。");
    }
    GS_ASSIGN_OR_RETURN(auto live, LiveEntry(*session, r->id));
    if (sub.kind == RegistrationKind::kInitial && live) {
      return MakeError(ErrorKind::kConflict, "registration.already_registered",
                       "Resource '" + r->id + "' is already registered as " + live->code +
                           "; submit a change, correction or cancellation instead.",
                       "数据资源“" + r->id + "”已登记（" + live->code + "），请提交变更、更正或注销登记。");
    }
    if (sub.kind != RegistrationKind::kInitial && !live) {
      return MakeError(ErrorKind::kConflict, "registration.not_registered",
                       "Resource '" + r->id + "' is not registered; submit a first registration.",
                       "数据资源“" + r->id + "”尚未登记，请先提交首次登记。");
    }
    if (live) app.registration_code = live->code;
    GS_RETURN_IF_ERROR(session->Execute(
        "INSERT INTO registration_applications (id, kind, resource_id, provider_org, applicant_id, description, "
        "content, state, registration_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {Value::Text(app.id), Value::Text(std::string(RegistrationKindCode(app.kind))), Value::Text(app.resource_id),
         Value::Text(app.provider_org), Value::Text(app.applicant_id), Value::Text(app.description),
         Value::Text(app.content), Value::Text(app.state), Value::Text(app.registration_code), TimeValue(now),
         TimeValue(now)}));
    Transition t{std::string(kObjectType), app.id, "", app.state, "", app.resource_id, "", "", Canonical(app)};
    GS_ASSIGN_OR_RETURN(uint64_t index, ctx_.log.Record(*session, actor, t, now));
    (void)index;
    return Ok();
  }));
  return app;
}

Result<RegistrationApplication> RegistrationService::Move(const Actor& actor, std::string_view id,
                                                                std::string_view to, std::string reason) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(RegistrationApplication app, LoadOne(*session, id));
  if (!CanSee(actor, app)) return NotFound(id);
  GS_RETURN_IF_ERROR(Machine().Check(app.state, to, HeldBy(actor, app), actor.Id() == app.applicant_id));
  if (to == "rejected" && reason.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.reason_required", "A rejection must give its reason.",
                     "驳回须说明理由。");
  }
  TimePoint now = ctx_.clock.Now();
  bool deregistered = false;
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    RegistrationApplication next = app;
    if (to != "withdrawn") next.reviewer_id = actor.Id();
    GS_RETURN_IF_ERROR(Step(ctx_, *session, actor, app, std::move(next), to, reason, now));
    if (to != "approved") return Ok();
    Actor system = Actor::System();
    system.request_id = actor.request_id;
    if (app.kind == RegistrationKind::kCancellation) {
      // 注销 takes effect at once: the resource leaves the registry and every authorization.
      auto r = session->Query(
          "UPDATE registered_resources SET state = 'deregistered', application_id = $2, updated_at = $3 "
          "WHERE resource_id = $1 AND state = 'registered' RETURNING code",
          {Value::Text(app.resource_id), Value::Text(app.id), TimeValue(now)});
      GS_RETURN_IF_ERROR(internal::ExpectOneRow(r, "registration", app.resource_id));
      deregistered = true;
      return Step(ctx_, *session, system, app, app, "deregistered", "注销登记生效 / cancellation in force", now);
    }
    RegistrationApplication noticed = app;
    noticed.notice_until = ctx_.calendar.Calendar()->AddWorkingDays(now, ctx_.settings.Get().notice_working_days);
    return Step(ctx_, *session, system, app, std::move(noticed), "noticed", "公示 / public notice", now);
  }));
  if (deregistered && ctx_.policy_changed) ctx_.policy_changed();
  return app;
}

Result<RegistrationApplication> RegistrationService::Approve(const Actor& actor, std::string_view id, std::string reason) {
  return Move(actor, id, "approved", std::move(reason));
}

Result<RegistrationApplication> RegistrationService::Reject(const Actor& actor, std::string_view id, std::string reason) {
  return Move(actor, id, "rejected", std::move(reason));
}

Result<RegistrationApplication> RegistrationService::Withdraw(const Actor& actor, std::string_view id) {
  return Move(actor, id, "withdrawn", "");
}

Result<RegistrationApplication> RegistrationService::Get(const Actor& actor, std::string_view id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(RegistrationApplication app, LoadOne(*session, id));
  if (!CanSee(actor, app)) return NotFound(id);
  return app;
}

Result<std::vector<RegistrationApplication>> RegistrationService::List(const Actor& actor, std::string_view state) {
  if (!state.empty() && !Machine().Knows(state)) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.unknown_state", "Unknown state '" + std::string(state) + "'.",
                     "未知的状态“" + std::string(state) + "”。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  std::string where = "WHERE ($1 = '' OR state = $1)";
  storage::Params params{Value::Text(std::string(state))};
  if (!actor.IsAuthority() && !actor.IsAuditor()) {
    where += " AND provider_org = $2";
    params.push_back(Value::Text(actor.IsMember() ? actor.Org() : std::string("\x1f")));
  }
  return Select(*session, where + " ORDER BY created_at DESC, id LIMIT 1000", params);
}

Result<std::vector<RegistrationApplication>> RegistrationService::Notices() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  return Select(*session, "WHERE state = 'noticed' ORDER BY notice_until, id", {});
}

Result<std::vector<RegistryEntry>> RegistrationService::Registry() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      session->Query("SELECT code, resource_id, provider_org, state, revision, application_id, "
                                     "registered_at, updated_at FROM registered_resources ORDER BY code"));
  std::vector<RegistryEntry> out;
  for (const auto& row : t.rows) {
    out.push_back(EntryFromRow(t, row));
  }
  return out;
}

Result<std::vector<std::string>> RegistrationService::RegisteredResources(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      s.Query("SELECT DISTINCT resource_id FROM registered_resources WHERE state = 'registered'"));
  std::vector<std::string> out;
  for (const auto& row : t.rows) out.push_back(RowView(t, row).Text("resource_id"));
  return out;
}

Result<int> RegistrationService::Tick(TimePoint now) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx_.engine.Acquire());
  GS_ASSIGN_OR_RETURN(auto due, Select(*session, "WHERE state = 'noticed' AND notice_until <= $1 ORDER BY notice_until, id",
                                       {TimeValue(now)}));
  int done = 0;
  const Actor system = Actor::System();
  for (RegistrationApplication app : due) {
    RegistrationApplication next = app;
    Status st = storage::InTransaction(*session, [&]() -> Status {
      GS_ASSIGN_OR_RETURN(auto live, LiveEntry(*session, app.resource_id));
      if (app.kind == RegistrationKind::kInitial) {
        if (live) {
          return MakeError(ErrorKind::kConflict, "registration.already_registered",
                           "Resource '" + app.resource_id + "' was registered meanwhile.", "该数据资源已登记。");
        }
        RegistrationCodeParts parts;
        parts.region = ctx_.settings.Get().registration_region;
        parts.level = RegistryLevel(parts.region);
        parts.object = RegisteredObject::kResource;
        parts.year = CivilFromDays(WorkingCalendar::LocalDay(now)).year;
        std::string prefix = std::string(1, parts.level) + "R" + parts.region + std::to_string(parts.year);
        GS_ASSIGN_OR_RETURN(storage::Table t,
                            session->Query("SELECT coalesce(max(CAST(substr(code, 13, 6) AS INTEGER)), 0) AS n "
                                           "FROM registered_resources WHERE substr(code, 1, 12) = $1",
                                           {Value::Text(prefix)}));
        parts.serial = static_cast<int>(RowView(t, t.rows.front()).Int("n")) + 1;
        auto code = MakeRegistrationCode(parts);
        if (!code) {
          return MakeError(ErrorKind::kInternal, "registration.code_exhausted",
                           "No registration code is left for " + prefix + ".", "登记编码已用尽：" + prefix);
        }
        next.registration_code = *code;
        GS_RETURN_IF_ERROR(session->Execute(
            "INSERT INTO registered_resources (code, resource_id, provider_org, state, revision, application_id, "
            "registered_at, updated_at) VALUES ($1, $2, $3, 'registered', 1, $4, $5, $5)",
            {Value::Text(next.registration_code), Value::Text(app.resource_id), Value::Text(app.provider_org),
             Value::Text(app.id), TimeValue(now)}));
      } else {
        if (!live) {
          return MakeError(ErrorKind::kConflict, "registration.not_registered",
                           "Resource '" + app.resource_id + "' is no longer registered.", "该数据资源已不在登记簿中。");
        }
        GS_RETURN_IF_ERROR(session->Execute(
            "UPDATE registered_resources SET revision = revision + 1, application_id = $2, updated_at = $3 WHERE code = $1",
            {Value::Text(live->code), Value::Text(app.id), TimeValue(now)}));
        next.registration_code = live->code;
      }
      return Step(ctx_, *session, system, app, next, "registered", "公示期满 / notice period over", now);
    });
    if (st.ok()) {
      ++done;
    } else {
      Log().warn("registration {} could not be completed: {}", app.id, st.error().message);
    }
  }
  if (done > 0 && ctx_.policy_changed) ctx_.policy_changed();
  return done;
}

}  // namespace gongshu::workflow
