// /api/v1 workflow endpoints: registrations and public notices, share applications and their
// escalations, grants and usage reports, open-data applications and the data use agreement,
// operation authorizations and their lifecycle, the working-day calendar and workflow settings.
// Handlers only parse requests into typed commands and write the results; every rule lives in
// src/workflow/ (and every id-bearing call answers 404 for objects of other organisations).
#include <boost/json.hpp>

#include "api/error_response.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "core/crypto.h"
#include "core/json_writer.h"
#include "core/time_format.h"
#include "workflow/data_use_agreement.h"
#include "workflow/registration_code.h"

namespace gongshu::api {

namespace {

using workflow::Actor;
namespace json = boost::json;

constexpr size_t kMaxText = 8000;

// ---- request bodies ------------------------------------------------------------------------

Error BodyError(std::string code, std::string en, std::string zh) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(en), std::move(zh));
}

// A JSON object body whose keys are all known; an empty body reads as {}.
class Body {
 public:
  static Result<Body> Parse(const HttpRequest& req, std::initializer_list<std::string_view> allowed) {
    Body b;
    if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return b;
    boost::system::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec) {
      return BodyError("body.invalid_json", "The request body is not valid JSON.", "请求体不是有效的 JSON。");
    }
    if (!v.is_object()) {
      return BodyError("body.not_object", "The request body must be a JSON object.", "请求体必须是 JSON 对象。");
    }
    b.obj_ = std::move(v.as_object());
    for (const auto& kv : b.obj_) {
      bool known = false;
      for (auto a : allowed) known = known || a == kv.key();
      if (!known) {
        std::string key(kv.key().substr(0, 80));
        return BodyError("body.unknown_key", "Unknown key '" + key + "' in the request body.",
                         "请求体中有未知的字段“" + key + "”。");
      }
    }
    return b;
  }

  bool Has(std::string_view key) const { return obj_.contains(key) && !obj_.at(key).is_null(); }

  Result<std::string> String(std::string_view key, bool required, size_t max = kMaxText) const {
    if (!Has(key)) {
      if (required) return Missing(key);
      return std::string();
    }
    const json::value& v = obj_.at(key);
    if (!v.is_string()) return Type(key, "a string", "字符串");
    if (v.as_string().size() > max) {
      return BodyError("body.too_long", std::string(key) + " is limited to " + std::to_string(max) + " bytes.",
                       std::string(key) + " 不能超过 " + std::to_string(max) + " 字节。");
    }
    return std::string(v.as_string());
  }

  Result<std::optional<std::vector<std::string>>> List(std::string_view key, bool required) const {
    if (!Has(key)) {
      if (required) return Missing(key);
      return std::optional<std::vector<std::string>>();
    }
    const json::value& v = obj_.at(key);
    if (!v.is_array() || v.as_array().size() > 200) return Type(key, "an array of strings", "字符串数组");
    std::vector<std::string> out;
    for (const auto& item : v.as_array()) {
      if (!item.is_string() || item.as_string().size() > 200) return Type(key, "an array of strings", "字符串数组");
      out.emplace_back(item.as_string());
    }
    return std::optional<std::vector<std::string>>(std::move(out));
  }

  Result<std::optional<int64_t>> Int(std::string_view key, int64_t min, int64_t max) const {
    if (!Has(key)) return std::optional<int64_t>();
    const json::value& v = obj_.at(key);
    if (!v.is_int64() && !v.is_uint64()) return Type(key, "a whole number", "整数");
    int64_t n = v.is_int64() ? v.as_int64() : static_cast<int64_t>(std::min<uint64_t>(v.as_uint64(), INT64_MAX));
    if (n < min || n > max) {
      return BodyError("body.out_of_range",
                       std::string(key) + " must be from " + std::to_string(min) + " to " + std::to_string(max) + ".",
                       std::string(key) + " 须在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间。");
    }
    return std::optional<int64_t>(n);
  }

  Result<bool> Bool(std::string_view key) const {
    if (!Has(key)) return false;
    const json::value& v = obj_.at(key);
    if (!v.is_bool()) return Type(key, "true or false", "true 或 false");
    return v.as_bool();
  }

  // {"field": "...", "prefixes": ["...", …]}
  Result<std::optional<policy::RowScope>> Rows(std::string_view key) const {
    if (!Has(key)) return std::optional<policy::RowScope>();
    const json::value& v = obj_.at(key);
    if (!v.is_object()) return Type(key, "an object {field, prefixes}", "对象 {field, prefixes}");
    const json::object& o = v.as_object();
    for (const auto& kv : o) {
      if (kv.key() != "field" && kv.key() != "prefixes") return Type(key, "an object {field, prefixes}", "对象 {field, prefixes}");
    }
    policy::RowScope rows;
    if (!o.contains("field") || !o.at("field").is_string()) return Type(key, "an object {field, prefixes}", "对象 {field, prefixes}");
    rows.field = std::string(o.at("field").as_string());
    if (!o.contains("prefixes") || !o.at("prefixes").is_array()) {
      return Type(key, "an object {field, prefixes}", "对象 {field, prefixes}");
    }
    for (const auto& p : o.at("prefixes").as_array()) {
      if (!p.is_string()) return Type(key, "an object {field, prefixes}", "对象 {field, prefixes}");
      rows.prefixes.emplace_back(p.as_string());
    }
    if (rows.field.empty()) {
      return BodyError("body.bad_type", std::string(key) + ".field is required.", std::string(key) + ".field 不能为空。");
    }
    return std::optional<policy::RowScope>(std::move(rows));
  }

 private:
  static Error Missing(std::string_view key) {
    return BodyError("body.missing", "The request body needs '" + std::string(key) + "'.",
                     "请求体缺少“" + std::string(key) + "”。");
  }
  static Error Type(std::string_view key, std::string_view en, std::string_view zh) {
    return BodyError("body.bad_type", "'" + std::string(key) + "' must be " + std::string(en) + ".",
                     "“" + std::string(key) + "”须为" + std::string(zh) + "。");
  }
  json::object obj_;
};

// ---- who is asking ---------------------------------------------------------------------------

Result<Actor> SignedIn(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal p, ctx.auth.Authenticate(req));
  if (p.IsAnonymous()) {
    return MakeError(ErrorKind::kUnauthenticated, "auth.required", "Sign in to use the workflows.",
                     "请先登录后再办理。");
  }
  return Actor::Of(std::move(p), req.request_id);
}

Result<workflow::Workflows*> Services(AppContext& ctx) {
  if (ctx.workflows == nullptr) {
    return MakeError(ErrorKind::kUnavailable, "workflow.unavailable", "Workflows are not available.",
                     "业务流程暂不可用。");
  }
  return ctx.workflows;
}

// ---- writing objects -------------------------------------------------------------------------

int64_t Micros(TimePoint t) { return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count(); }

void Time(JsonWriter& w, std::string_view key, std::optional<TimePoint> t) {
  if (!t) {
    w.Key(key).Null();
  } else {
    w.Field(key, FormatIsoTime(Micros(*t)));
  }
}

void Strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& items) {
  w.Key(key).BeginArray();
  for (const auto& s : items) w.String(s);
  w.EndArray();
}

void State(JsonWriter& w, const workflow::StateMachine& m, std::string_view state) {
  w.Key("state").BeginObject().Field("code", state).Field("zh", m.LabelZh(state)).Field("en", m.LabelEn(state));
  w.EndObject();
}

void Rows(JsonWriter& w, std::string_view key, const policy::RowScope& rows) {
  w.Key(key);
  if (rows.empty()) {
    w.Null();
    return;
  }
  w.BeginObject().Field("field", rows.field);
  Strings(w, "prefixes", rows.prefixes);
  w.EndObject();
}

void History(JsonWriter& w, AppContext& ctx, std::string_view type, std::string_view id) {
  w.Key("history").BeginArray();
  auto session = ctx.engine.Acquire();
  if (session.ok()) {
    auto history = workflow::TransitionLog::History(**session, type, id);
    if (history.ok()) {
      for (const auto& t : *history) {
        w.BeginObject().Field("from", t.from).Field("to", t.to).Field("actor_id", t.actor_id);
        w.Field("actor_org", t.actor_org).Field("reason", t.reason);
        Time(w, "at", t.at);
        w.Field("audit_index", t.audit_index).EndObject();
      }
    }
  }
  w.EndArray();
}

void WriteRegistration(JsonWriter& w, const workflow::RegistrationApplication& a) {
  w.BeginObject().Field("id", a.id);
  w.Key("kind").BeginObject().Field("code", workflow::RegistrationKindCode(a.kind));
  w.Field("zh", workflow::RegistrationKindZh(a.kind)).EndObject();
  w.Field("resource_id", a.resource_id).Field("provider_org", a.provider_org).Field("applicant_id", a.applicant_id);
  w.Field("description", a.description);
  w.Key("content").Raw(a.content.empty() ? "{}" : a.content);
  State(w, workflow::RegistrationService::Machine(), a.state);
  w.Field("reviewer_id", a.reviewer_id).Field("reason", a.reason);
  Time(w, "notice_until", a.notice_until);
  w.Field("registration_code", a.registration_code);
  w.Field("registration_code_display", workflow::DisplayRegistrationCode(a.registration_code));
  Time(w, "created_at", a.created_at);
  Time(w, "updated_at", a.updated_at);
}

void WriteShare(JsonWriter& w, const workflow::ShareApplication& a) {
  w.BeginObject().Field("id", a.id).Field("resource_id", a.resource_id).Field("provider_org", a.provider_org);
  w.Field("applicant_org", a.applicant_org).Field("applicant_id", a.applicant_id);
  Strings(w, "purposes", a.purposes);
  w.Field("scenario", a.scenario);
  Strings(w, "fields", a.fields);
  Rows(w, "row_scope", a.rows);
  w.Field("term_days", int64_t{a.term_days});
  State(w, workflow::ShareApplicationService::Machine(), a.state);
  Time(w, "compliance_due", a.compliance_due);
  Time(w, "reply_due", a.reply_due);
  Time(w, "escalated_at", a.escalated_at);
  w.Field("reviewer_id", a.reviewer_id).Field("reason", a.reason).Field("grant_id", a.grant_id);
  Time(w, "created_at", a.created_at);
  Time(w, "updated_at", a.updated_at);
}

void WriteOpen(JsonWriter& w, const workflow::OpenApplication& a) {
  w.BeginObject().Field("id", a.id).Field("resource_id", a.resource_id).Field("provider_org", a.provider_org);
  w.Field("applicant_org", a.applicant_org).Field("applicant_id", a.applicant_id).Field("individual", a.individual);
  Strings(w, "purposes", a.purposes);
  w.Field("scenario", a.scenario).Field("security_measures", a.security_measures);
  Strings(w, "fields", a.fields);
  w.Field("term_days", int64_t{a.term_days});
  w.Key("agreement").BeginObject().Field("version", a.agreement_version).Field("sha256", a.agreement_sha256).EndObject();
  State(w, workflow::OpenApplicationService::Machine(), a.state);
  w.Field("reviewer_id", a.reviewer_id).Field("reason", a.reason).Field("grant_id", a.grant_id);
  Time(w, "created_at", a.created_at);
  Time(w, "updated_at", a.updated_at);
}

void WriteGrant(JsonWriter& w, const workflow::GrantRecord& r, TimePoint now) {
  const policy::Grant& g = r.grant;
  w.BeginObject().Field("id", g.id).Field("kind", policy::GrantKindCode(g.kind)).Field("resource_id", g.resource_id);
  w.Field("provider_org", g.provider_org).Field("grantee_org", g.grantee_org).Field("grantee_user", g.grantee_user);
  w.Field("application_id", r.application_id);
  Strings(w, "fields", g.fields);
  Rows(w, "row_scope", g.rows);
  Strings(w, "purposes", g.purposes);
  std::string effective = r.EffectiveState(now);
  w.Key("state").BeginObject().Field("code", effective);
  if (effective == "expired") {
    w.Field("zh", "已过期").Field("en", "expired");
  } else {
    w.Field("zh", workflow::GrantService::Machine().LabelZh(effective));
    w.Field("en", workflow::GrantService::Machine().LabelEn(effective));
  }
  w.EndObject();
  Time(w, "valid_from", g.valid_from);
  Time(w, "valid_until", g.valid_until);
  Time(w, "report_due", r.report_due);
  w.Field("reports", int64_t{r.reports}).Field("report_overdue", r.ReportOverdue(now));
  w.Field("created_by", r.created_by).Field("reason", r.reason);
  Time(w, "created_at", r.created_at);
  Time(w, "updated_at", r.updated_at);
}

void WriteAuthorization(JsonWriter& w, const workflow::AuthorizationRecord& r) {
  const policy::OperationAuthorization& a = r.authorization;
  w.BeginObject().Field("id", a.id).Field("agency_org", a.agency_org).Field("operator_org", a.operator_org);
  w.Field("mode", policy::AuthorizationModeCode(a.mode));
  Strings(w, "resource_ids", a.resource_ids);
  Strings(w, "domains", a.domains);
  w.Field("scenario", a.scenario);
  w.Key("actions").BeginArray();
  for (auto x : a.actions) w.String(policy::OperationActionCode(x));
  w.EndArray();
  Strings(w, "purposes", a.purposes);
  Time(w, "valid_from", a.valid_from);
  Time(w, "valid_until", a.valid_until);
  w.Field("conditions", r.conditions).Field("security_duties", r.security_duties);
  w.Field("agreement_sha256", r.agreement_sha256);
  State(w, workflow::AuthorizationService::Machine(), policy::AuthorizationStateCode(a.state));
  w.Field("created_by", r.created_by).Field("approved_by", r.approved_by).Field("reason", r.reason);
  Time(w, "created_at", r.created_at);
  Time(w, "updated_at", r.updated_at);
}

template <typename T, typename F>
HttpResponse One(const T& item, F write, int status = 200,
                 const std::function<void(JsonWriter&)>& extra = nullptr) {
  std::string body;
  JsonWriter w(body);
  write(w, item);
  if (extra) extra(w);
  w.EndObject();
  return HttpResponse::Json(std::move(body), status);
}

template <typename T, typename F>
HttpResponse Many(const std::vector<T>& items, F write) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("total_count", static_cast<uint64_t>(items.size())).Key("results").BeginArray();
  for (const auto& item : items) {
    write(w, item);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return HttpResponse::Json(std::move(body));
}

Result<workflow::ApplicationView> ViewParam(const HttpRequest& req) {
  std::string_view v = req.Query("view").value_or("all");
  if (v == "all") return workflow::ApplicationView::kAll;
  if (v == "applied") return workflow::ApplicationView::kApplied;
  if (v == "received") return workflow::ApplicationView::kReceived;
  return BadRequest("param.bad_view", "view must be all, applied or received.", "view 须为 all、applied 或 received。");
}

// ---- registrations ---------------------------------------------------------------------------

Result<HttpResponse> SubmitRegistration(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"kind", "resource_id", "description"}));
  GS_ASSIGN_OR_RETURN(std::string kind_code, b.String("kind", true, 40));
  auto kind = workflow::ParseRegistrationKind(kind_code);
  if (!kind) {
    return BadRequest("registration.bad_kind", "kind must be initial, change, correction or cancellation.",
                      "kind 须为 initial（首次）、change（变更）、correction（更正）或 cancellation（注销）。");
  }
  GS_ASSIGN_OR_RETURN(std::string resource, b.String("resource_id", true, 200));
  GS_ASSIGN_OR_RETURN(std::string description, b.String("description", false));
  GS_ASSIGN_OR_RETURN(auto app, wf->registrations().Submit(actor, {*kind, resource, description}));
  return One(app, WriteRegistration, 201);
}

Result<HttpResponse> ListRegistrations(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"state"}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->registrations().List(actor, req.Query("state").value_or("")));
  return Many(list, WriteRegistration);
}

Result<HttpResponse> GetRegistration(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto app, wf->registrations().Get(actor, req.PathParam("id")));
  return One(app, WriteRegistration, 200, [&](JsonWriter& w) { History(w, ctx, "registration", app.id); });
}

Result<HttpResponse> DecideRegistration(AppContext& ctx, HttpRequest& req, std::string_view verb) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"reason"}));
  GS_ASSIGN_OR_RETURN(std::string reason, b.String("reason", verb == "reject"));
  std::string id(req.PathParam("id"));
  Result<workflow::RegistrationApplication> r =
      verb == "approve"  ? wf->registrations().Approve(actor, id, reason)
      : verb == "reject" ? wf->registrations().Reject(actor, id, reason)
                         : wf->registrations().Withdraw(actor, id);
  GS_ASSIGN_OR_RETURN(auto app, std::move(r));
  return One(app, WriteRegistration);
}

// Public: registrations under notice (公示) and the registry (登记结果).
Result<HttpResponse> Notices(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->registrations().Notices());
  auto snap = ctx.catalog.Snapshot();
  auto r = Many(list, [&](JsonWriter& w, const workflow::RegistrationApplication& a) {
    // The public sees what is registered and by whom, not who typed it in.
    const catalog::Resource* res = snap->Find(a.resource_id);
    w.BeginObject().Field("id", a.id);
    w.Key("kind").BeginObject().Field("code", workflow::RegistrationKindCode(a.kind));
    w.Field("zh", workflow::RegistrationKindZh(a.kind)).EndObject();
    w.Field("resource_id", a.resource_id).Field("title_zh", res ? res->title_zh : std::string());
    w.Field("title_en", res ? res->title_en : std::string()).Field("provider_org", a.provider_org);
    w.Field("description", a.description).Field("registration_code", a.registration_code);
    Time(w, "noticed_at", a.updated_at);
    Time(w, "notice_until", a.notice_until);
  });
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> Registry(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->registrations().Registry());
  auto snap = ctx.catalog.Snapshot();
  auto r = Many(list, [&](JsonWriter& w, const workflow::RegistryEntry& e) {
    const catalog::Resource* res = snap->Find(e.resource_id);
    w.BeginObject().Field("code", e.code).Field("code_display", workflow::DisplayRegistrationCode(e.code));
    w.Field("resource_id", e.resource_id).Field("title_zh", res ? res->title_zh : std::string());
    w.Field("provider_org", e.provider_org).Field("state", e.state).Field("revision", int64_t{e.revision});
    Time(w, "registered_at", e.registered_at);
    Time(w, "updated_at", e.updated_at);
  });
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

// ---- share applications ----------------------------------------------------------------------

Result<HttpResponse> SubmitShare(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"resource_id", "purposes", "scenario", "fields", "row_scope", "term_days"}));
  workflow::ShareRequest r;
  GS_ASSIGN_OR_RETURN(r.resource_id, b.String("resource_id", true, 200));
  GS_ASSIGN_OR_RETURN(auto purposes, b.List("purposes", true));
  r.purposes = std::move(*purposes);
  GS_ASSIGN_OR_RETURN(r.scenario, b.String("scenario", true));
  GS_ASSIGN_OR_RETURN(auto fields, b.List("fields", false));
  if (fields) r.fields = std::move(*fields);
  GS_ASSIGN_OR_RETURN(auto rows, b.Rows("row_scope"));
  if (rows) r.rows = std::move(*rows);
  GS_ASSIGN_OR_RETURN(auto term, b.Int("term_days", 1, workflow::kMaxShareTermDays));
  r.term_days = static_cast<int>(term.value_or(365));
  GS_ASSIGN_OR_RETURN(auto app, wf->shares().Submit(actor, std::move(r)));
  return One(app, WriteShare, 201);
}

Result<HttpResponse> ListShares(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"view", "state"}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto view, ViewParam(req));
  GS_ASSIGN_OR_RETURN(auto list, wf->shares().List(actor, view, req.Query("state").value_or("")));
  return Many(list, WriteShare);
}

Result<HttpResponse> ShareEscalations(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->shares().Escalations(actor));
  return Many(list, WriteShare);
}

Result<HttpResponse> GetShare(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto app, wf->shares().Get(actor, req.PathParam("id")));
  return One(app, WriteShare, 200, [&](JsonWriter& w) { History(w, ctx, "share_application", app.id); });
}

Result<HttpResponse> DecideShare(AppContext& ctx, HttpRequest& req, std::string_view verb) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  std::string id(req.PathParam("id"));
  if (verb == "approve") {
    GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"fields", "row_scope", "term_days", "reason"}));
    workflow::ShareApproval a;
    GS_ASSIGN_OR_RETURN(a.fields, b.List("fields", false));
    GS_ASSIGN_OR_RETURN(a.rows, b.Rows("row_scope"));
    GS_ASSIGN_OR_RETURN(auto term, b.Int("term_days", 1, workflow::kMaxShareTermDays));
    if (term) a.term_days = static_cast<int>(*term);
    GS_ASSIGN_OR_RETURN(a.reason, b.String("reason", false));
    GS_ASSIGN_OR_RETURN(auto app, wf->shares().Approve(actor, id, a));
    return One(app, WriteShare);
  }
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"reason"}));
  GS_ASSIGN_OR_RETURN(std::string reason, b.String("reason", verb == "reject"));
  GS_ASSIGN_OR_RETURN(auto app, verb == "reject" ? wf->shares().Reject(actor, id, reason) : wf->shares().Withdraw(actor, id));
  return One(app, WriteShare);
}

// ---- grants ----------------------------------------------------------------------------------

Result<HttpResponse> ListGrants(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"view", "report_overdue"}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  std::string_view v = req.Query("view").value_or("all");
  workflow::GrantView view = workflow::GrantView::kAll;
  if (v == "held") {
    view = workflow::GrantView::kHeld;
  } else if (v == "provided") {
    view = workflow::GrantView::kProvided;
  } else if (v != "all") {
    return BadRequest("param.bad_view", "view must be all, held or provided.", "view 须为 all、held 或 provided。");
  }
  GS_ASSIGN_OR_RETURN(bool overdue, BoolParam(req, "report_overdue", false));
  GS_ASSIGN_OR_RETURN(auto list, wf->grants().List(actor, view, overdue));
  TimePoint now = ctx.clock.Now();
  return Many(list, [&](JsonWriter& w, const workflow::GrantRecord& g) { WriteGrant(w, g, now); });
}

Result<HttpResponse> GetGrant(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto g, wf->grants().Get(actor, req.PathParam("id")));
  TimePoint now = ctx.clock.Now();
  return One(g, [&](JsonWriter& w, const workflow::GrantRecord& r) { WriteGrant(w, r, now); }, 200,
             [&](JsonWriter& w) { History(w, ctx, "grant", g.grant.id); });
}

Result<HttpResponse> MoveGrant(AppContext& ctx, HttpRequest& req, std::string_view verb) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"reason"}));
  GS_ASSIGN_OR_RETURN(std::string reason, b.String("reason", verb != "resume"));
  std::string id(req.PathParam("id"));
  GS_ASSIGN_OR_RETURN(auto g, verb == "revoke"    ? wf->grants().Revoke(actor, id, reason)
                              : verb == "suspend" ? wf->grants().Suspend(actor, id, reason)
                                                  : wf->grants().Resume(actor, id, reason));
  TimePoint now = ctx.clock.Now();
  return One(g, [&](JsonWriter& w, const workflow::GrantRecord& r) { WriteGrant(w, r, now); });
}

void WriteReport(JsonWriter& w, const workflow::UsageReport& r) {
  w.BeginObject().Field("id", r.id).Field("grant_id", r.grant_id).Field("submitted_by", r.submitted_by);
  w.Field("organisation_id", r.organisation_id).Field("body", r.body);
  Time(w, "created_at", r.created_at);
}

Result<HttpResponse> SubmitReport(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"body"}));
  GS_ASSIGN_OR_RETURN(std::string text, b.String("body", true, 20000));
  GS_ASSIGN_OR_RETURN(auto report, wf->grants().SubmitReport(actor, req.PathParam("id"), std::move(text)));
  return One(report, WriteReport, 201);
}

Result<HttpResponse> ListReports(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->grants().Reports(actor, req.PathParam("id")));
  return Many(list, WriteReport);
}

// ---- open-data applications ------------------------------------------------------------------

Result<HttpResponse> Agreement(AppContext&, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  const workflow::DataUseAgreement& dua = workflow::CurrentDataUseAgreement();
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("version", dua.version).Field("sha256", dua.sha256).Field("text", dua.text).EndObject();
  auto r = HttpResponse::Json(std::move(body));
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> SubmitOpen(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"resource_id", "purposes", "scenario", "security_measures", "fields",
                                                "term_days", "agreement_version", "agreement_sha256",
                                                "agreement_accepted"}));
  workflow::OpenRequest r;
  GS_ASSIGN_OR_RETURN(r.resource_id, b.String("resource_id", true, 200));
  GS_ASSIGN_OR_RETURN(auto purposes, b.List("purposes", true));
  r.purposes = std::move(*purposes);
  GS_ASSIGN_OR_RETURN(r.scenario, b.String("scenario", true));
  GS_ASSIGN_OR_RETURN(r.security_measures, b.String("security_measures", true));
  GS_ASSIGN_OR_RETURN(auto fields, b.List("fields", false));
  if (fields) r.fields = std::move(*fields);
  GS_ASSIGN_OR_RETURN(auto term, b.Int("term_days", 1, workflow::kMaxOpenTermDays));
  r.term_days = static_cast<int>(term.value_or(365));
  GS_ASSIGN_OR_RETURN(r.agreement_version, b.String("agreement_version", true, 40));
  GS_ASSIGN_OR_RETURN(r.agreement_sha256, b.String("agreement_sha256", true, 64));
  GS_ASSIGN_OR_RETURN(r.agreement_accepted, b.Bool("agreement_accepted"));
  GS_ASSIGN_OR_RETURN(auto app, wf->open_applications().Submit(actor, std::move(r)));
  return One(app, WriteOpen, 201);
}

Result<HttpResponse> ListOpen(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"view", "state"}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto view, ViewParam(req));
  GS_ASSIGN_OR_RETURN(auto list, wf->open_applications().List(actor, view, req.Query("state").value_or("")));
  return Many(list, WriteOpen);
}

Result<HttpResponse> GetOpen(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto app, wf->open_applications().Get(actor, req.PathParam("id")));
  return One(app, WriteOpen, 200, [&](JsonWriter& w) { History(w, ctx, "open_application", app.id); });
}

Result<HttpResponse> DecideOpen(AppContext& ctx, HttpRequest& req, std::string_view verb) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  std::string id(req.PathParam("id"));
  if (verb == "approve") {
    GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"fields", "term_days", "reason"}));
    workflow::OpenApproval a;
    GS_ASSIGN_OR_RETURN(a.fields, b.List("fields", false));
    GS_ASSIGN_OR_RETURN(auto term, b.Int("term_days", 1, workflow::kMaxOpenTermDays));
    if (term) a.term_days = static_cast<int>(*term);
    GS_ASSIGN_OR_RETURN(a.reason, b.String("reason", false));
    GS_ASSIGN_OR_RETURN(auto app, wf->open_applications().Approve(actor, id, a));
    return One(app, WriteOpen);
  }
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"reason"}));
  GS_ASSIGN_OR_RETURN(std::string reason, b.String("reason", verb == "reject"));
  GS_ASSIGN_OR_RETURN(auto app, verb == "reject" ? wf->open_applications().Reject(actor, id, reason)
                                                 : wf->open_applications().Withdraw(actor, id));
  return One(app, WriteOpen);
}

// ---- operation authorizations ----------------------------------------------------------------

// "YYYY-MM-DD" (the start of that day, China Standard Time) or an ISO timestamp (UTC).
Result<TimePoint> TimeOf(const Body& b, std::string_view key, std::optional<TimePoint> fallback) {
  GS_ASSIGN_OR_RETURN(std::string text, b.String(key, !fallback.has_value(), 40));
  if (text.empty()) return *fallback;
  if (auto day = ParseIsoDate(text)) return workflow::WorkingCalendar::StartOfLocalDay(*day);
  if (auto micros = ParseIsoTimestamp(text)) return TimePoint(std::chrono::microseconds(*micros));
  return BadRequest("body.bad_time", std::string(key) + " must be a date YYYY-MM-DD or an ISO timestamp.",
                    std::string(key) + " 须为日期 YYYY-MM-DD 或 ISO 时间。");
}

Result<workflow::AuthorizationDraft> ParseDraft(AppContext& ctx, const HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"agency_org", "operator_org", "mode", "resource_ids", "domains",
                                                "scenario", "actions", "purposes", "valid_from", "valid_until",
                                                "conditions", "security_duties", "agreement_sha256",
                                                "agreement_text"}));
  workflow::AuthorizationDraft d;
  GS_ASSIGN_OR_RETURN(d.agency_org, b.String("agency_org", false, 200));
  GS_ASSIGN_OR_RETURN(d.operator_org, b.String("operator_org", true, 200));
  GS_ASSIGN_OR_RETURN(std::string mode, b.String("mode", true, 40));
  auto m = policy::ParseAuthorizationMode(mode);
  if (!m) {
    return BadRequest("authorization.bad_mode", "mode must be whole (整体), domain (分领域) or scenario (依场景).",
                      "mode 须为 whole（整体授权）、domain（分领域授权）或 scenario（依场景授权）。");
  }
  d.mode = *m;
  GS_ASSIGN_OR_RETURN(auto resources, b.List("resource_ids", false));
  if (resources) d.resource_ids = std::move(*resources);
  GS_ASSIGN_OR_RETURN(auto domains, b.List("domains", false));
  if (domains) d.domains = std::move(*domains);
  GS_ASSIGN_OR_RETURN(d.scenario, b.String("scenario", false, 400));
  GS_ASSIGN_OR_RETURN(auto actions, b.List("actions", true));
  for (const auto& a : *actions) {
    auto x = policy::ParseOperationAction(a);
    if (!x) {
      return MakeError(ErrorKind::kUnprocessable, "authorization.bad_action",
                       "Unknown action '" + a.substr(0, 80) +
                           "'; allowed: sandbox_aggregate, verification, product_hosting (raw rows never leave).",
                       "未知的行为“" + a.substr(0, 80) + "”，可选 sandbox_aggregate、verification、product_hosting（原始数据不出域）。");
    }
    d.actions.push_back(*x);
  }
  GS_ASSIGN_OR_RETURN(auto purposes, b.List("purposes", true));
  d.purposes = std::move(*purposes);
  GS_ASSIGN_OR_RETURN(d.valid_from, TimeOf(b, "valid_from", ctx.clock.Now()));
  GS_ASSIGN_OR_RETURN(d.valid_until, TimeOf(b, "valid_until", std::nullopt));
  GS_ASSIGN_OR_RETURN(d.conditions, b.String("conditions", false));
  GS_ASSIGN_OR_RETURN(d.security_duties, b.String("security_duties", false));
  GS_ASSIGN_OR_RETURN(d.agreement_sha256, b.String("agreement_sha256", false, 64));
  GS_ASSIGN_OR_RETURN(std::string text, b.String("agreement_text", false, 200000));
  if (d.agreement_sha256.empty() == text.empty()) {
    return BadRequest("authorization.bad_agreement",
                      "Give the signed agreement as agreement_text or its hash as agreement_sha256 (one of them).",
                      "须提供授权运营协议全文 agreement_text 或其哈希 agreement_sha256（二选一）。");
  }
  if (!text.empty()) d.agreement_sha256 = Sha256Hex(text);
  return d;
}

Result<HttpResponse> CreateAuthorization(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto draft, ParseDraft(ctx, req));
  GS_ASSIGN_OR_RETURN(auto r, wf->authorizations().Create(actor, draft));
  return One(r, WriteAuthorization, 201);
}

Result<HttpResponse> EditAuthorization(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  // Who may edit is decided before the body is looked at: an operator learns nothing more.
  GS_ASSIGN_OR_RETURN(auto current, wf->authorizations().Get(actor, req.PathParam("id")));
  (void)current;
  GS_ASSIGN_OR_RETURN(auto draft, ParseDraft(ctx, req));
  GS_ASSIGN_OR_RETURN(auto r, wf->authorizations().Edit(actor, req.PathParam("id"), draft));
  return One(r, WriteAuthorization);
}

Result<HttpResponse> ListAuthorizations(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"state"}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto list, wf->authorizations().List(actor, req.Query("state").value_or("")));
  return Many(list, WriteAuthorization);
}

Result<HttpResponse> GetAuthorization(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(auto r, wf->authorizations().Get(actor, req.PathParam("id")));
  return One(r, WriteAuthorization, 200,
             [&](JsonWriter& w) { History(w, ctx, "authorization", r.authorization.id); });
}

Result<HttpResponse> MoveAuthorization(AppContext& ctx, HttpRequest& req, std::string_view verb) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"reason"}));
  GS_ASSIGN_OR_RETURN(std::string reason, b.String("reason", false));
  std::string id(req.PathParam("id"));
  if (verb == "exit") {
    GS_ASSIGN_OR_RETURN(auto r, wf->authorizations().Exit(actor, id, reason));
    return One(r, WriteAuthorization);
  }
  static const std::map<std::string_view, std::string_view> kTargets = {
      {"approve", "approved"}, {"activate", "active"}, {"suspend", "suspended"}, {"resume", "active"},
      {"terminate", "terminated"}};
  GS_ASSIGN_OR_RETURN(auto r, wf->authorizations().Move(actor, id, kTargets.at(verb), reason));
  return One(r, WriteAuthorization);
}

// ---- calendar and settings -------------------------------------------------------------------

Result<int32_t> DayParam(std::string_view text, std::string_view name) {
  if (auto day = ParseIsoDate(text)) return *day;
  return BadRequest("param.bad_date", std::string(name) + " must be a date YYYY-MM-DD.",
                    std::string(name) + " 须为日期 YYYY-MM-DD。");
}

void WriteDay(JsonWriter& w, const workflow::CalendarDay& d) {
  std::string date;
  AppendIsoDate(date, d.day);
  w.BeginObject().Field("date", date).Field("kind", workflow::CalendarDayKindCode(d.kind)).Field("name", d.name);
  w.Field("updated_by", d.updated_by);
}

Result<HttpResponse> ListDays(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"from", "to"}));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  int32_t today = workflow::WorkingCalendar::LocalDay(ctx.clock.Now());
  int32_t from = today - 366, to = today + 366;
  if (auto f = req.Query("from")) {
    GS_ASSIGN_OR_RETURN(from, DayParam(*f, "from"));
  }
  if (auto t = req.Query("to")) {
    GS_ASSIGN_OR_RETURN(to, DayParam(*t, "to"));
  }
  if (to < from || to - from > 3700) {
    return BadRequest("param.bad_range", "from must not be after to, and the range is at most ten years.",
                      "起始日期不能晚于截止日期，范围不超过十年。");
  }
  GS_ASSIGN_OR_RETURN(auto days, wf->calendar().List(from, to));
  auto r = Many(days, WriteDay);
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> SetDay(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(int32_t day, DayParam(req.PathParam("date"), "date"));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"kind", "name"}));
  GS_ASSIGN_OR_RETURN(std::string kind_code, b.String("kind", true, 20));
  auto kind = workflow::ParseCalendarDayKind(kind_code);
  if (!kind) {
    return BadRequest("calendar.bad_kind", "kind must be holiday or workday (a make-up working day, 调休).",
                      "kind 须为 holiday（节假日）或 workday（调休上班）。");
  }
  GS_ASSIGN_OR_RETURN(std::string name, b.String("name", false, 200));
  GS_ASSIGN_OR_RETURN(auto saved, wf->calendar().SetDay(actor, {day, *kind, name, ""}));
  return One(saved, WriteDay);
}

Result<HttpResponse> RemoveDay(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(int32_t day, DayParam(req.PathParam("date"), "date"));
  GS_RETURN_IF_ERROR(wf->calendar().RemoveDay(actor, day));
  std::string date;
  AppendIsoDate(date, day);
  std::string body;
  JsonWriter(body).BeginObject().Field("removed", date).EndObject();
  return HttpResponse::Json(std::move(body));
}

Result<HttpResponse> Deadline(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"from", "working_days"}));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  TimePoint from = ctx.clock.Now();
  if (auto f = req.Query("from")) {
    auto micros = ParseIsoTimestamp(*f);
    if (!micros) {
      return BadRequest("param.bad_time", "from must be an ISO timestamp.", "from 须为 ISO 时间。");
    }
    from = TimePoint(std::chrono::microseconds(*micros));
  }
  GS_ASSIGN_OR_RETURN(auto n, IntParam(req, "working_days", 0, workflow::WorkingCalendar::kMaxWorkingDays));
  if (!n) return BadRequest("param.missing", "working_days is required.", "缺少 working_days 参数。");
  TimePoint due = wf->calendar().Calendar()->AddWorkingDays(from, static_cast<int>(*n));
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("from", FormatIsoTime(Micros(from))).Field("working_days", *n);
  w.Field("deadline", FormatIsoTime(Micros(due)));
  w.Field("rule", "期限自次日起算，至第 n 个工作日结束（北京时间24时）/ counted from the next day, ending at the end of "
                  "the n-th working day (24:00 China Standard Time)");
  w.EndObject();
  return HttpResponse::Json(std::move(body));
}

void WriteSettings(JsonWriter& w, const workflow::WorkflowSettings& s) {
  w.BeginObject().Field("notice_working_days", s.notice_working_days);
  w.Field("share_compliance_working_days", s.share_compliance_working_days);
  w.Field("share_reply_working_days", s.share_reply_working_days);
  w.Field("share_reply_unpublished_working_days", s.share_reply_unpublished_working_days);
  w.Field("open_report_working_days", s.open_report_working_days);
  w.Field("registration_region", s.registration_region);
}

Result<HttpResponse> GetSettings(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  (void)actor;
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  return One(wf->settings().Get(), WriteSettings);
}

Result<HttpResponse> ChangeSettings(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor actor, SignedIn(ctx, req));
  GS_ASSIGN_OR_RETURN(auto* wf, Services(ctx));
  GS_ASSIGN_OR_RETURN(Body b, Body::Parse(req, {"notice_working_days", "share_compliance_working_days",
                                                "share_reply_working_days", "share_reply_unpublished_working_days",
                                                "open_report_working_days", "registration_region"}));
  std::map<std::string, std::string> changes;
  for (std::string key : {"notice_working_days", "share_compliance_working_days", "share_reply_working_days",
                          "share_reply_unpublished_working_days", "open_report_working_days"}) {
    GS_ASSIGN_OR_RETURN(auto n, b.Int(key, 1, 250));
    if (n) changes[key] = std::to_string(*n);
  }
  GS_ASSIGN_OR_RETURN(std::string region, b.String("registration_region", false, 6));
  if (b.Has("registration_region")) changes["registration_region"] = region;
  if (changes.empty()) {
    return BadRequest("settings.nothing", "Name at least one setting to change.", "请至少指定一项要修改的设置。");
  }
  GS_ASSIGN_OR_RETURN(auto s, wf->settings().Update(actor, changes));
  return One(s, WriteSettings);
}

}  // namespace

void RegisterWorkflowRoutes(Router& router, AppContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](HttpRequest& req) { return fn(ctx, req); }; };
  auto verb = [&ctx](auto fn, std::string v) { return [&ctx, fn, v](HttpRequest& req) { return fn(ctx, req, v); }; };
  using M = HttpMethod;
  const std::string api = "/api/v1";
  // Public.
  router.Add(Route{M::kGet, api + "/registration-notices", bind(Notices)});
  router.Add(Route{M::kGet, api + "/registered-resources", bind(Registry)});
  router.Add(Route{M::kGet, api + "/open-applications/agreement", bind(Agreement), BodyKind::kNone, true});
  router.Add(Route{M::kGet, api + "/calendar/days", bind(ListDays)});
  router.Add(Route{M::kGet, api + "/calendar/deadline", bind(Deadline)});
  // Registrations.
  router.Add(Route{M::kPost, api + "/registrations", bind(SubmitRegistration), BodyKind::kSmall});
  router.Add(Route{M::kGet, api + "/registrations", bind(ListRegistrations)});
  router.Add(Route{M::kGet, api + "/registrations/{id}", bind(GetRegistration)});
  for (std::string v : {"approve", "reject", "withdraw"}) {
    router.Add(Route{M::kPost, api + "/registrations/{id}/" + v, verb(DecideRegistration, v), BodyKind::kSmall});
  }
  // Share applications (the literal /escalations before /{id}).
  router.Add(Route{M::kPost, api + "/share-applications", bind(SubmitShare), BodyKind::kSmall});
  router.Add(Route{M::kGet, api + "/share-applications", bind(ListShares)});
  router.Add(Route{M::kGet, api + "/share-applications/escalations", bind(ShareEscalations)});
  router.Add(Route{M::kGet, api + "/share-applications/{id}", bind(GetShare)});
  for (std::string v : {"approve", "reject", "withdraw"}) {
    router.Add(Route{M::kPost, api + "/share-applications/{id}/" + v, verb(DecideShare, v), BodyKind::kSmall});
  }
  // Grants.
  router.Add(Route{M::kGet, api + "/grants", bind(ListGrants)});
  router.Add(Route{M::kGet, api + "/grants/{id}", bind(GetGrant)});
  for (std::string v : {"suspend", "resume", "revoke"}) {
    router.Add(Route{M::kPost, api + "/grants/{id}/" + v, verb(MoveGrant, v), BodyKind::kSmall});
  }
  router.Add(Route{M::kGet, api + "/grants/{id}/usage-reports", bind(ListReports)});
  router.Add(Route{M::kPost, api + "/grants/{id}/usage-reports", bind(SubmitReport), BodyKind::kSmall});
  // Open-data applications.
  router.Add(Route{M::kPost, api + "/open-applications", bind(SubmitOpen), BodyKind::kSmall});
  router.Add(Route{M::kGet, api + "/open-applications", bind(ListOpen)});
  router.Add(Route{M::kGet, api + "/open-applications/{id}", bind(GetOpen)});
  for (std::string v : {"approve", "reject", "withdraw"}) {
    router.Add(Route{M::kPost, api + "/open-applications/{id}/" + v, verb(DecideOpen, v), BodyKind::kSmall});
  }
  // Operation authorizations.
  router.Add(Route{M::kPost, api + "/authorizations", bind(CreateAuthorization), BodyKind::kSmall});
  router.Add(Route{M::kGet, api + "/authorizations", bind(ListAuthorizations)});
  router.Add(Route{M::kGet, api + "/authorizations/{id}", bind(GetAuthorization)});
  router.Add(Route{M::kPatch, api + "/authorizations/{id}", bind(EditAuthorization), BodyKind::kSmall});
  for (std::string v : {"approve", "activate", "suspend", "resume", "terminate", "exit"}) {
    router.Add(Route{M::kPost, api + "/authorizations/{id}/" + v, verb(MoveAuthorization, v), BodyKind::kSmall});
  }
  // Calendar and settings (the authority).
  router.Add(Route{M::kPut, api + "/calendar/days/{date}", bind(SetDay), BodyKind::kSmall});
  router.Add(Route{M::kDelete, api + "/calendar/days/{date}", bind(RemoveDay)});
  router.Add(Route{M::kGet, api + "/workflow-settings", bind(GetSettings)});
  router.Add(Route{M::kPatch, api + "/workflow-settings", bind(ChangeSettings), BodyKind::kSmall});
}

}  // namespace gongshu::api
