#include "identity/identity_store.h"

#include "core/log.h"
#include "core/strings.h"

namespace gongshu::identity {

using storage::Value;

namespace {

const std::string& Text(const storage::Row& row, size_t i) {
  static const std::string kEmpty;
  return row[i].is_text() ? row[i].as_text() : kEmpty;
}

int64_t Micros(const Value& v) { return v.is_timestamp() ? v.as_timestamp() : 0; }

Value TimeOrNull(int64_t micros) { return micros == 0 ? Value::Null() : Value::Timestamp(micros); }

std::vector<std::string> ListFromColumn(const std::string& column) {
  std::vector<std::string> out;
  for (std::string_view part : Split(column, ',')) {
    if (!Trim(part).empty()) out.emplace_back(Trim(part));
  }
  return out;
}

}  // namespace

Result<std::vector<OrganisationRecord>> IdentityStore::LoadOrganisations(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT id, name_zh, name_en, kind, region, parent_id, coalesce(admin_level, ''), "
                              "coalesce(status, 'active') FROM organisations ORDER BY id"));
  std::vector<OrganisationRecord> out;
  for (const auto& r : rows.rows) {
    OrganisationRecord o;
    o.id = Text(r, 0);
    o.name_zh = Text(r, 1);
    o.name_en = Text(r, 2);
    auto kind = policy::ParseOrganisationKind(Text(r, 3));
    if (!kind) {
      // Fail closed: an organisation of unknown kind has no users that can sign in.
      Log().warn("organisation '{}' has unknown kind '{}'; its users cannot sign in", o.id, Text(r, 3));
      continue;
    }
    o.kind = *kind;
    o.region = Text(r, 4);
    o.parent_id = Text(r, 5);
    o.admin_level = ParseAdminLevel(Text(r, 6)).value_or(AdminLevel::kUnspecified);
    o.status = Text(r, 7) == "active" ? OrganisationStatus::kActive : OrganisationStatus::kDisabled;
    out.push_back(std::move(o));
  }
  return out;
}

namespace {

storage::Params OrganisationParams(const OrganisationRecord& o) {
  return {Value::Text(o.id),
          Value::Text(o.name_zh),
          Value::Text(o.name_en),
          Value::Text(std::string(policy::OrganisationKindCode(o.kind))),
          Value::Text(o.region),
          Value::Text(o.parent_id),
          Value::Text(std::string(AdminLevelCode(o.admin_level))),
          Value::Text(o.active() ? "active" : "disabled")};
}

}  // namespace

Status IdentityStore::InsertOrganisation(storage::Session& s, const OrganisationRecord& o) {
  return s.Execute(
      "INSERT INTO organisations (id, name_zh, name_en, kind, region, parent_id, admin_level, status) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      OrganisationParams(o));
}

Status IdentityStore::UpdateOrganisation(storage::Session& s, const OrganisationRecord& o) {
  return s.Execute(
      "UPDATE organisations SET name_zh = $2, name_en = $3, kind = $4, region = $5, parent_id = $6, "
      "admin_level = $7, status = $8 WHERE id = $1",
      OrganisationParams(o));
}

Result<std::vector<User>> IdentityStore::LoadUsers(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT id, username, display_name, organisation_id, roles, status, password_hash, "
                              "created_at, updated_at, password_changed_at, last_login_at FROM users ORDER BY id"));
  std::vector<User> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    User u;
    u.id = Text(r, 0);
    u.username = Text(r, 1);
    u.display_name = Text(r, 2);
    u.organisation_id = Text(r, 3);
    u.roles = RolesFromColumn(Text(r, 4));
    u.status = Text(r, 5) == "active" ? UserStatus::kActive : UserStatus::kDisabled;
    u.password_hash = Text(r, 6);
    u.created_at = Micros(r[7]);
    u.updated_at = Micros(r[8]);
    u.password_changed_at = Micros(r[9]);
    u.last_login_at = Micros(r[10]);
    out.push_back(std::move(u));
  }
  return out;
}

Status IdentityStore::InsertUser(storage::Session& s, const User& u) {
  return s.Execute(
      "INSERT INTO users (id, username, display_name, organisation_id, roles, status, password_hash, created_at, "
      "updated_at, password_changed_at, last_login_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {Value::Text(u.id), Value::Text(u.username), Value::Text(u.display_name), Value::Text(u.organisation_id),
       Value::Text(JoinRoles(u.roles)), Value::Text(u.active() ? "active" : "disabled"),
       Value::Text(u.password_hash), Value::Timestamp(u.created_at), Value::Timestamp(u.updated_at),
       Value::Timestamp(u.password_changed_at), TimeOrNull(u.last_login_at)});
}

Status IdentityStore::UpdateUser(storage::Session& s, const User& u) {
  return s.Execute(
      "UPDATE users SET display_name = $2, roles = $3, status = $4, password_hash = $5, updated_at = $6, "
      "password_changed_at = $7, last_login_at = $8 WHERE id = $1",
      {Value::Text(u.id), Value::Text(u.display_name), Value::Text(JoinRoles(u.roles)),
       Value::Text(u.active() ? "active" : "disabled"), Value::Text(u.password_hash), Value::Timestamp(u.updated_at),
       Value::Timestamp(u.password_changed_at), TimeOrNull(u.last_login_at)});
}

Result<std::vector<WebSession>> IdentityStore::LoadSessions(storage::Session& s, int64_t now) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT id_hash, user_id, created_at, last_seen_at, expires_at, client_address "
                              "FROM user_sessions WHERE expires_at > $1",
                              {Value::Timestamp(now)}));
  std::vector<WebSession> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    out.push_back(WebSession{Text(r, 0), Text(r, 1), Micros(r[2]), Micros(r[3]), Micros(r[4]), Text(r, 5)});
  }
  return out;
}

Status IdentityStore::InsertSession(storage::Session& s, const WebSession& w) {
  return s.Execute(
      "INSERT INTO user_sessions (id_hash, user_id, created_at, last_seen_at, expires_at, client_address) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {Value::Text(w.id_hash), Value::Text(w.user_id), Value::Timestamp(w.created_at),
       Value::Timestamp(w.last_seen_at), Value::Timestamp(w.expires_at), Value::Text(w.client_address)});
}

Status IdentityStore::DeleteSession(storage::Session& s, const std::string& id_hash) {
  return s.Execute("DELETE FROM user_sessions WHERE id_hash = $1", {Value::Text(id_hash)});
}

Status IdentityStore::DeleteSessionsOfUser(storage::Session& s, const std::string& user_id) {
  return s.Execute("DELETE FROM user_sessions WHERE user_id = $1", {Value::Text(user_id)});
}

Status IdentityStore::DeleteSessionsOfOrganisation(storage::Session& s, const std::string& org_id) {
  return s.Execute("DELETE FROM user_sessions WHERE user_id IN (SELECT id FROM users WHERE organisation_id = $1)",
                   {Value::Text(org_id)});
}

Status IdentityStore::TouchSession(storage::Session& s, const std::string& id_hash, int64_t last_seen) {
  return s.Execute("UPDATE user_sessions SET last_seen_at = $2 WHERE id_hash = $1",
                   {Value::Text(id_hash), Value::Timestamp(last_seen)});
}

Result<std::vector<ApiToken>> IdentityStore::LoadTokens(storage::Session& s) {
  GS_ASSIGN_OR_RETURN(storage::Table rows,
                      s.Query("SELECT id, token_hash, user_id, organisation_id, name, prefix, roles, resource_scope, "
                              "created_at, expires_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at"));
  std::vector<ApiToken> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    ApiToken t;
    t.id = Text(r, 0);
    t.token_hash = Text(r, 1);
    t.user_id = Text(r, 2);
    t.organisation_id = Text(r, 3);
    t.name = Text(r, 4);
    t.prefix = Text(r, 5);
    t.roles = RolesFromColumn(Text(r, 6));
    t.resource_scope = ListFromColumn(Text(r, 7));
    t.created_at = Micros(r[8]);
    t.expires_at = Micros(r[9]);
    t.last_used_at = Micros(r[10]);
    t.revoked_at = Micros(r[11]);
    out.push_back(std::move(t));
  }
  return out;
}

Status IdentityStore::InsertToken(storage::Session& s, const ApiToken& t) {
  return s.Execute(
      "INSERT INTO api_tokens (id, token_hash, user_id, organisation_id, name, prefix, roles, resource_scope, "
      "created_at, expires_at, last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {Value::Text(t.id), Value::Text(t.token_hash), Value::Text(t.user_id), Value::Text(t.organisation_id),
       Value::Text(t.name), Value::Text(t.prefix), Value::Text(JoinRoles(t.roles)),
       Value::Text(Join(t.resource_scope, ",")), Value::Timestamp(t.created_at), Value::Timestamp(t.expires_at),
       TimeOrNull(t.last_used_at), TimeOrNull(t.revoked_at)});
}

Status IdentityStore::RevokeToken(storage::Session& s, const std::string& id, int64_t at) {
  return s.Execute("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                   {Value::Text(id), Value::Timestamp(at)});
}

Status IdentityStore::RevokeTokensOfUser(storage::Session& s, const std::string& user_id, int64_t at) {
  return s.Execute("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                   {Value::Text(user_id), Value::Timestamp(at)});
}

Status IdentityStore::RevokeTokensOfOrganisation(storage::Session& s, const std::string& org_id, int64_t at) {
  return s.Execute("UPDATE api_tokens SET revoked_at = $2 WHERE organisation_id = $1 AND revoked_at IS NULL",
                   {Value::Text(org_id), Value::Timestamp(at)});
}

Status IdentityStore::TouchToken(storage::Session& s, const std::string& id, int64_t last_used) {
  return s.Execute("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", {Value::Text(id), Value::Timestamp(last_used)});
}

}  // namespace gongshu::identity
