#include "identity/identity_service.h"

#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "core/encoding.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "identity/administration_rules.h"
#include "identity/identity_store.h"

namespace gongshu::identity {

using policy::OrganisationKind;
using policy::Role;

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
constexpr size_t kSecretChars = 43;  // base64url of 32 bytes, unpadded
constexpr size_t kMaxScope = 100;

Error Unprocessable(std::string code, std::string en, std::string zh) {
  return MakeError(ErrorKind::kUnprocessable, std::move(code), std::move(en), std::move(zh));
}

Error UserNotFound() {
  return MakeError(ErrorKind::kNotFound, "user.not_found", "No such user.", "用户不存在。");
}

Error TokenNotFound() {
  return MakeError(ErrorKind::kNotFound, "token.not_found", "No such API token.", "API令牌不存在。");
}

Error Forbidden(std::string code, std::string en, std::string zh) {
  return MakeError(ErrorKind::kForbidden, std::move(code), std::move(en), std::move(zh));
}

std::string NewId(std::string_view prefix) { return std::string(prefix) + Base64Encode(RandomBytes(12), true, false); }

// 256 random bits, base64url: the value a cookie or token carries.
std::string NewSecret() { return Base64Encode(RandomBytes(32), true, false); }

bool IsBase64Url(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool IsValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  for (size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && !(i > 0 && (c == '.' || c == '_' || c == '-'))) return false;
  }
  return true;
}

Status ValidateText(std::string_view value, size_t max_bytes, std::string_view field, std::string_view code) {
  if (value.size() > max_bytes || !IsValidUtf8(value) || HasControl(value)) {
    return Unprocessable(std::string(code),
                         std::string(field) + " must be valid UTF-8 without control characters, at most " +
                             std::to_string(max_bytes) + " bytes.",
                         std::string(field) + " 须为有效的UTF-8文本，不含控制字符，且不超过" + std::to_string(max_bytes) +
                             "字节。");
  }
  return Ok();
}

Result<UserStatus> ParseUserStatus(std::string_view s) {
  if (s == "active") return UserStatus::kActive;
  if (s == "disabled") return UserStatus::kDisabled;
  return MakeError(ErrorKind::kInvalidArgument, "user.bad_status", "status must be active or disabled.",
                   "status 须为 active 或 disabled。");
}

Result<std::vector<Role>> ValidateRolesFor(const std::vector<std::string>& codes, const OrganisationRecord& org) {
  GS_ASSIGN_OR_RETURN(std::vector<Role> roles, ParseRoleList(codes));
  if (roles.empty()) {
    return Unprocessable("user.roles_required", "A user needs at least one role.", "用户至少需要一个角色。");
  }
  for (Role r : roles) {
    if (!RoleAllowedFor(org.kind, r)) {
      std::string allowed;
      for (Role a : RolesAllowedFor(org.kind)) allowed += (allowed.empty() ? "" : ", ") + std::string(policy::RoleCode(a));
      return Unprocessable("user.role_not_allowed",
                           "Role '" + std::string(policy::RoleCode(r)) + "' does not fit an organisation of kind '" +
                               std::string(policy::OrganisationKindCode(org.kind)) + "'; allowed: " + allowed + ".",
                           "角色“" + std::string(RoleNameZh(r)) + "”不适用于" +
                               std::string(OrganisationKindNameZh(org.kind)) + "类机构；可选：" + allowed + "。");
    }
  }
  return roles;
}

bool SameRoles(std::vector<Role> a, std::vector<Role> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// Canonical JSON of the objects, for the audit log's before/after hashes. No secrets: never a
// password hash, a session id or a token hash.
std::string OrgState(const OrganisationRecord& o) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", o.id).Field("name_zh", o.name_zh).Field("name_en", o.name_en);
  w.Field("kind", policy::OrganisationKindCode(o.kind)).Field("region", o.region);
  w.Field("admin_level", AdminLevelCode(o.admin_level)).Field("parent_id", o.parent_id);
  w.Field("status", o.active() ? "active" : "disabled").EndObject();
  return out;
}

std::string UserState(const User& u) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", u.id).Field("username", u.username).Field("display_name", u.display_name);
  w.Field("organisation_id", u.organisation_id).Field("roles", JoinRoles(u.roles));
  w.Field("status", u.active() ? "active" : "disabled").Field("password_changed_at", u.password_changed_at).EndObject();
  return out;
}

std::string TokenState(const ApiToken& t) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("id", t.id).Field("user_id", t.user_id).Field("organisation_id", t.organisation_id);
  w.Field("name", t.name).Field("prefix", t.prefix).Field("roles", JoinRoles(t.roles));
  w.Field("resource_scope", Join(t.resource_scope, ",")).Field("expires_at", t.expires_at);
  w.Field("revoked_at", t.revoked_at).EndObject();
  return out;
}

}  // namespace

Status IdentityService::Record(std::string kind, const Actor& actor, const std::string& object_id, std::string before,
                               std::string after) const {
  if (!recorder_) return Ok();
  catalog::CatalogChange c;
  c.kind = std::move(kind);
  c.object_id = object_id;
  c.before = std::move(before);
  c.after = std::move(after);
  if (!actor.console) {
    const auto& p = actor.principal;
    c.actor = catalog::ChangeActor{p.user_id.empty() ? p.id : p.user_id, p.organisation_id, actor.request_id};
  }
  return recorder_(c);
}

IdentityService::IdentityService(storage::Engine& engine, catalog::Catalog& catalog, const Clock& clock,
                                 IdentityOptions options)
    : engine_(engine),
      catalog_(catalog),
      clock_(clock),
      options_(options),
      hasher_(options.password_cost),
      username_throttle_(options.username_throttle, clock),
      address_throttle_(options.address_throttle, clock) {}

IdentityService::~IdentityService() {
  if (flusher_.joinable()) {
    flusher_.request_stop();
    flusher_.join();
  }
  Status st = FlushUsage();
  if (!st.ok()) Log().warn("identity: last-use flush at shutdown failed: {}", st.error().message);
}

Status IdentityService::Load() {
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_ASSIGN_OR_RETURN(auto orgs, IdentityStore::LoadOrganisations(*s));
  GS_ASSIGN_OR_RETURN(auto users, IdentityStore::LoadUsers(*s));
  GS_ASSIGN_OR_RETURN(auto sessions, IdentityStore::LoadSessions(*s, clock_.NowMicros()));
  GS_ASSIGN_OR_RETURN(auto tokens, IdentityStore::LoadTokens(*s));
  index_.Reset(std::move(orgs), std::move(users), std::move(sessions), std::move(tokens));
  return Ok();
}

void IdentityService::StartUsageFlusher() {
  if (flusher_.joinable()) return;
  flusher_ = std::jthread([this](std::stop_token stop) { FlushLoop(stop); });
}

void IdentityService::FlushLoop(std::stop_token stop) {
  std::mutex wait_mu;
  std::unique_lock lock(wait_mu);
  while (!stop.stop_requested()) {
    flush_cv_.wait_for(lock, stop, options_.usage_flush_interval, [] { return false; });
    if (stop.stop_requested()) break;
    Status st = FlushUsage();
    if (!st.ok()) Log().warn("identity: last-use flush failed: {}", st.error().message);
  }
}

Status IdentityService::FlushUsage() {
  std::lock_guard lock(flush_mu_);
  const int64_t now = clock_.NowMicros();
  CredentialIndex::Usage usage = index_.TakeUsage();
  std::vector<std::string> expired =
      index_.RemoveExpiredSessions(now, options_.session_idle.count() * kMicrosPerSecond);
  if (usage.sessions.empty() && usage.tokens.empty() && expired.empty()) return Ok();
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  // Small metadata updates (one per active session or token in the interval), in one transaction.
  return storage::InTransaction(*s, [&]() -> Status {
    for (const auto& [hash, seen] : usage.sessions) GS_RETURN_IF_ERROR(IdentityStore::TouchSession(*s, hash, seen));
    for (const auto& [id, used] : usage.tokens) GS_RETURN_IF_ERROR(IdentityStore::TouchToken(*s, id, used));
    for (const auto& hash : expired) GS_RETURN_IF_ERROR(IdentityStore::DeleteSession(*s, hash));
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Organisations

std::vector<OrganisationRecord> IdentityService::ListOrganisations() const {
  std::vector<OrganisationRecord> out;
  for (const auto& o : index_.Organisations()) out.push_back(*o);
  return out;
}

std::optional<OrganisationRecord> IdentityService::FindOrganisation(std::string_view id) const {
  auto o = index_.Organisation(id);
  if (!o) return std::nullopt;
  return *o;
}

std::shared_ptr<const OrganisationRecord> IdentityService::OrganisationOrReload(std::string_view id) {
  if (auto o = index_.Organisation(id)) return o;
  // Organisations may also come from the catalog (the demo loader): pick them up on a miss.
  auto s = engine_.Acquire();
  if (!s.ok()) return nullptr;
  auto orgs = IdentityStore::LoadOrganisations(**s);
  if (!orgs.ok()) return nullptr;
  for (auto& o : *orgs) {
    if (!index_.Organisation(o.id)) index_.PutOrganisation(std::move(o));
  }
  return index_.Organisation(id);
}

Result<OrganisationRecord> IdentityService::ValidateOrganisation(const OrganisationInput& in,
                                                                 const OrganisationRecord* existing) const {
  OrganisationRecord o;
  if (!catalog::IsValidResourceId(in.id)) {
    return Unprocessable("organisation.invalid_id",
                         "Organisation id must be 2-64 lowercase letters, digits or '-', starting with a letter or digit.",
                         "机构标识须为2至64位小写字母、数字或连字符，且以字母或数字开头。");
  }
  o.id = in.id;
  if (Trim(in.name_zh).empty()) {
    return Unprocessable("organisation.name_required", "A Chinese name (name_zh) is required.", "必须填写机构中文名称（name_zh）。");
  }
  GS_RETURN_IF_ERROR(ValidateText(in.name_zh, 300, "name_zh", "organisation.invalid_text"));
  GS_RETURN_IF_ERROR(ValidateText(in.name_en, 300, "name_en", "organisation.invalid_text"));
  o.name_zh = std::string(Trim(in.name_zh));
  o.name_en = std::string(Trim(in.name_en));
  auto kind = policy::ParseOrganisationKind(in.kind);
  if (!kind) {
    return MakeError(ErrorKind::kInvalidArgument, "organisation.bad_kind",
                     "kind must be authority, department, operator, enterprise or public.",
                     "kind 须为 authority、department、operator、enterprise 或 public。");
  }
  o.kind = *kind;
  if (existing != nullptr && existing->kind != o.kind) {
    return MakeError(ErrorKind::kConflict, "organisation.kind_immutable",
                     "The kind of an organisation cannot change: its users' roles depend on it.",
                     "机构类别不可修改：其用户的角色取决于机构类别。");
  }
  auto level = ParseAdminLevel(in.admin_level);
  if (!level) {
    return MakeError(ErrorKind::kInvalidArgument, "organisation.bad_level",
                     "admin_level must be national, provincial, municipal or county.",
                     "admin_level 须为 national（国家级）、provincial（省级）、municipal（市级）或 county（县级）。");
  }
  if (*level != AdminLevel::kUnspecified && o.kind != OrganisationKind::kAuthority &&
      o.kind != OrganisationKind::kDepartment) {
    return Unprocessable("organisation.level_not_applicable",
                         "Only the data authority and departments have an administrative level.",
                         "只有数据管理机构和政府部门有行政级别。");
  }
  o.admin_level = *level;
  if (!in.region.empty() && !IsValidRegionCode(in.region, o.admin_level)) {
    return Unprocessable("organisation.bad_region",
                         "region must be a GB/T 2260 division code (6 digits) matching the administrative level.",
                         "region 须为与行政级别相符的GB/T 2260行政区划代码（6位数字）。");
  }
  o.region = in.region;
  if (!in.parent_id.empty()) {
    if (in.parent_id == in.id) {
      return Unprocessable("organisation.bad_parent", "An organisation cannot be its own parent.", "机构不能以自身为上级。");
    }
    // The parent must exist, and following parents upwards must not come back here.
    std::string cursor = in.parent_id;
    for (int depth = 0; !cursor.empty(); ++depth) {
      auto p = index_.Organisation(cursor);
      if (!p) {
        return Unprocessable("organisation.unknown_parent", "Unknown parent organisation '" + cursor + "'.",
                             "上级机构“" + cursor + "”不存在。");
      }
      if (p->id == in.id || depth > 64) {
        return Unprocessable("organisation.bad_parent", "The parent chain would form a cycle.", "上级机构关系将形成循环。");
      }
      cursor = p->parent_id;
    }
  }
  o.parent_id = in.parent_id;
  o.status = existing != nullptr ? existing->status : OrganisationStatus::kActive;
  if (in.status) {
    if (*in.status == "active") {
      o.status = OrganisationStatus::kActive;
    } else if (*in.status == "disabled") {
      o.status = OrganisationStatus::kDisabled;
    } else {
      return MakeError(ErrorKind::kInvalidArgument, "organisation.bad_status", "status must be active or disabled.",
                       "status 须为 active 或 disabled。");
    }
  }
  return o;
}

Result<OrganisationChange> IdentityService::UpsertOrganisation(const Actor& actor, const OrganisationInput& input) {
  if (!ManagesOrganisations(actor)) {
    return Forbidden("organisation.forbidden", "Only the data authority's administrators manage organisations.",
                     "只有数据管理机构管理员可以管理机构。");
  }
  std::lock_guard lock(write_mu_);
  auto existing = catalog::IsValidResourceId(input.id) ? OrganisationOrReload(input.id) : nullptr;
  GS_ASSIGN_OR_RETURN(OrganisationRecord rec, ValidateOrganisation(input, existing.get()));
  const bool disabling = rec.status == OrganisationStatus::kDisabled && (!existing || existing->active());
  if (disabling) {
    // Fail closed: credentials stop working before the database is asked.
    index_.RemoveSessionsOfOrganisation(rec.id);
    index_.RevokeTokensOfOrganisation(rec.id, clock_.NowMicros());
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(existing ? IdentityStore::UpdateOrganisation(*s, rec) : IdentityStore::InsertOrganisation(*s, rec));
    if (disabling) {
      GS_RETURN_IF_ERROR(IdentityStore::DeleteSessionsOfOrganisation(*s, rec.id));
      GS_RETURN_IF_ERROR(IdentityStore::RevokeTokensOfOrganisation(*s, rec.id, clock_.NowMicros()));
    }
    return Record(existing ? "organisation.updated" : "organisation.created", actor, rec.id,
                  existing ? OrgState(*existing) : std::string(), OrgState(rec));
  }));
  index_.PutOrganisation(rec);
  // The catalog shows organisations as providers: rebuild its snapshot with the new names.
  GS_RETURN_IF_ERROR(catalog_.Refresh(rec.id));
  Log().info("identity: organisation {} {} by {}", rec.id, existing ? "updated" : "created", actor.principal.id);
  return OrganisationChange{std::move(rec), !existing};
}

// ---------------------------------------------------------------------------------------------
// Users

Status IdentityService::ValidatePassword(std::string_view username, std::string_view password) const {
  if (password.size() > 1024 || !IsValidUtf8(password)) {
    return Unprocessable("user.weak_password", "The password must be valid UTF-8 text of at most 1024 bytes.",
                         "密码须为有效的UTF-8文本，且不超过1024字节。");
  }
  if (CodePoints(password) < options_.min_password_chars) {
    const std::string n = std::to_string(options_.min_password_chars);
    return Unprocessable("user.weak_password", "The password must have at least " + n + " characters.",
                         "密码至少需要" + n + "个字符。");
  }
  if (AsciiLower(password) == AsciiLower(username)) {
    return Unprocessable("user.weak_password", "The password must not be the username.", "密码不能与用户名相同。");
  }
  return Ok();
}

Result<User> IdentityService::CreateUser(const Actor& actor, const NewUser& input) {
  std::string username = AsciiLower(Trim(input.username));
  if (!IsValidUsername(username)) {
    return Unprocessable("user.invalid_username",
                         "A username has 3-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.",
                         "用户名须为3至64个字符（字母、数字、“.”、“_”或“-”），且以字母或数字开头。");
  }
  auto org = OrganisationOrReload(input.organisation_id);
  if (!org) {
    return Unprocessable("user.unknown_organisation", "Unknown organisation '" + input.organisation_id + "'.",
                         "机构“" + input.organisation_id + "”不存在。");
  }
  if (!ManagesUsersOf(actor, *org)) {
    return Forbidden("user.forbidden", "You may not create users in this organisation.", "您无权在该机构中创建用户。");
  }
  if (!org->active()) {
    return MakeError(ErrorKind::kConflict, "organisation.disabled", "The organisation is disabled.", "该机构已停用。");
  }
  GS_ASSIGN_OR_RETURN(std::vector<Role> roles, ValidateRolesFor(input.roles, *org));
  std::string display = std::string(Trim(input.display_name));
  GS_RETURN_IF_ERROR(ValidateText(display, 200, "display_name", "user.invalid_display_name"));
  if (display.empty()) display = username;
  GS_RETURN_IF_ERROR(ValidatePassword(username, input.password));
  if (index_.UserByName(username)) {
    return MakeError(ErrorKind::kConflict, "user.exists", "The username '" + username + "' is taken.",
                     "用户名“" + username + "”已被使用。");
  }
  // Hash outside the write lock: it takes a while on purpose.
  GS_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(input.password));
  const int64_t now = clock_.NowMicros();
  User u;
  u.id = NewId("u_");
  u.username = username;
  u.display_name = display;
  u.organisation_id = org->id;
  u.roles = std::move(roles);
  u.password_hash = std::move(hash);
  u.created_at = u.updated_at = u.password_changed_at = now;
  std::lock_guard lock(write_mu_);
  if (index_.UserByName(username)) {
    return MakeError(ErrorKind::kConflict, "user.exists", "The username '" + username + "' is taken.",
                     "用户名“" + username + "”已被使用。");
  }
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::InsertUser(*s, u));
    return Record("user.created", actor, u.id, "", UserState(u));
  }));
  index_.PutUser(u);
  Log().info("identity: user {} ({}) created in {} by {}", u.id, u.username, u.organisation_id, actor.principal.id);
  return u;
}

Result<std::vector<User>> IdentityService::ListUsers(const Actor& actor, std::string_view organisation_id) const {
  std::vector<User> out;
  for (const auto& u : index_.Users()) {
    if (!organisation_id.empty() && u->organisation_id != organisation_id) continue;
    auto org = index_.Organisation(u->organisation_id);
    if (org && CanSeeUser(actor, *u, *org)) out.push_back(*u);
  }
  return out;
}

Result<User> IdentityService::GetUser(const Actor& actor, std::string_view id) const {
  auto u = index_.UserById(id);
  if (!u) return UserNotFound();
  auto org = index_.Organisation(u->organisation_id);
  if (!org || !CanSeeUser(actor, *u, *org)) return UserNotFound();
  return *u;
}

Result<User> IdentityService::FindUserByUsername(const Actor& actor, std::string_view username) const {
  auto u = index_.UserByName(AsciiLower(Trim(username)));
  if (!u) return UserNotFound();
  return GetUser(actor, u->id);
}

void IdentityService::ForgetCredentials(const User& u, bool tokens_too) {
  index_.RemoveSessionsOfUser(u.id);
  if (tokens_too) index_.RevokeTokensOfUser(u.id, clock_.NowMicros());
}

Result<User> IdentityService::UpdateUser(const Actor& actor, std::string_view id, const UserChanges& changes) {
  std::lock_guard lock(write_mu_);
  GS_ASSIGN_OR_RETURN(User current, GetUser(actor, id));
  auto org = index_.Organisation(current.organisation_id);
  if (!org) return UserNotFound();
  const bool self = !actor.console && actor.principal.user_id == current.id;
  User next = current;
  if (changes.roles || changes.status) {
    if (self) {
      return Forbidden("user.self_change",
                       "You cannot change your own roles or status (separation of duties); ask another administrator.",
                       "不能修改自己的角色或状态（职责分离），请由其他管理员操作。");
    }
    if (!ManagesUsersOf(actor, *org)) {
      return Forbidden("user.forbidden", "You may not change this user's roles or status.", "您无权修改该用户的角色或状态。");
    }
  }
  if (changes.display_name) {
    std::string display = std::string(Trim(*changes.display_name));
    GS_RETURN_IF_ERROR(ValidateText(display, 200, "display_name", "user.invalid_display_name"));
    if (display.empty()) {
      return Unprocessable("user.invalid_display_name", "display_name cannot be empty.", "display_name 不能为空。");
    }
    next.display_name = display;
  }
  if (changes.roles) {
    GS_ASSIGN_OR_RETURN(next.roles, ValidateRolesFor(*changes.roles, *org));
  }
  if (changes.status) {
    GS_ASSIGN_OR_RETURN(next.status, ParseUserStatus(*changes.status));
  }
  const bool roles_changed = !SameRoles(current.roles, next.roles);
  const bool disabled = current.active() && !next.active();
  next.updated_at = clock_.NowMicros();
  // A session carries the roles it was opened with in the user's mind: sign out on any change of
  // roles, and everywhere on disabling (tokens too; a token's roles shrink with the user's anyway).
  if (roles_changed || disabled) ForgetCredentials(current, disabled);  // index first: fail closed
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::UpdateUser(*s, next));
    if (roles_changed || disabled) GS_RETURN_IF_ERROR(IdentityStore::DeleteSessionsOfUser(*s, next.id));
    if (disabled) GS_RETURN_IF_ERROR(IdentityStore::RevokeTokensOfUser(*s, next.id, next.updated_at));
    return Record("user.updated", actor, next.id, UserState(current), UserState(next));
  }));
  index_.PutUser(next);
  Log().info("identity: user {} updated by {} (roles {}, status {})", next.id, actor.principal.id, JoinRoles(next.roles),
             next.active() ? "active" : "disabled");
  return next;
}

Status IdentityService::ChangePassword(const Actor& actor, std::string_view id,
                                       const std::optional<std::string>& current_password,
                                       const std::string& new_password, std::string_view keep_session_value) {
  GS_ASSIGN_OR_RETURN(User target, GetUser(actor, id));
  const bool self = !actor.console && actor.principal.user_id == target.id;
  if (self) {
    if (!current_password) {
      return MakeError(ErrorKind::kInvalidArgument, "user.current_password_required",
                       "Changing your own password needs current_password.", "修改本人密码须提供当前密码（current_password）。");
    }
    if (int64_t wait = username_throttle_.RetryAfterSeconds(target.username); wait > 0) {
      Error e = MakeError(ErrorKind::kTooManyRequests, "auth.throttled",
                          "Too many failed attempts; try again in " + std::to_string(wait) + " s.",
                          "失败次数过多，请在" + std::to_string(wait) + "秒后重试。");
      e.retry_after_seconds = wait;
      return e;
    }
    if (!hasher_.Verify(target.password_hash, *current_password)) {
      username_throttle_.RecordFailure(target.username);
      return Forbidden("user.wrong_password", "The current password is wrong.", "当前密码不正确。");
    }
  } else {
    auto org = index_.Organisation(target.organisation_id);
    if (!org || !ManagesUsersOf(actor, *org)) {
      return Forbidden("user.forbidden", "You may not reset this user's password.", "您无权重置该用户的密码。");
    }
  }
  GS_RETURN_IF_ERROR(ValidatePassword(target.username, new_password));
  GS_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  std::lock_guard lock(write_mu_);
  auto fresh = index_.UserById(target.id);
  if (!fresh) return UserNotFound();
  User next = *fresh;
  next.password_hash = std::move(hash);
  next.password_changed_at = next.updated_at = clock_.NowMicros();
  std::string keep_hash;
  if (self && keep_session_value.size() == kSecretChars) keep_hash = Sha256Hex(keep_session_value);
  index_.RemoveSessionsOfUser(next.id, keep_hash);
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::UpdateUser(*s, next));
    // Other sessions end; the caller's own survives a change of its own password.
    GS_RETURN_IF_ERROR(s->Execute("DELETE FROM user_sessions WHERE user_id = $1 AND id_hash <> $2",
                                  {storage::Value::Text(next.id), storage::Value::Text(keep_hash)}));
    return Record(self ? "user.password_changed" : "user.password_reset", actor, next.id, UserState(*fresh),
                  UserState(next));
  }));
  index_.PutUser(next);
  if (self) username_throttle_.RecordSuccess(next.username);
  Log().info("identity: password of {} {} by {}", next.id, self ? "changed" : "reset", actor.principal.id);
  return Ok();
}

// ---------------------------------------------------------------------------------------------
// Sign-in

Result<LoginResult> IdentityService::Login(std::string_view username_in, std::string_view password,
                                           std::string_view client_address) {
  const std::string username = AsciiLower(Trim(username_in)).substr(0, 128);
  const std::string address_key = "ip:" + std::string(client_address);
  const int64_t wait = std::max(username_throttle_.RetryAfterSeconds(username),
                                address_throttle_.RetryAfterSeconds(address_key));
  if (wait > 0) {
    Error e = MakeError(ErrorKind::kTooManyRequests, "auth.throttled",
                        "Too many failed sign-in attempts; try again in " + std::to_string(wait) + " s.",
                        "登录失败次数过多，请在" + std::to_string(wait) + "秒后重试。");
    e.retry_after_seconds = wait;
    return e;
  }
  auto user = index_.UserByName(username);
  bool ok = false;
  if (user && password.size() <= 1024) {
    ok = hasher_.Verify(user->password_hash, password);
  } else {
    hasher_.BurnVerify(password.substr(0, 1024));  // same cost as a known user: no enumeration by timing
  }
  if (!ok) {
    username_throttle_.RecordFailure(username);
    address_throttle_.RecordFailure(address_key);
    return MakeError(ErrorKind::kUnauthenticated, "auth.invalid_credentials", "Wrong username or password.",
                     "用户名或密码错误。");
  }
  username_throttle_.RecordSuccess(username);
  auto org = index_.Organisation(user->organisation_id);
  if (!user->active() || !org || !org->active()) {
    return Forbidden("auth.account_disabled", "This account or its organisation is disabled.", "该账号或其所属机构已停用。");
  }
  // Rehash a password made with an older cost while we hold it in clear.
  std::optional<std::string> rehash;
  if (hasher_.NeedsRehash(user->password_hash)) {
    auto h = hasher_.Hash(password);
    if (h.ok()) rehash = std::move(h).value();
  }
  const int64_t now = clock_.NowMicros();
  LoginResult out;
  out.session_value = NewSecret();
  WebSession session{Sha256Hex(out.session_value), user->id, now, now,
                     now + options_.session_lifetime.count() * kMicrosPerSecond, std::string(client_address)};
  out.expires_at = session.expires_at;

  std::lock_guard lock(write_mu_);
  auto fresh = index_.UserById(user->id);
  if (!fresh || !fresh->active()) {
    return Forbidden("auth.account_disabled", "This account or its organisation is disabled.", "该账号或其所属机构已停用。");
  }
  User next = *fresh;
  next.last_login_at = now;
  if (rehash) next.password_hash = *rehash;
  // Bound the sessions per user: the oldest ones end first.
  std::vector<WebSession> open = index_.SessionsOfUser(next.id);
  std::vector<std::string> evict;
  if (static_cast<int>(open.size()) >= options_.max_sessions_per_user) {
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    for (size_t i = 0; i + static_cast<size_t>(options_.max_sessions_per_user) <= open.size(); ++i) {
      evict.push_back(open[i].id_hash);
    }
  }
  for (const auto& h : evict) index_.RemoveSession(h);
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    for (const auto& h : evict) GS_RETURN_IF_ERROR(IdentityStore::DeleteSession(*s, h));
    GS_RETURN_IF_ERROR(IdentityStore::InsertSession(*s, session));
    return IdentityStore::UpdateUser(*s, next);
  }));
  index_.PutSession(session);
  index_.PutUser(next);
  out.user = std::move(next);
  return out;
}

Status IdentityService::Logout(std::string_view session_value) {
  if (session_value.size() != kSecretChars || !IsBase64Url(session_value)) return Ok();
  const std::string hash = Sha256Hex(session_value);
  if (!index_.RemoveSession(hash)) return Ok();
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  return IdentityStore::DeleteSession(*s, hash);
}

Result<policy::Principal> IdentityService::AuthenticateSession(std::string_view session_value,
                                                               std::string_view client_address) const {
  if (session_value.size() != kSecretChars || !IsBase64Url(session_value)) {
    return MakeError(ErrorKind::kUnauthenticated, "auth.session_invalid",
                     "Your session is invalid or has expired; please sign in again.", "会话无效或已过期，请重新登录。");
  }
  return index_.ResolveSession(Sha256Hex(session_value), clock_.NowMicros(),
                               options_.session_idle.count() * kMicrosPerSecond, client_address);
}

Result<policy::Principal> IdentityService::AuthenticateToken(std::string_view token,
                                                             std::string_view client_address) const {
  if (token.size() != kTokenPrefix.size() + kSecretChars || !token.starts_with(kTokenPrefix) ||
      !IsBase64Url(token.substr(kTokenPrefix.size()))) {
    return MakeError(ErrorKind::kUnauthenticated, "auth.invalid_token", "The API token is invalid, expired or revoked.",
                     "API令牌无效、已过期或已被吊销。");
  }
  return index_.ResolveToken(Sha256Hex(token), clock_.NowMicros(), client_address);
}

// ---------------------------------------------------------------------------------------------
// API tokens

Result<CreatedToken> IdentityService::CreateToken(const Actor& actor, std::string_view user_id, const NewToken& input) {
  if (!actor.console) {
    if (actor.principal.kind != policy::PrincipalKind::kUser) {
      return Forbidden("token.session_required",
                       "API tokens are created by a signed-in user, not by another token.",
                       "API令牌须由已登录的用户创建，不能用令牌创建令牌。");
    }
    if (actor.principal.user_id != user_id) return UserNotFound();
  }
  auto user = index_.UserById(user_id);
  if (!user) return UserNotFound();
  auto org = index_.Organisation(user->organisation_id);
  if (!user->active() || !org || !org->active()) {
    return MakeError(ErrorKind::kConflict, "user.disabled", "The user or its organisation is disabled.",
                     "该用户或其所属机构已停用。");
  }
  std::string name = std::string(Trim(input.name));
  if (name.empty()) return Unprocessable("token.name_required", "A token needs a name.", "令牌须有名称。");
  GS_RETURN_IF_ERROR(ValidateText(name, 200, "name", "token.bad_name"));
  if (input.expires_in_days < 1 || input.expires_in_days > options_.max_token_days) {
    const std::string max = std::to_string(options_.max_token_days);
    return Unprocessable("token.bad_expiry", "expires_in_days is required: 1 to " + max + " days.",
                         "expires_in_days 为必填项，取值1至" + max + "天。");
  }
  std::vector<Role> roles = user->roles;
  if (input.roles) {
    GS_ASSIGN_OR_RETURN(roles, ParseRoleList(*input.roles));
    if (roles.empty()) return Unprocessable("token.roles_required", "A token needs at least one role.", "令牌至少需要一个角色。");
    for (Role r : roles) {
      if (std::find(user->roles.begin(), user->roles.end(), r) == user->roles.end()) {
        return Unprocessable("token.role_not_held",
                             "A token can only carry roles its user holds; '" + std::string(policy::RoleCode(r)) + "' is not one.",
                             "令牌只能包含其用户拥有的角色；用户没有“" + std::string(RoleNameZh(r)) + "”角色。");
      }
    }
  }
  if (input.resource_scope.size() > kMaxScope) {
    return Unprocessable("token.bad_scope", "A token may be narrowed to at most 100 resources.", "令牌最多限定100个数据资源。");
  }
  std::set<std::string> seen;
  auto snap = catalog_.Snapshot();
  for (const auto& rid : input.resource_scope) {
    const catalog::Resource* r = catalog::IsValidResourceId(rid) ? snap->Find(rid) : nullptr;
    // Drafts of other organisations do not exist for this user: same answer as no resource.
    if (r == nullptr || (r->status != catalog::ResourceStatus::kPublished && r->provider_id != user->organisation_id)) {
      return Unprocessable("token.unknown_resource", "Unknown resource '" + rid + "' in resource_scope.",
                           "resource_scope 中的数据资源“" + rid + "”不存在。");
    }
    if (!seen.insert(rid).second) {
      return Unprocessable("token.bad_scope", "Resource '" + rid + "' is listed twice.", "数据资源“" + rid + "”重复。");
    }
  }
  const int64_t now = clock_.NowMicros();
  size_t live = 0;
  for (const auto& t : index_.Tokens()) {
    if (t.user_id == user->id && !t.revoked() && t.expires_at > now) ++live;
  }
  if (live >= static_cast<size_t>(options_.max_tokens_per_user)) {
    return MakeError(ErrorKind::kConflict, "token.too_many",
                     "At most " + std::to_string(options_.max_tokens_per_user) + " live tokens per user; revoke some first.",
                     "每个用户最多" + std::to_string(options_.max_tokens_per_user) + "个有效令牌，请先吊销不用的令牌。");
  }
  CreatedToken out;
  out.secret = std::string(kTokenPrefix) + NewSecret();
  ApiToken& t = out.token;
  t.id = NewId("tok_");
  t.token_hash = Sha256Hex(out.secret);
  t.user_id = user->id;
  t.organisation_id = user->organisation_id;
  t.name = name;
  t.prefix = out.secret.substr(0, kTokenPrefix.size() + 6);
  t.roles = roles;
  t.resource_scope = input.resource_scope;
  t.created_at = now;
  t.expires_at = now + input.expires_in_days * kMicrosPerDay;
  std::lock_guard lock(write_mu_);
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::InsertToken(*s, t));
    return Record("token.created", actor, t.id, "", TokenState(t));
  }));
  index_.PutToken(t);
  Log().info("identity: token {} ({}) created for {} by {}", t.id, t.prefix, t.user_id, actor.principal.id);
  return out;
}

Result<std::vector<ApiToken>> IdentityService::ListTokens(const Actor& actor, std::string_view user_id) const {
  const bool all = actor.console || actor.principal.Has(Role::kAuthorityAdmin);
  std::vector<ApiToken> out;
  if (!all && actor.principal.user_id.empty()) return out;
  for (auto& t : index_.Tokens()) {
    if (!all && t.user_id != actor.principal.user_id) continue;
    if (!user_id.empty() && t.user_id != user_id) continue;
    out.push_back(std::move(t));
  }
  return out;
}

Status IdentityService::RevokeToken(const Actor& actor, std::string_view token_id) {
  auto t = index_.Token(token_id);
  if (!t) return TokenNotFound();
  const bool allowed = actor.console || actor.principal.Has(Role::kAuthorityAdmin) ||
                       (!actor.principal.user_id.empty() && actor.principal.user_id == t->user_id);
  if (!allowed) return TokenNotFound();
  if (t->revoked()) return Ok();
  const int64_t now = clock_.NowMicros();
  index_.RevokeToken(t->id, now);  // effective now, whatever the database says
  ApiToken after = *t;
  after.revoked_at = now;
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::RevokeToken(*s, t->id, now));
    return Record("token.revoked", actor, t->id, TokenState(*t), TokenState(after));
  }));
  Log().info("identity: token {} revoked by {}", t->id, actor.principal.id);
  return Ok();
}

Result<RevokedCredentials> IdentityService::RevokeOrganisationCredentials(const std::string& org_id) {
  std::lock_guard lock(write_mu_);
  if (!index_.Organisation(org_id)) {
    return MakeError(ErrorKind::kNotFound, "organisation.not_found", "No organisation '" + org_id + "'.",
                     "机构“" + org_id + "”不存在。");
  }
  const int64_t now = clock_.NowMicros();
  RevokedCredentials out;
  out.sessions = index_.RemoveSessionsOfOrganisation(org_id).size();
  out.tokens = index_.RevokeTokensOfOrganisation(org_id, now);
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(storage::InTransaction(*s, [&]() -> Status {
    GS_RETURN_IF_ERROR(IdentityStore::DeleteSessionsOfOrganisation(*s, org_id));
    GS_RETURN_IF_ERROR(IdentityStore::RevokeTokensOfOrganisation(*s, org_id, now));
    std::string after;
    JsonWriter w(after);
    w.BeginObject().Field("organisation_id", org_id).Field("sessions", static_cast<uint64_t>(out.sessions));
    w.Field("tokens", static_cast<uint64_t>(out.tokens)).Field("at", now).EndObject();
    return Record("organisation.credentials_revoked", Actor::Console(), org_id, "", after);
  }));
  Log().info("identity: credentials of organisation {} revoked ({} sessions, {} tokens)", org_id, out.sessions,
             out.tokens);
  return out;
}

}  // namespace gongshu::identity
