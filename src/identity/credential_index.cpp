#include "identity/credential_index.h"

#include <algorithm>
#include <mutex>

namespace gongshu::identity {

namespace {

Error SessionInvalid() {
  return MakeError(ErrorKind::kUnauthenticated, "auth.session_invalid",
                   "Your session is invalid or has expired; please sign in again.", "会话无效或已过期，请重新登录。");
}

Error TokenInvalid() {
  return MakeError(ErrorKind::kUnauthenticated, "auth.invalid_token", "The API token is invalid, expired or revoked.",
                   "API令牌无效、已过期或已被吊销。");
}

policy::Principal MakePrincipal(const User& u, const OrganisationRecord& o, std::string_view address) {
  policy::Principal p;
  p.kind = policy::PrincipalKind::kUser;
  p.id = u.id;
  p.user_id = u.id;
  p.display_name = u.display_name;
  p.organisation_id = o.id;
  p.organisation_kind = o.kind;
  p.roles = u.roles;
  p.client_address = std::string(address);
  return p;
}

template <typename M, typename K>
auto FindOr(const M& m, const K& key) -> typename M::mapped_type {
  auto it = m.find(key);
  return it == m.end() ? typename M::mapped_type{} : it->second;
}

}  // namespace

void CredentialIndex::Reset(std::vector<OrganisationRecord> orgs, std::vector<User> users,
                            std::vector<WebSession> sessions, std::vector<ApiToken> tokens) {
  std::unique_lock lock(mu_);
  orgs_.clear();
  users_.clear();
  user_by_name_.clear();
  sessions_.clear();
  tokens_.clear();
  token_ids_.clear();
  for (auto& o : orgs) {
    std::string id = o.id;
    orgs_[id] = std::make_shared<const OrganisationRecord>(std::move(o));
  }
  for (auto& u : users) {
    user_by_name_[u.username] = u.id;
    std::string id = u.id;
    users_[id] = std::make_shared<const User>(std::move(u));
  }
  for (auto& s : sessions) {
    std::string h = s.id_hash;
    sessions_[h] = std::make_shared<SessionEntry>(std::move(s));
  }
  for (auto& t : tokens) {
    auto e = std::make_shared<TokenEntry>(std::move(t));
    tokens_[e->token.token_hash] = e;
    token_ids_[e->token.id] = e;
  }
}

const User* CredentialIndex::ActiveUser(std::string_view user_id, const OrganisationRecord** org) const {
  auto u = users_.find(user_id);
  if (u == users_.end() || !u->second->active()) return nullptr;
  auto o = orgs_.find(u->second->organisation_id);
  if (o == orgs_.end() || !o->second->active()) return nullptr;
  *org = o->second.get();
  return u->second.get();
}

Result<policy::Principal> CredentialIndex::ResolveSession(std::string_view id_hash, int64_t now, int64_t idle_micros,
                                                          std::string_view client_address) const {
  std::shared_lock lock(mu_);
  auto it = sessions_.find(id_hash);
  if (it == sessions_.end()) return SessionInvalid();
  const SessionEntry& e = *it->second;
  if (now >= e.session.expires_at || now - e.last_seen.load(std::memory_order_relaxed) >= idle_micros) {
    return SessionInvalid();
  }
  const OrganisationRecord* org = nullptr;
  const User* user = ActiveUser(e.session.user_id, &org);
  if (user == nullptr) return SessionInvalid();
  e.last_seen.store(now, std::memory_order_relaxed);
  return MakePrincipal(*user, *org, client_address);
}

Result<policy::Principal> CredentialIndex::ResolveToken(std::string_view token_hash, int64_t now,
                                                        std::string_view client_address) const {
  std::shared_lock lock(mu_);
  auto it = tokens_.find(token_hash);
  if (it == tokens_.end()) return TokenInvalid();
  const TokenEntry& e = *it->second;
  if (e.token.revoked() || now >= e.token.expires_at) return TokenInvalid();
  const OrganisationRecord* org = nullptr;
  const User* user = ActiveUser(e.token.user_id, &org);
  if (user == nullptr || user->organisation_id != e.token.organisation_id) return TokenInvalid();
  policy::Principal p = MakePrincipal(*user, *org, client_address);
  p.kind = policy::PrincipalKind::kApiToken;
  p.id = e.token.id;
  // A role taken from the user since the token was made is gone from the token too.
  p.roles.clear();
  for (policy::Role r : e.token.roles) {
    if (user->roles.end() != std::find(user->roles.begin(), user->roles.end(), r)) p.roles.push_back(r);
  }
  p.resource_scope = e.token.resource_scope;
  e.last_used.store(now, std::memory_order_relaxed);
  return p;
}

std::shared_ptr<const OrganisationRecord> CredentialIndex::Organisation(std::string_view id) const {
  std::shared_lock lock(mu_);
  return FindOr(orgs_, id);
}

std::vector<std::shared_ptr<const OrganisationRecord>> CredentialIndex::Organisations() const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<const OrganisationRecord>> out;
  out.reserve(orgs_.size());
  for (const auto& [id, o] : orgs_) out.push_back(o);
  return out;
}

std::shared_ptr<const User> CredentialIndex::UserById(std::string_view id) const {
  std::shared_lock lock(mu_);
  return FindOr(users_, id);
}

std::shared_ptr<const User> CredentialIndex::UserByName(std::string_view username) const {
  std::shared_lock lock(mu_);
  auto it = user_by_name_.find(username);
  return it == user_by_name_.end() ? nullptr : FindOr(users_, it->second);
}

std::vector<std::shared_ptr<const User>> CredentialIndex::Users() const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<const User>> out;
  out.reserve(users_.size());
  for (const auto& [id, u] : users_) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->username < b->username; });
  return out;
}

std::optional<ApiToken> CredentialIndex::Token(std::string_view id) const {
  std::shared_lock lock(mu_);
  auto it = token_ids_.find(id);
  if (it == token_ids_.end()) return std::nullopt;
  ApiToken t = it->second->token;
  t.last_used_at = it->second->last_used.load(std::memory_order_relaxed);
  return t;
}

std::vector<ApiToken> CredentialIndex::Tokens() const {
  std::shared_lock lock(mu_);
  std::vector<ApiToken> out;
  out.reserve(token_ids_.size());
  for (const auto& [id, e] : token_ids_) {
    out.push_back(e->token);
    out.back().last_used_at = e->last_used.load(std::memory_order_relaxed);
  }
  std::sort(out.begin(), out.end(), [](const ApiToken& a, const ApiToken& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
  });
  return out;
}

std::vector<WebSession> CredentialIndex::SessionsOfUser(std::string_view user_id) const {
  std::shared_lock lock(mu_);
  std::vector<WebSession> out;
  for (const auto& [h, e] : sessions_) {
    if (e->session.user_id == user_id) {
      out.push_back(e->session);
      out.back().last_seen_at = e->last_seen.load(std::memory_order_relaxed);
    }
  }
  return out;
}

size_t CredentialIndex::SessionCount() const {
  std::shared_lock lock(mu_);
  return sessions_.size();
}

void CredentialIndex::PutOrganisation(OrganisationRecord o) {
  std::unique_lock lock(mu_);
  std::string id = o.id;
  orgs_[id] = std::make_shared<const OrganisationRecord>(std::move(o));
}

void CredentialIndex::PutUser(User u) {
  std::unique_lock lock(mu_);
  user_by_name_[u.username] = u.id;
  std::string id = u.id;
  users_[id] = std::make_shared<const User>(std::move(u));
}

void CredentialIndex::PutSession(WebSession s) {
  std::unique_lock lock(mu_);
  std::string h = s.id_hash;
  sessions_[h] = std::make_shared<SessionEntry>(std::move(s));
}

void CredentialIndex::PutToken(ApiToken t) {
  std::unique_lock lock(mu_);
  auto e = std::make_shared<TokenEntry>(std::move(t));
  tokens_[e->token.token_hash] = e;
  token_ids_[e->token.id] = e;
}

bool CredentialIndex::RemoveSession(std::string_view id_hash) {
  std::unique_lock lock(mu_);
  auto it = sessions_.find(id_hash);
  if (it == sessions_.end()) return false;
  sessions_.erase(it);
  return true;
}

std::vector<std::string> CredentialIndex::RemoveSessionsOfUser(std::string_view user_id, std::string_view keep_hash) {
  std::unique_lock lock(mu_);
  std::vector<std::string> removed;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second->session.user_id == user_id && it->first != keep_hash) {
      removed.push_back(it->first);
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return removed;
}

std::vector<std::string> CredentialIndex::RemoveSessionsOfOrganisation(std::string_view org_id) {
  std::unique_lock lock(mu_);
  std::vector<std::string> removed;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    auto u = users_.find(it->second->session.user_id);
    if (u == users_.end() || u->second->organisation_id == org_id) {
      removed.push_back(it->first);
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return removed;
}

void CredentialIndex::ReplaceToken(const std::shared_ptr<TokenEntry>& old, int64_t revoked_at) {
  ApiToken t = old->token;
  t.revoked_at = revoked_at;
  t.last_used_at = old->last_used.load(std::memory_order_relaxed);
  auto e = std::make_shared<TokenEntry>(std::move(t));
  e->flushed.store(old->flushed.load());
  tokens_[e->token.token_hash] = e;
  token_ids_[e->token.id] = e;
}

bool CredentialIndex::RevokeToken(std::string_view id, int64_t at) {
  std::unique_lock lock(mu_);
  auto it = token_ids_.find(id);
  if (it == token_ids_.end() || it->second->token.revoked()) return false;
  ReplaceToken(std::shared_ptr<TokenEntry>(it->second), at);
  return true;
}

size_t CredentialIndex::RevokeTokensOfUser(std::string_view user_id, int64_t at) {
  std::unique_lock lock(mu_);
  std::vector<std::shared_ptr<TokenEntry>> live;
  for (const auto& [id, e] : token_ids_) {
    if (e->token.user_id == user_id && !e->token.revoked()) live.push_back(e);
  }
  for (const auto& e : live) ReplaceToken(e, at);
  return live.size();
}

size_t CredentialIndex::RevokeTokensOfOrganisation(std::string_view org_id, int64_t at) {
  std::unique_lock lock(mu_);
  std::vector<std::shared_ptr<TokenEntry>> live;
  for (const auto& [id, e] : token_ids_) {
    if (e->token.organisation_id == org_id && !e->token.revoked()) live.push_back(e);
  }
  for (const auto& e : live) ReplaceToken(e, at);
  return live.size();
}

CredentialIndex::Usage CredentialIndex::TakeUsage() {
  std::shared_lock lock(mu_);
  Usage u;
  for (const auto& [h, e] : sessions_) {
    int64_t seen = e->last_seen.load(std::memory_order_relaxed);
    if (seen != e->flushed.exchange(seen)) u.sessions.emplace_back(h, seen);
  }
  for (const auto& [id, e] : token_ids_) {
    int64_t used = e->last_used.load(std::memory_order_relaxed);
    if (used != e->flushed.exchange(used)) u.tokens.emplace_back(id, used);
  }
  return u;
}

std::vector<std::string> CredentialIndex::RemoveExpiredSessions(int64_t now, int64_t idle_micros) {
  std::unique_lock lock(mu_);
  std::vector<std::string> removed;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    const SessionEntry& e = *it->second;
    if (now >= e.session.expires_at || now - e.last_seen.load(std::memory_order_relaxed) >= idle_micros) {
      removed.push_back(it->first);
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
  return removed;
}

}  // namespace gongshu::identity
