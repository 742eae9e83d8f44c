#pragma once
// Who may administer what (docs/security-model.md, "Identity"). Pure functions of the principal
// and the object, so that routes, services and tests share one statement of each rule.
//
//  - Organisations: created and changed by authority_admin.
//  - Users: authority_admin manages every user; department_steward manages the users of its own
//    department, operator_admin those of its own operator. Nobody changes their own roles or
//    status (separation of duties); everyone may read themselves and change their own display
//    name and password.
//  - Catalog writes (resources, versions): authority_admin, or department_steward of the
//    resource's provider organisation. An API token narrowed to resources acts only on those.
#include <string_view>

#include "catalog/resource.h"
#include "identity/actor.h"
#include "identity/organisation_record.h"
#include "identity/user.h"

namespace gongshu::identity {

bool ManagesOrganisations(const Actor& a);
// May `a` manage the users of organisation `org` (list, create, change, reset passwords)?
bool ManagesUsersOf(const Actor& a, const OrganisationRecord& org);
// May `a` see user `u` (itself, or a user it manages)?
bool CanSeeUser(const Actor& a, const User& u, const OrganisationRecord& org);

// Is `resource_id` inside the token's resource scope (always true for sessions and unscoped tokens)?
bool InResourceScope(const policy::Principal& p, std::string_view resource_id);
// May `p` create a resource whose provider is `provider_id`?
bool CanCreateResourceFor(const policy::Principal& p, std::string_view provider_id);
// May `p` change resource `r` (metadata, status, new versions)?
bool CanAdministerResource(const policy::Principal& p, const catalog::Resource& r);

}  // namespace gongshu::identity
