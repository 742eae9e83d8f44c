#pragma once
// Who makes an administrative change over HTTP, for the audit log (catalog/catalog_change.h).
#include "api/http_types.h"
#include "catalog/catalog_change.h"
#include "policy/principal.h"

namespace gongshu::api {

// The person acting (the user behind a session or token), its organisation, and the request.
inline catalog::ChangeActor ChangeActorOf(const policy::Principal& p, const HttpRequest& req) {
  return catalog::ChangeActor{p.user_id.empty() ? p.id : p.user_id, p.organisation_id, req.request_id};
}

}  // namespace gongshu::api
