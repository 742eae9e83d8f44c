#pragma once
// Persistence of identity: organisations' identity columns, users, web sessions and API tokens.
// Static functions over a Session, so that callers compose them inside one transaction. Every
// value is a bound parameter.
#include <string>
#include <vector>

#include "core/result.h"
#include "identity/api_token.h"
#include "identity/organisation_record.h"
#include "identity/user.h"
#include "identity/web_session.h"
#include "storage/engine.h"

namespace gongshu::identity {

class IdentityStore {
 public:
  static Result<std::vector<OrganisationRecord>> LoadOrganisations(storage::Session& s);
  static Status InsertOrganisation(storage::Session& s, const OrganisationRecord& o);
  static Status UpdateOrganisation(storage::Session& s, const OrganisationRecord& o);

  static Result<std::vector<User>> LoadUsers(storage::Session& s);
  static Status InsertUser(storage::Session& s, const User& u);
  // Display name, roles, status, password hash and the timestamps.
  static Status UpdateUser(storage::Session& s, const User& u);

  // Sessions whose absolute expiry is after `now` (idle expiry is checked by the caller).
  static Result<std::vector<WebSession>> LoadSessions(storage::Session& s, int64_t now);
  static Status InsertSession(storage::Session& s, const WebSession& w);
  static Status DeleteSession(storage::Session& s, const std::string& id_hash);
  static Status DeleteSessionsOfUser(storage::Session& s, const std::string& user_id);
  static Status DeleteSessionsOfOrganisation(storage::Session& s, const std::string& org_id);
  static Status TouchSession(storage::Session& s, const std::string& id_hash, int64_t last_seen);

  static Result<std::vector<ApiToken>> LoadTokens(storage::Session& s);
  static Status InsertToken(storage::Session& s, const ApiToken& t);
  static Status RevokeToken(storage::Session& s, const std::string& id, int64_t at);
  static Status RevokeTokensOfUser(storage::Session& s, const std::string& user_id, int64_t at);
  static Status RevokeTokensOfOrganisation(storage::Session& s, const std::string& org_id, int64_t at);
  static Status TouchToken(storage::Session& s, const std::string& id, int64_t last_used);
};

}  // namespace gongshu::identity
