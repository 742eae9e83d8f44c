// /api/v1 identity surface: sign-in (auth/login, auth/logout, auth/me), organisations, users and
// API tokens. Handlers parse and render; the rules live in identity::IdentityService and
// identity/administration_rules.h. Ids the caller may not see answer 404 as if they did not exist.
#include <boost/json.hpp>
#include <set>

#include "api/error_response.h"
#include "api/request_params.h"
#include "api/resource_access.h"
#include "api/routes.h"
#include "core/json_writer.h"
#include "identity/roles.h"

namespace gongshu::api {

namespace {

using identity::Actor;
using identity::ApiToken;
using identity::OrganisationRecord;
using identity::User;

// ---- request bodies ----

Error BodyError(std::string en, std::string zh) {
  return MakeError(ErrorKind::kInvalidArgument, "body.invalid", std::move(en), std::move(zh));
}

Result<boost::json::object> ParseObject(std::string_view body, const std::set<std::string_view>& allowed) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return BodyError("The request body must be a JSON object.", "请求体必须是JSON对象。");
  for (const auto& kv : v.as_object()) {
    if (!allowed.contains(kv.key())) {
      return BodyError("Unknown field '" + std::string(kv.key()) + "'.", "存在未知字段“" + std::string(kv.key()) + "”。");
    }
  }
  return std::move(v.as_object());
}

Result<std::optional<std::string>> OptString(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::optional<std::string>();
  if (!it->value().is_string()) {
    return BodyError("Field '" + std::string(key) + "' must be a string.", "字段“" + std::string(key) + "”必须为字符串。");
  }
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::string> String(const boost::json::object& o, std::string_view key, bool required) {
  GS_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(o, key));
  if (!v && required) {
    return BodyError("Missing required field '" + std::string(key) + "'.", "缺少必填字段“" + std::string(key) + "”。");
  }
  return v.value_or("");
}

Result<std::optional<std::vector<std::string>>> OptStrings(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::optional<std::vector<std::string>>();
  auto bad = [&] {
    return BodyError("Field '" + std::string(key) + "' must be an array of strings.",
                     "字段“" + std::string(key) + "”必须为字符串数组。");
  };
  if (!it->value().is_array()) return bad();
  std::vector<std::string> out;
  for (const auto& e : it->value().as_array()) {
    if (!e.is_string()) return bad();
    out.emplace_back(e.as_string());
  }
  if (out.size() > 1000) return bad();
  return std::optional<std::vector<std::string>>(std::move(out));
}

// ---- rendering ----

void WriteTime(JsonWriter& w, std::string_view key, int64_t micros) {
  w.Key(key);
  if (micros == 0) {
    w.Null();
  } else {
    w.String(FormatIsoTime(micros));
  }
}

void WriteRoles(JsonWriter& w, const std::vector<policy::Role>& roles) {
  w.Key("roles").BeginArray();
  for (policy::Role r : roles) {
    w.BeginObject().Field("code", policy::RoleCode(r)).Field("zh", identity::RoleNameZh(r));
    w.Field("en", identity::RoleNameEn(r)).EndObject();
  }
  w.EndArray();
}

void WriteOrganisationBrief(JsonWriter& w, const OrganisationRecord* o, std::string_view id) {
  w.BeginObject().Field("id", id);
  if (o != nullptr) {
    w.Field("name_zh", o->name_zh).Field("name_en", o->name_en).Field("kind", policy::OrganisationKindCode(o->kind));
    w.Field("kind_zh", identity::OrganisationKindNameZh(o->kind)).Field("kind_en", identity::OrganisationKindNameEn(o->kind));
  }
  w.EndObject();
}

void WriteOrganisation(JsonWriter& w, const OrganisationRecord& o) {
  w.BeginObject().Field("id", o.id).Field("name_zh", o.name_zh).Field("name_en", o.name_en);
  w.Field("kind", policy::OrganisationKindCode(o.kind));
  w.Field("kind_zh", identity::OrganisationKindNameZh(o.kind)).Field("kind_en", identity::OrganisationKindNameEn(o.kind));
  w.Field("region", o.region).Field("admin_level", identity::AdminLevelCode(o.admin_level));
  w.Field("admin_level_zh", o.admin_level == identity::AdminLevel::kUnspecified ? "" : identity::AdminLevelNameZh(o.admin_level));
  w.Field("parent_id", o.parent_id).Field("status", o.active() ? "active" : "disabled").EndObject();
}

void WriteUser(JsonWriter& w, const User& u, const identity::IdentityService& ids) {
  auto org = ids.FindOrganisation(u.organisation_id);
  w.BeginObject().Field("id", u.id).Field("username", u.username).Field("display_name", u.display_name);
  w.Field("organisation_id", u.organisation_id).Key("organisation");
  WriteOrganisationBrief(w, org ? &*org : nullptr, u.organisation_id);
  WriteRoles(w, u.roles);
  w.Field("status", u.active() ? "active" : "disabled");
  WriteTime(w, "created_at", u.created_at);
  WriteTime(w, "updated_at", u.updated_at);
  WriteTime(w, "last_login_at", u.last_login_at);
  w.EndObject();
}

void WriteToken(JsonWriter& w, const ApiToken& t, int64_t now) {
  w.BeginObject().Field("id", t.id).Field("name", t.name).Field("prefix", t.prefix);
  w.Field("user_id", t.user_id).Field("organisation_id", t.organisation_id);
  w.Key("roles").BeginArray();
  for (policy::Role r : t.roles) w.String(policy::RoleCode(r));
  w.EndArray().Key("resource_scope").BeginArray();
  for (const auto& r : t.resource_scope) w.String(r);
  w.EndArray();
  w.Field("status", t.revoked() ? "revoked" : t.expires_at <= now ? "expired" : "active");
  WriteTime(w, "created_at", t.created_at);
  WriteTime(w, "expires_at", t.expires_at);
  WriteTime(w, "last_used_at", t.last_used_at);
  WriteTime(w, "revoked_at", t.revoked_at);
  w.EndObject();
}

HttpResponse Private(std::string body, int status = 200) {
  HttpResponse r = HttpResponse::Json(std::move(body), status);
  r.headers.Set("cache-control", "no-store");
  return r;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  r.headers.Set("cache-control", "no-store");
  return r;
}

// The signed-in caller as an identity actor (401 for anonymous callers).
Result<Actor> SignedIn(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(RequireSignedIn(p));
  return Actor::Of(p, req.request_id);
}

// ---- auth ----

std::string MeBody(AppContext& ctx, const policy::Principal& p, const User& u) {
  std::string body;
  JsonWriter w(body);
  auto org = ctx.identity->FindOrganisation(u.organisation_id);
  w.BeginObject().Key("user").BeginObject().Field("id", u.id).Field("username", u.username);
  w.Field("display_name", u.display_name).EndObject();
  w.Field("display_name", u.display_name).Key("organisation");
  WriteOrganisationBrief(w, org ? &*org : nullptr, u.organisation_id);
  WriteRoles(w, p.roles);
  w.Field("auth", p.kind == policy::PrincipalKind::kApiToken ? "token" : "session");
  w.Key("resource_scope").BeginArray();
  for (const auto& r : p.resource_scope) w.String(r);
  w.EndArray();
  WriteTime(w, "last_login_at", u.last_login_at);
  w.EndObject();
  return body;
}

Result<HttpResponse> Login(AppContext& ctx, HttpRequest& req) {
  // Sign-in ignores any cookie already held (it may be stale); it counts as an anonymous request.
  req.principal_id = "anonymous";
  GS_RETURN_IF_ERROR(ctx.quotas->AdmitRequest(policy::Principal::Anonymous(req.remote_address)));
  GS_RETURN_IF_ERROR(ctx.auth.CheckSameOrigin(req, false));  // login CSRF: a foreign page cannot sign you in
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"username", "password"}));
  GS_ASSIGN_OR_RETURN(std::string username, String(o, "username", true));
  GS_ASSIGN_OR_RETURN(std::string password, String(o, "password", true));
  GS_ASSIGN_OR_RETURN(identity::LoginResult login, ctx.identity->Login(username, password, req.remote_address));
  GS_ASSIGN_OR_RETURN(policy::Principal p, ctx.identity->AuthenticateSession(login.session_value, req.remote_address));
  req.principal_id = p.id;
  HttpResponse r = Private(MeBody(ctx, p, login.user));
  r.headers.Set("set-cookie", ctx.auth.SessionCookie(login.session_value, ctx.identity->options().session_lifetime.count()));
  return r;
}

Result<HttpResponse> Logout(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(std::string cookie, Authenticator::SessionCookieValue(req));
  if (!cookie.empty()) {
    // Validates the session and the Origin (a foreign page cannot sign you out either).
    GS_RETURN_IF_ERROR(ctx.auth.Authenticate(req));
    GS_RETURN_IF_ERROR(ctx.identity->Logout(cookie));
  }
  HttpResponse r = NoContent();
  r.headers.Set("set-cookie", ctx.auth.ClearSessionCookie());
  return r;
}

Result<HttpResponse> Me(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(User u, ctx.identity->GetUser(a, a.principal.user_id));
  return Private(MeBody(ctx, a.principal, u));
}

// ---- organisations ----

Result<HttpResponse> ListOrganisations(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"kind"}));
  std::optional<policy::OrganisationKind> kind;
  if (auto k = req.Query("kind")) {
    kind = policy::ParseOrganisationKind(*k);
    if (!kind) {
      return BadRequest("organisation.bad_kind", "kind must be authority, department, operator, enterprise or public.",
                        "kind 须为 authority、department、operator、enterprise 或 public。");
    }
  }
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Key("results").BeginArray();
  for (const auto& o : ctx.identity->ListOrganisations()) {
    if (!kind || o.kind == *kind) WriteOrganisation(w, o);
  }
  w.EndArray().EndObject();
  return HttpResponse::Json(std::move(body));
}

Result<HttpResponse> GetOrganisation(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  auto o = ctx.identity->FindOrganisation(req.PathParam("id"));
  if (!o) {
    return MakeError(ErrorKind::kNotFound, "organisation.not_found",
                     "No organisation '" + std::string(req.PathParam("id")) + "'.",
                     "机构“" + std::string(req.PathParam("id")) + "”不存在。");
  }
  std::string body;
  JsonWriter w(body);
  WriteOrganisation(w, *o);
  return HttpResponse::Json(std::move(body));
}

Result<HttpResponse> UpsertOrganisation(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"id", "name_zh", "name_en", "kind", "region", "admin_level",
                                                     "parent_id", "status"}));
  identity::OrganisationInput in;
  GS_ASSIGN_OR_RETURN(in.id, String(o, "id", true));
  GS_ASSIGN_OR_RETURN(in.name_zh, String(o, "name_zh", true));
  GS_ASSIGN_OR_RETURN(in.name_en, String(o, "name_en", false));
  GS_ASSIGN_OR_RETURN(in.kind, String(o, "kind", true));
  GS_ASSIGN_OR_RETURN(in.region, String(o, "region", false));
  GS_ASSIGN_OR_RETURN(in.admin_level, String(o, "admin_level", false));
  GS_ASSIGN_OR_RETURN(in.parent_id, String(o, "parent_id", false));
  GS_ASSIGN_OR_RETURN(in.status, OptString(o, "status"));
  GS_ASSIGN_OR_RETURN(identity::OrganisationChange change, ctx.identity->UpsertOrganisation(a, in));
  std::string body;
  JsonWriter w(body);
  WriteOrganisation(w, change.organisation);
  return Private(std::move(body), change.created ? 201 : 200);
}

// ---- users ----

Result<HttpResponse> ListUsers(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"organisation_id"}));
  GS_ASSIGN_OR_RETURN(auto users, ctx.identity->ListUsers(a, req.Query("organisation_id").value_or("")));
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("total_count", static_cast<uint64_t>(users.size())).Key("results").BeginArray();
  for (const auto& u : users) WriteUser(w, u, *ctx.identity);
  w.EndArray().EndObject();
  return Private(std::move(body));
}

Result<HttpResponse> CreateUser(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"username", "display_name", "organisation_id", "roles", "password"}));
  identity::NewUser in;
  GS_ASSIGN_OR_RETURN(in.username, String(o, "username", true));
  GS_ASSIGN_OR_RETURN(in.display_name, String(o, "display_name", false));
  GS_ASSIGN_OR_RETURN(in.organisation_id, String(o, "organisation_id", true));
  GS_ASSIGN_OR_RETURN(in.password, String(o, "password", true));
  GS_ASSIGN_OR_RETURN(auto roles, OptStrings(o, "roles"));
  if (!roles) return BodyError("Missing required field 'roles'.", "缺少必填字段“roles”。");
  in.roles = std::move(*roles);
  GS_ASSIGN_OR_RETURN(User u, ctx.identity->CreateUser(a, in));
  std::string body;
  JsonWriter w(body);
  WriteUser(w, u, *ctx.identity);
  return Private(std::move(body), 201);
}

Result<HttpResponse> GetUser(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(User u, ctx.identity->GetUser(a, req.PathParam("id")));
  std::string body;
  JsonWriter w(body);
  WriteUser(w, u, *ctx.identity);
  return Private(std::move(body));
}

Result<HttpResponse> UpdateUser(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"display_name", "roles", "status"}));
  if (o.empty()) {
    return BodyError("Nothing to change: send display_name, roles or status.", "没有要修改的内容：请提供 display_name、roles 或 status。");
  }
  identity::UserChanges changes;
  GS_ASSIGN_OR_RETURN(changes.display_name, OptString(o, "display_name"));
  GS_ASSIGN_OR_RETURN(changes.roles, OptStrings(o, "roles"));
  GS_ASSIGN_OR_RETURN(changes.status, OptString(o, "status"));
  GS_ASSIGN_OR_RETURN(User u, ctx.identity->UpdateUser(a, req.PathParam("id"), changes));
  std::string body;
  JsonWriter w(body);
  WriteUser(w, u, *ctx.identity);
  return Private(std::move(body));
}

Result<HttpResponse> SetPassword(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"current_password", "new_password"}));
  GS_ASSIGN_OR_RETURN(std::optional<std::string> current, OptString(o, "current_password"));
  GS_ASSIGN_OR_RETURN(std::string next, String(o, "new_password", true));
  std::string keep;
  if (a.principal.kind == policy::PrincipalKind::kUser) {
    GS_ASSIGN_OR_RETURN(keep, Authenticator::SessionCookieValue(req));
  }
  GS_RETURN_IF_ERROR(ctx.identity->ChangePassword(a, req.PathParam("id"), current, next, keep));
  return NoContent();
}

// ---- API tokens ----

Result<HttpResponse> ListTokens(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"user_id"}));
  GS_ASSIGN_OR_RETURN(auto tokens, ctx.identity->ListTokens(a, req.Query("user_id").value_or("")));
  const int64_t now = ctx.clock.NowMicros();
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("total_count", static_cast<uint64_t>(tokens.size())).Key("results").BeginArray();
  for (const auto& t : tokens) WriteToken(w, t, now);
  w.EndArray().EndObject();
  return Private(std::move(body));
}

Result<HttpResponse> CreateToken(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(auto o, ParseObject(req.body, {"name", "roles", "resource_scope", "expires_in_days"}));
  identity::NewToken in;
  GS_ASSIGN_OR_RETURN(in.name, String(o, "name", true));
  GS_ASSIGN_OR_RETURN(in.roles, OptStrings(o, "roles"));
  GS_ASSIGN_OR_RETURN(auto scope, OptStrings(o, "resource_scope"));
  if (scope) in.resource_scope = std::move(*scope);
  auto days = o.find("expires_in_days");
  if (days == o.end()) return BodyError("Missing required field 'expires_in_days'.", "缺少必填字段“expires_in_days”。");
  if (!days->value().is_int64() && !days->value().is_uint64()) {
    return BodyError("expires_in_days must be an integer.", "expires_in_days 必须为整数。");
  }
  in.expires_in_days = days->value().is_int64() ? days->value().as_int64() : -1;
  GS_ASSIGN_OR_RETURN(identity::CreatedToken created, ctx.identity->CreateToken(a, a.principal.user_id, in));
  std::string body;
  JsonWriter w(body);
  // The secret appears in this response only; the platform keeps its hash.
  w.BeginObject().Field("token", created.secret).Key("details");
  WriteToken(w, created.token, ctx.clock.NowMicros());
  w.EndObject();
  return Private(std::move(body), 201);
}

Result<HttpResponse> RevokeToken(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Actor a, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_RETURN_IF_ERROR(ctx.identity->RevokeToken(a, req.PathParam("id")));
  return NoContent();
}

}  // namespace

void RegisterIdentityRoutes(Router& router, AppContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](HttpRequest& req) { return fn(ctx, req); }; };
  // Password hashing is slow on purpose: sign-in and user writes run on the worker pool.
  router.Add(Route{HttpMethod::kPost, "/api/v1/auth/login", bind(Login), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kPost, "/api/v1/auth/logout", bind(Logout), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/auth/me", bind(Me), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kGet, "/api/v1/organisations", bind(ListOrganisations), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPost, "/api/v1/organisations", bind(UpsertOrganisation), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/organisations/{id}", bind(GetOrganisation), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kGet, "/api/v1/users", bind(ListUsers), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPost, "/api/v1/users", bind(CreateUser), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/users/{id}", bind(GetUser), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPatch, "/api/v1/users/{id}", bind(UpdateUser), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kPost, "/api/v1/users/{id}/password", bind(SetPassword), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/tokens", bind(ListTokens), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPost, "/api/v1/tokens", bind(CreateToken), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kDelete, "/api/v1/tokens/{id}", bind(RevokeToken)});
}

}  // namespace gongshu::api
