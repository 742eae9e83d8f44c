#include <map>
#include <set>

#include "api/change_actor.h"
#include "api/error_response.h"
#include "api/request_params.h"
#include "api/resource_access.h"
#include "api/resource_json.h"
#include "api/routes.h"
#include "catalog/catalog_store.h"
#include "catalog/vocabulary.h"

namespace gongshu::api {

namespace {

using catalog::Facet;

constexpr int64_t kMaxSearchLimit = 100;     // published cap
constexpr int64_t kMaxSearchOffset = 10000;

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + std::string(id) + "'.",
                   "数据资源“" + std::string(id) + "”不存在。");
}

// Human labels of facet values in both languages.
std::pair<std::string, std::string> FacetLabel(Facet f, const std::string& value, const catalog::CatalogSnapshot& snap) {
  switch (f) {
    case Facet::kProvider: {
      const auto* o = snap.FindOrganisation(value);
      return o ? std::make_pair(o->name_zh, o->name_en) : std::make_pair(value, value);
    }
    case Facet::kSubject: {
      const auto* t = catalog::FindTerm(catalog::Subjects(), value);
      return t ? std::make_pair(std::string(t->zh), std::string(t->en)) : std::make_pair(value, value);
    }
    case Facet::kUpdateCycle: {
      const auto* t = catalog::FindTerm(catalog::UpdateCycles(), value);
      return t ? std::make_pair(std::string(t->zh), std::string(t->en)) : std::make_pair(value, value);
    }
    case Facet::kOpen: {
      auto a = catalog::ParseOpen(value);
      return a ? std::make_pair(std::string(catalog::OpenNameZh(*a)), std::string(catalog::OpenNameEn(*a)))
               : std::make_pair(value, value);
    }
    case Facet::kLevel: {
      auto l = catalog::ParseLevel(value);
      return l ? std::make_pair(std::string(catalog::LevelNameZh(*l)), std::string(catalog::LevelNameEn(*l)))
               : std::make_pair(value, value);
    }
    case Facet::kFormat: {
      std::string upper = value;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return {upper, upper};
    }
  }
  return {value, value};
}

Result<HttpResponse> SearchResources(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"q", "provider", "subject", "format", "open", "level", "update_cycle", "sort",
                                      "limit", "offset", "facets"}));
  catalog::SearchQuery query;
  if (auto q = req.Query("q")) {
    if (q->size() > 200) {
      return BadRequest("search.query_too_long", "The search text is limited to 200 bytes.", "搜索词不能超过200字节。");
    }
    query.q = std::string(*q);
  }
  for (Facet f : catalog::kAllFacets) {
    auto values = req.QueryList(catalog::FacetName(f));
    if (values.size() > 50) {
      return BadRequest("search.too_many_values", "At most 50 values per filter.", "每个筛选条件最多50个取值。");
    }
    if (!values.empty()) query.filters[f] = std::move(values);
  }
  auto sort = catalog::ParseSearchSort(req.Query("sort").value_or(""));
  if (!sort) {
    return BadRequest("search.bad_sort", "Unknown sort; use relevance, title, newest, oldest or rows.",
                      "未知的排序方式，可选 relevance、title、newest、oldest、rows。");
  }
  query.sort = *sort;
  GS_ASSIGN_OR_RETURN(auto limit, IntParam(req, "limit", 0, kMaxSearchLimit));
  GS_ASSIGN_OR_RETURN(auto offset, IntParam(req, "offset", 0, kMaxSearchOffset));
  GS_ASSIGN_OR_RETURN(bool with_facets, BoolParam(req, "facets", true));
  query.limit = static_cast<size_t>(limit.value_or(20));
  query.offset = static_cast<size_t>(offset.value_or(0));
  query.visible = [&](const catalog::Resource& r) { return ctx.policy.CanDiscover(principal, r); };

  auto snap = ctx.catalog.Snapshot();
  catalog::SearchResult result = snap->index().Search(snap->resources(), query);
  std::string body;
  body.reserve(4096 + result.hits.size() * 1024);
  JsonWriter w(body);
  w.BeginObject().Field("total_count", static_cast<uint64_t>(result.total));
  w.Field("limit", static_cast<uint64_t>(query.limit)).Field("offset", static_cast<uint64_t>(query.offset));
  w.Key("results").BeginArray();
  for (const auto& hit : result.hits) WriteResourceSummary(w, *hit.resource, *snap);
  w.EndArray();
  if (with_facets) {
    w.Key("facets").BeginObject();
    for (Facet f : catalog::kAllFacets) {
      w.Key(catalog::FacetName(f)).BeginArray();
      for (const auto& b : result.facets[f]) {
        auto [zh, en] = FacetLabel(f, b.value, *snap);
        w.BeginObject().Field("value", b.value).Field("label_zh", zh).Field("label_en", en);
        w.Field("count", static_cast<uint64_t>(b.count)).EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndObject();
  auto r = HttpResponse::Json(std::move(body));
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> GetResource(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  auto snap = ctx.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(req.PathParam("id"));
  if (r == nullptr || !ctx.policy.CanDiscover(principal, *r)) return NotFound(req.PathParam("id"));
  policy::Decision d = ctx.policy.Decide(principal, *r, policy::Channel::kOpen, policy::Action::kRead, "");
  std::string body;
  JsonWriter w(body);
  WriteResourceDetail(w, *r, *snap, [&](const catalog::Field& f) {
    if (!d.allow) return false;
    for (const auto& o : d.fields) {
      if (o.name == f.name) return true;
    }
    return false;
  });
  auto resp = HttpResponse::Json(std::move(body));
  resp.headers.Set("access-control-allow-origin", "*");
  return resp;
}

Result<HttpResponse> ListVersions(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  auto snap = ctx.catalog.Snapshot();
  const catalog::Resource* r = snap->Find(req.PathParam("id"));
  if (r == nullptr || !ctx.policy.CanDiscover(principal, *r)) return NotFound(req.PathParam("id"));
  GS_ASSIGN_OR_RETURN(storage::SessionLease s, ctx.engine.Acquire());
  GS_ASSIGN_OR_RETURN(auto versions, catalog::CatalogStore::ListVersions(*s, r->id));
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("resource_id", r->id).Key("results").BeginArray();
  for (const auto& v : versions) WriteVersion(w, v);
  w.EndArray().EndObject();
  return HttpResponse::Json(std::move(body));
}

Result<HttpResponse> WriteDetail(AppContext& ctx, const catalog::Resource& r, int status) {
  auto snap = ctx.catalog.Snapshot();
  std::string body;
  JsonWriter w(body);
  WriteResourceDetail(w, r, *snap, [](const catalog::Field&) { return true; });
  return HttpResponse::Json(std::move(body), status);
}

Result<HttpResponse> CreateResource(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(RequireSignedIn(principal));
  GS_ASSIGN_OR_RETURN(catalog::Resource draft, ParseResourceJson(req.body));
  GS_RETURN_IF_ERROR(RequireProviderRights(principal, draft.provider_id));
  GS_ASSIGN_OR_RETURN(catalog::Resource created, ctx.catalog.Create(std::move(draft), ChangeActorOf(principal, req)));
  return WriteDetail(ctx, created, 201);
}

Result<HttpResponse> UpdateResource(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  auto snap = ctx.catalog.Snapshot();  // keeps `existing` alive
  GS_ASSIGN_OR_RETURN(const catalog::Resource* existing, ResourceForChange(ctx, principal, *snap, req.PathParam("id")));
  GS_ASSIGN_OR_RETURN(catalog::Resource changes, ParseResourceJson(req.body));
  if (!changes.id.empty() && changes.id != req.PathParam("id")) {
    return BadRequest("resource.id_mismatch", "The body's id differs from the URL's; ids cannot change.",
                      "请求体中的标识与地址中的不一致；资源标识不可修改。");
  }
  // Handing a resource to another provider needs rights over that provider too.
  if (changes.provider_id != existing->provider_id) GS_RETURN_IF_ERROR(RequireProviderRights(principal, changes.provider_id));
  GS_ASSIGN_OR_RETURN(catalog::Resource updated, ctx.catalog.Update(std::string(req.PathParam("id")), std::move(changes), ChangeActorOf(principal, req)));
  return WriteDetail(ctx, updated, 200);
}

Result<HttpResponse> ChangeStatus(AppContext& ctx, HttpRequest& req, bool publish) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  std::string id(req.PathParam("id"));
  GS_RETURN_IF_ERROR(ResourceForChange(ctx, principal, *ctx.catalog.Snapshot(), id));
  GS_ASSIGN_OR_RETURN(catalog::Resource r, publish ? ctx.catalog.Publish(id, ChangeActorOf(principal, req))
                                                         : ctx.catalog.Withdraw(id, ChangeActorOf(principal, req)));
  return WriteDetail(ctx, r, 200);
}

Result<HttpResponse> Vocabularies(AppContext&, HttpRequest&) {
  std::string body;
  JsonWriter w(body);
  auto terms = [&](std::string_view key, std::span<const catalog::Term> list) {
    w.Key(key).BeginArray();
    for (const auto& t : list) w.BeginObject().Field("code", t.code).Field("zh", t.zh).Field("en", t.en).EndObject();
    w.EndArray();
  };
  w.BeginObject();
  terms("subjects", catalog::Subjects());
  terms("update_cycles", catalog::UpdateCycles());
  w.Key("levels").BeginArray();
  for (int i = 1; i <= 6; ++i) {
    auto l = static_cast<catalog::ClassificationLevel>(i);
    w.BeginObject().Field("code", catalog::LevelCode(l)).Field("zh", catalog::LevelNameZh(l)).Field("en", catalog::LevelNameEn(l)).EndObject();
  }
  w.EndArray().Key("share").BeginArray();
  for (auto a : {catalog::ShareAttribute::kUnconditional, catalog::ShareAttribute::kConditional, catalog::ShareAttribute::kNotShared}) {
    w.BeginObject().Field("code", catalog::ShareCode(a)).Field("zh", catalog::ShareNameZh(a)).Field("en", catalog::ShareNameEn(a)).EndObject();
  }
  w.EndArray().Key("open").BeginArray();
  for (auto a : {catalog::OpenAttribute::kUnconditional, catalog::OpenAttribute::kConditional, catalog::OpenAttribute::kNotOpen}) {
    w.BeginObject().Field("code", catalog::OpenCode(a)).Field("zh", catalog::OpenNameZh(a)).Field("en", catalog::OpenNameEn(a)).EndObject();
  }
  w.EndArray().EndObject();
  auto r = HttpResponse::Json(std::move(body));
  r.headers.Set("cache-control", "public, max-age=3600");
  return r;
}

// Headline numbers for the portal's home page, over what the caller may discover.
Result<HttpResponse> CatalogStats(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  auto snap = ctx.catalog.Snapshot();
  int64_t resources = 0, open = 0, rows = 0;
  std::set<std::string> providers;
  std::map<std::string, int64_t> subjects;
  for (const auto& r : snap->resources()) {
    if (!ctx.policy.CanDiscover(principal, r)) continue;
    ++resources;
    if (r.open == catalog::OpenAttribute::kUnconditional) ++open;
    if (r.current) rows += r.current->row_count;
    providers.insert(r.provider_id);
    ++subjects[r.subject];
  }
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("resources", resources).Field("open_resources", open).Field("providers", static_cast<int64_t>(providers.size()));
  w.Field("records", rows).Key("subjects").BeginArray();
  for (const auto& [code, n] : subjects) {
    const auto* t = catalog::FindTerm(catalog::Subjects(), code);
    w.BeginObject().Field("code", code).Field("zh", t ? t->zh : code).Field("en", t ? t->en : code).Field("count", n).EndObject();
  }
  w.EndArray().EndObject();
  return HttpResponse::Json(std::move(body));
}

}  // namespace

void RegisterCatalogRoutes(Router& router, AppContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](HttpRequest& req) { return fn(ctx, req); }; };
  router.Add(Route{HttpMethod::kGet, "/api/v1/resources", bind(SearchResources), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPost, "/api/v1/resources", bind(CreateResource), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/resources/{id}", bind(GetResource), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kPut, "/api/v1/resources/{id}", bind(UpdateResource), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/resources/{id}/versions", bind(ListVersions)});
  router.Add(Route{HttpMethod::kPost, "/api/v1/resources/{id}/publish",
                   [&ctx](HttpRequest& req) { return ChangeStatus(ctx, req, true); }, BodyKind::kSmall});
  router.Add(Route{HttpMethod::kPost, "/api/v1/resources/{id}/withdraw",
                   [&ctx](HttpRequest& req) { return ChangeStatus(ctx, req, false); }, BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/vocabularies", bind(Vocabularies), BodyKind::kNone, true});
  router.Add(Route{HttpMethod::kGet, "/api/v1/stats/catalog", bind(CatalogStats), BodyKind::kNone, true});
}

}  // namespace gongshu::api
