#pragma once
// Who may change catalog objects over HTTP (docs/security-model.md, "Identity"): an authority_admin,
// or a department_steward of the resource's provider organisation (identity/administration_rules.h).
// A resource the caller cannot even discover answers 404, exactly as a missing one, so that ids of
// other organisations' drafts are not revealed; a resource it can see but not change answers 403.
#include <string_view>

#include "api/app_context.h"
#include "catalog/catalog.h"
#include "core/result.h"
#include "policy/principal.h"

namespace gongshu::api {

// 401 auth.required for anonymous callers.
Status RequireSignedIn(const policy::Principal& p);
// The resource `id` if `p` may change it.
Result<const catalog::Resource*> ResourceForChange(const AppContext& ctx, const policy::Principal& p,
                                                   const catalog::CatalogSnapshot& snap, std::string_view id);
// 403 catalog.forbidden unless `p` may create (or move) a resource provided by `provider_id`.
Status RequireProviderRights(const policy::Principal& p, std::string_view provider_id);

}  // namespace gongshu::api
