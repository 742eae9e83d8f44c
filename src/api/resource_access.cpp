#include "api/resource_access.h"

#include "identity/administration_rules.h"

namespace gongshu::api {

Status RequireSignedIn(const policy::Principal& p) {
  if (!p.IsAnonymous()) return Ok();
  return MakeError(ErrorKind::kUnauthenticated, "auth.required", "Sign in, or send an API token, to do this.",
                   "请先登录或使用API令牌。");
}

Result<const catalog::Resource*> ResourceForChange(const AppContext& ctx, const policy::Principal& p,
                                                   const catalog::CatalogSnapshot& snap, std::string_view id) {
  GS_RETURN_IF_ERROR(RequireSignedIn(p));
  const catalog::Resource* r = snap.Find(id);
  if (r == nullptr || !identity::InResourceScope(p, r->id) || !ctx.policy.CanDiscover(p, *r)) {
    return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + std::string(id) + "'.",
                     "数据资源“" + std::string(id) + "”不存在。");
  }
  if (!identity::CanAdministerResource(p, *r)) {
    return MakeError(ErrorKind::kForbidden, "catalog.forbidden",
                     "Only the provider department's data stewards and the data authority may change this resource.",
                     "只有提供部门的数据管理员或数据管理机构可以修改该数据资源。");
  }
  return r;
}

Status RequireProviderRights(const policy::Principal& p, std::string_view provider_id) {
  GS_RETURN_IF_ERROR(RequireSignedIn(p));
  if (identity::CanCreateResourceFor(p, provider_id)) return Ok();
  return MakeError(ErrorKind::kForbidden, "catalog.forbidden",
                   "You may only catalog resources of your own department (data stewards) or as the data authority.",
                   "只能编目本部门的数据资源（部门数据管理员），或由数据管理机构编目。");
}

}  // namespace gongshu::api
