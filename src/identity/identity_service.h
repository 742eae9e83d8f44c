#pragma once
// The identity service: organisations, users with roles, password sign-in with web sessions, API
// tokens, and authentication of each request against an in-memory index (no engine query on the
// request path). Changes are validated, authorized (administration_rules.h), written in one
// transaction, then applied to the index; revocations reach the index first, so they take effect
// at once even if the database write fails afterwards.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_change.h"
#include "core/clock.h"
#include "core/result.h"
#include "identity/actor.h"
#include "identity/api_token.h"
#include "identity/credential_index.h"
#include "identity/login_throttle.h"
#include "identity/organisation_record.h"
#include "identity/password_hasher.h"
#include "identity/user.h"
#include "policy/principal.h"
#include "storage/engine.h"

namespace gongshu::identity {

struct IdentityOptions {
  std::chrono::seconds session_idle{30 * 60};           // signed out after 30 minutes without a request
  std::chrono::seconds session_lifetime{12 * 60 * 60};  // and after 12 hours in any case
  int max_sessions_per_user = 20;                       // the oldest is signed out beyond this
  int max_token_days = 365;
  int max_tokens_per_user = 50;                         // live (unrevoked, unexpired) tokens
  std::chrono::seconds usage_flush_interval{60};
  size_t min_password_chars = 10;
  PasswordCost password_cost = PasswordCost::Interactive();
  ThrottlePolicy username_throttle{5, std::chrono::minutes(15), std::chrono::seconds(30), std::chrono::minutes(15)};
  ThrottlePolicy address_throttle{20, std::chrono::minutes(15), std::chrono::seconds(60), std::chrono::minutes(15)};
};

// Organisation create-or-update input, as strings: the service validates every field.
struct OrganisationInput {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string kind;         // authority | department | operator | enterprise | public
  std::string region;       // GB/T 2260 code or ""
  std::string admin_level;  // national | provincial | municipal | county | ""
  std::string parent_id;
  std::optional<std::string> status;  // active | disabled; absent: unchanged (active when new)
};

struct OrganisationChange {
  OrganisationRecord organisation;
  bool created = false;
};

struct NewUser {
  std::string username;
  std::string display_name;  // "" = the username
  std::string organisation_id;
  std::vector<std::string> roles;
  std::string password;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> status;  // active | disabled
};

struct LoginResult {
  std::string session_value;  // the gs_session cookie value; never stored
  int64_t expires_at = 0;     // absolute expiry (micros)
  User user;
};

struct NewToken {
  std::string name;
  std::optional<std::vector<std::string>> roles;  // absent: all the user's roles
  std::vector<std::string> resource_scope;        // empty: not narrowed
  int64_t expires_in_days = 0;                    // required, 1..max_token_days
};

struct CreatedToken {
  ApiToken token;
  std::string secret;  // "gst_…", shown once
};

struct RevokedCredentials {
  size_t sessions = 0;
  size_t tokens = 0;
};

class IdentityService {
 public:
  IdentityService(storage::Engine& engine, catalog::Catalog& catalog, const Clock& clock,
                  IdentityOptions options = {});
  ~IdentityService();  // stops the usage flusher and writes the last uses
  IdentityService(const IdentityService&) = delete;
  IdentityService& operator=(const IdentityService&) = delete;

  // Loads everything into the index (start-up; again after organisations were added elsewhere).
  Status Load();
  // Writes recorded last uses every usage_flush_interval on a background thread.
  void StartUsageFlusher();
  // Writes the last uses recorded since the previous flush and forgets expired sessions.
  Status FlushUsage();

  // ---- organisations ----
  std::vector<OrganisationRecord> ListOrganisations() const;
  std::optional<OrganisationRecord> FindOrganisation(std::string_view id) const;
  Result<OrganisationChange> UpsertOrganisation(const Actor& actor, const OrganisationInput& input);

  // ---- users ----
  Result<User> CreateUser(const Actor& actor, const NewUser& input);
  // The users the actor may see (itself, and those it manages), optionally of one organisation.
  Result<std::vector<User>> ListUsers(const Actor& actor, std::string_view organisation_id = {}) const;
  // 404 user.not_found for users the actor may not see (existence is not revealed).
  Result<User> GetUser(const Actor& actor, std::string_view id) const;
  Result<User> FindUserByUsername(const Actor& actor, std::string_view username) const;
  Result<User> UpdateUser(const Actor& actor, std::string_view id, const UserChanges& changes);
  // Self-service needs `current_password`; a manager resets without it. Signs the user out
  // everywhere except the session `keep_session_value` (the caller's own, when changing its own).
  Status ChangePassword(const Actor& actor, std::string_view id, const std::optional<std::string>& current_password,
                        const std::string& new_password, std::string_view keep_session_value = {});

  // ---- sign-in ----
  Result<LoginResult> Login(std::string_view username, std::string_view password, std::string_view client_address);
  Status Logout(std::string_view session_value);
  Result<policy::Principal> AuthenticateSession(std::string_view session_value, std::string_view client_address) const;
  Result<policy::Principal> AuthenticateToken(std::string_view token, std::string_view client_address) const;

  // ---- API tokens ----
  // Over HTTP only a signed-in user (session) makes tokens, for itself: a token cannot mint tokens.
  Result<CreatedToken> CreateToken(const Actor& actor, std::string_view user_id, const NewToken& input);
  // The actor's own tokens; authority_admin and the console may list anyone's (user_id filter).
  Result<std::vector<ApiToken>> ListTokens(const Actor& actor, std::string_view user_id = {}) const;
  Status RevokeToken(const Actor& actor, std::string_view token_id);

  // Revokes every session and token of every user of the organisation (an operator leaving its
  // authorization, 退出): effective immediately. The caller authorizes. Users can still sign in
  // again unless the organisation is also disabled (UpsertOrganisation with status "disabled",
  // which revokes as well).
  Result<RevokedCredentials> RevokeOrganisationCredentials(const std::string& org_id);

  // Records every administrative change (organisations, users, roles, passwords, tokens, revocations)
  // inside its transaction; a failure to record aborts the change (R-ADM-01). Set once at start-up.
  void SetChangeRecorder(catalog::ChangeRecorder recorder) { recorder_ = std::move(recorder); }

  const IdentityOptions& options() const { return options_; }
  const CredentialIndex& index() const { return index_; }

 private:
  Status ValidatePassword(std::string_view username, std::string_view password) const;
  Result<OrganisationRecord> ValidateOrganisation(const OrganisationInput& in, const OrganisationRecord* existing) const;
  std::shared_ptr<const OrganisationRecord> OrganisationOrReload(std::string_view id);
  // Drops the user's sessions (and tokens) from the index; the caller updates the database.
  void ForgetCredentials(const User& u, bool tokens_too);
  void FlushLoop(std::stop_token stop);
  // Hands a change to the recorder (no-op without one); `before`/`after` are canonical JSON, "" = absent.
  Status Record(std::string kind, const Actor& actor, const std::string& object_id, std::string before,
                std::string after) const;

  storage::Engine& engine_;
  catalog::Catalog& catalog_;
  const Clock& clock_;
  IdentityOptions options_;
  PasswordHasher hasher_;
  CredentialIndex index_;
  LoginThrottle username_throttle_;
  LoginThrottle address_throttle_;
  std::mutex write_mu_;  // serializes writers (validation + transaction + index update)
  catalog::ChangeRecorder recorder_;

  std::mutex flush_mu_;  // serializes FlushUsage; with flush_cv_ wakes the flusher to stop
  std::condition_variable_any flush_cv_;
  std::jthread flusher_;
};

}  // namespace gongshu::identity
