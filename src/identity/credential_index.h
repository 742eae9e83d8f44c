#pragma once
// The in-memory index the request path authenticates against: organisations, users, live web
// sessions and API tokens. Reads take a shared lock and never touch the engine; writers update it
// right after the database accepted a change, and revocations update it first (fail closed).
//
// Last use of sessions and tokens is recorded here only (an atomic store per request) and written
// to the database in batches by TakeUsage(), so that authenticating costs no database write.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "identity/api_token.h"
#include "identity/organisation_record.h"
#include "identity/user.h"
#include "identity/web_session.h"
#include "policy/principal.h"

namespace gongshu::identity {

class CredentialIndex {
 public:
  struct Usage {
    std::vector<std::pair<std::string, int64_t>> sessions;  // id_hash, last seen
    std::vector<std::pair<std::string, int64_t>> tokens;    // token id, last used
  };

  void Reset(std::vector<OrganisationRecord> orgs, std::vector<User> users, std::vector<WebSession> sessions,
             std::vector<ApiToken> tokens);

  // ---- request path ----
  // The principal of a live session (not expired absolutely nor idle for `idle_micros`, its user
  // and organisation active). Records the use.
  Result<policy::Principal> ResolveSession(std::string_view id_hash, int64_t now, int64_t idle_micros,
                                           std::string_view client_address) const;
  // The principal of a live token: roles are the token's roles the user still holds.
  Result<policy::Principal> ResolveToken(std::string_view token_hash, int64_t now,
                                         std::string_view client_address) const;

  // ---- reads ----
  std::shared_ptr<const OrganisationRecord> Organisation(std::string_view id) const;
  std::vector<std::shared_ptr<const OrganisationRecord>> Organisations() const;
  std::shared_ptr<const User> UserById(std::string_view id) const;
  std::shared_ptr<const User> UserByName(std::string_view username) const;
  std::vector<std::shared_ptr<const User>> Users() const;
  std::optional<ApiToken> Token(std::string_view id) const;  // with its last use
  std::vector<ApiToken> Tokens() const;                      // oldest first, with last use
  std::vector<WebSession> SessionsOfUser(std::string_view user_id) const;
  size_t SessionCount() const;

  // ---- writes ----
  void PutOrganisation(OrganisationRecord o);
  void PutUser(User u);
  void PutSession(WebSession s);
  void PutToken(ApiToken t);
  bool RemoveSession(std::string_view id_hash);
  // Removes the sessions of a user (except `keep_hash`), or of every user of an organisation;
  // returns the removed id hashes.
  std::vector<std::string> RemoveSessionsOfUser(std::string_view user_id, std::string_view keep_hash = {});
  std::vector<std::string> RemoveSessionsOfOrganisation(std::string_view org_id);
  // Marks tokens revoked at `at`; returns how many were live.
  bool RevokeToken(std::string_view id, int64_t at);
  size_t RevokeTokensOfUser(std::string_view user_id, int64_t at);
  size_t RevokeTokensOfOrganisation(std::string_view org_id, int64_t at);

  // ---- maintenance ----
  // Last uses recorded since the previous call.
  Usage TakeUsage();
  // Drops sessions past their absolute or idle expiry; returns their id hashes.
  std::vector<std::string> RemoveExpiredSessions(int64_t now, int64_t idle_micros);

 private:
  struct SessionEntry {
    explicit SessionEntry(WebSession s) : session(std::move(s)), last_seen(session.last_seen_at), flushed(session.last_seen_at) {}
    WebSession session;
    mutable std::atomic<int64_t> last_seen;
    std::atomic<int64_t> flushed;
  };
  struct TokenEntry {
    explicit TokenEntry(ApiToken t) : token(std::move(t)), last_used(token.last_used_at), flushed(token.last_used_at) {}
    ApiToken token;
    mutable std::atomic<int64_t> last_used;
    std::atomic<int64_t> flushed;
  };
  template <typename K, typename V>
  using Map = std::map<K, V, std::less<>>;

  // Requires mu_ held. nullptr unless both the user and its organisation are active.
  const User* ActiveUser(std::string_view user_id, const OrganisationRecord** org) const;
  void ReplaceToken(const std::shared_ptr<TokenEntry>& old, int64_t revoked_at);

  mutable std::shared_mutex mu_;  // guards everything below
  Map<std::string, std::shared_ptr<const OrganisationRecord>> orgs_;
  Map<std::string, std::shared_ptr<const User>> users_;
  Map<std::string, std::string> user_by_name_;
  Map<std::string, std::shared_ptr<SessionEntry>> sessions_;  // by id hash
  Map<std::string, std::shared_ptr<TokenEntry>> tokens_;      // by token hash
  Map<std::string, std::shared_ptr<TokenEntry>> token_ids_;   // by token id
};

}  // namespace gongshu::identity
