#include "api/error_response.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/row_quota.h"
#include "query/query.h"

namespace gongshu::api {

namespace {

Error NotFound(std::string_view id) {
  return MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + std::string(id) + "'.",
                   "数据资源“" + std::string(id) + "”不存在。");
}

// The query scope the decision allows: only permitted fields exist, with their masks.
query::QueryScope ScopeFor(const AppContext& ctx, const catalog::Resource& r, const policy::Decision& d) {
  query::QueryScope scope;
  scope.table = r.current->table_name;
  for (const auto& o : d.fields) {
    const catalog::Field* f = r.FindField(o.name);
    if (f == nullptr) continue;  // fail closed: an obligation naming no field grants nothing
    scope.fields.push_back(query::ScopedField{f->name, f->type, o.mask, true});
  }
  for (const auto& rf : d.row_filters) {
    query::RowFilter q;
    q.field = rf.field;
    q.op = rf.op == policy::RowFilterObligation::Op::kEquals ? query::RowFilter::Op::kEquals
           : rf.op == policy::RowFilterObligation::Op::kIn   ? query::RowFilter::Op::kIn
                                                             : query::RowFilter::Op::kPrefix;
    q.values = rf.values;
    scope.row_filters.push_back(std::move(q));
  }
  scope.aggregate_only = d.mode == policy::AccessMode::kAggregateOnly;
  scope.max_limit = std::min<int64_t>(d.max_rows, 10000);
  scope.cursor_key = ctx.cursor_key;
  return scope;
}

Result<query::RecordsRequest> ParseRecordsRequest(const HttpRequest& req) {
  query::RecordsRequest q;
  q.select = std::string(req.Query("select").value_or(""));
  q.where = std::string(req.Query("where").value_or(""));
  q.group_by = std::string(req.Query("group_by").value_or(""));
  q.order_by = std::string(req.Query("order_by").value_or(""));
  q.cursor = std::string(req.Query("cursor").value_or(""));
  constexpr int64_t kWide = int64_t{1} << 53;  // the compiler enforces the published caps
  GS_ASSIGN_OR_RETURN(q.limit, IntParam(req, "limit", -kWide, kWide));
  GS_ASSIGN_OR_RETURN(q.offset, IntParam(req, "offset", -kWide, kWide));
  GS_ASSIGN_OR_RETURN(q.include_total, BoolParam(req, "include_total", false));
  return q;
}

struct Authorized {
  const catalog::Resource* resource = nullptr;
  policy::Decision decision;
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot;  // keeps `resource` alive
};

// Authenticates, finds the resource and asks the policy; a denial becomes the error to answer.
Result<Authorized> Authorize(AppContext& ctx, HttpRequest& req, policy::Action action, HttpResponse& headers_out) {
  GS_ASSIGN_OR_RETURN(policy::Principal principal, ctx.auth.Authenticate(req));
  Authorized a;
  a.snapshot = ctx.catalog.Snapshot();
  a.resource = a.snapshot->Find(req.PathParam("id"));
  if (a.resource == nullptr || !ctx.policy.CanDiscover(principal, *a.resource)) return NotFound(req.PathParam("id"));
  std::string purpose(req.headers.GetOr("x-purpose", ""));
  a.decision = ctx.policy.Decide(principal, *a.resource, policy::Channel::kOpen, action, purpose);
  headers_out.headers.Set("x-decision-id", a.decision.id);
  if (!a.decision.allow) return a.decision.reason;
  if (!a.resource->current) return NotFound(req.PathParam("id"));
  return a;
}

Result<HttpResponse> Records(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"select", "where", "group_by", "order_by", "limit", "offset", "cursor",
                                      "include_total"}));
  HttpResponse response;
  auto authorized = Authorize(ctx, req, policy::Action::kRead, response);
  if (!authorized.ok()) {
    HttpResponse err = ErrorResponse(authorized.error(), req.request_id);
    if (auto* id = response.headers.Get("x-decision-id")) err.headers.Set("x-decision-id", *id);
    return err;
  }
  const Authorized& a = *authorized;
  GS_ASSIGN_OR_RETURN(query::RecordsRequest rr, ParseRecordsRequest(req));
  query::QueryScope scope = ScopeFor(ctx, *a.resource, a.decision);
  GS_ASSIGN_OR_RETURN(query::CompiledQuery compiled, query::CompileRecords(rr, scope));
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  storage::QueryOptions qo;
  qo.deadline = std::chrono::steady_clock::now() + ctx.query_timeout;
  GS_ASSIGN_OR_RETURN(std::string body, query::RunRecordsPage(*session, compiled, rr, scope, qo));
  GS_RETURN_IF_ERROR(ChargeRecordsPage(ctx, req, body));  // rows quota: the page leaves only if covered
  HttpResponse ok = HttpResponse::Json(std::move(body));
  ok.headers.Set("x-decision-id", a.decision.id);
  ok.headers.Set("access-control-allow-origin", "*");
  ok.headers.Set("access-control-expose-headers", "x-request-id, x-decision-id");
  ok.headers.Set("cache-control", "no-store");
  return ok;
}

// Adapts the query module's export stream to the HTTP body stream.
class ExportBody final : public BodyStream {
 public:
  explicit ExportBody(std::unique_ptr<query::ExportStream> s) : stream_(std::move(s)) {}
  Result<bool> Next(std::string& out) override { return stream_->Next(out); }

 private:
  std::unique_ptr<query::ExportStream> stream_;
};

Result<HttpResponse> Export(AppContext& ctx, HttpRequest& req, std::string_view format) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"select", "where", "group_by", "order_by", "limit", "bom"}));
  HttpResponse response;
  auto authorized = Authorize(ctx, req, policy::Action::kExport, response);
  if (!authorized.ok()) {
    HttpResponse err = ErrorResponse(authorized.error(), req.request_id);
    if (auto* id = response.headers.Get("x-decision-id")) err.headers.Set("x-decision-id", *id);
    return err;
  }
  const Authorized& a = *authorized;
  GS_ASSIGN_OR_RETURN(query::RecordsRequest rr, ParseRecordsRequest(req));
  query::QueryScope scope = ScopeFor(ctx, *a.resource, a.decision);
  GS_ASSIGN_OR_RETURN(query::CompiledQuery compiled, query::CompileExport(rr, scope));
  GS_RETURN_IF_ERROR(CheckRowQuota(ctx, req));  // rows quota: no export while rows are owed
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  query::ExportOptions export_options;
  // A UTF-8 byte-order mark lets Excel on Chinese Windows open the CSV without mojibake.
  GS_ASSIGN_OR_RETURN(export_options.bom, BoolParam(req, "bom", false));
  GS_ASSIGN_OR_RETURN(auto stream,
                      query::StartExport(std::move(session), compiled, format, ctx.staging_dir, {}, export_options));
  stream = MeterRows(ctx, req, std::move(stream));
  HttpResponse ok;
  ok.headers.Set("content-type", std::string(stream->content_type()));
  ok.headers.Set("content-disposition",
                 "attachment; filename=\"" + a.resource->id + "-v" + std::to_string(a.resource->current->version) +
                     "." + std::string(format) + "\"");
  ok.headers.Set("x-decision-id", a.decision.id);
  ok.headers.Set("access-control-allow-origin", "*");
  ok.headers.Set("access-control-expose-headers", "x-request-id, x-decision-id, content-disposition");
  ok.stream = std::make_unique<ExportBody>(std::move(stream));
  return ok;
}

}  // namespace

void RegisterRecordsRoutes(Router& router, AppContext& ctx) {
  router.Add(Route{HttpMethod::kGet, "/api/v1/resources/{id}/records",
                   [&ctx](HttpRequest& req) { return Records(ctx, req); }});
  for (std::string format : {"csv", "json", "ndjson", "parquet"}) {
    router.Add(Route{HttpMethod::kGet, "/api/v1/resources/{id}/export." + format,
                     [&ctx, format](HttpRequest& req) { return Export(ctx, req, format); }});
  }
}

}  // namespace gongshu::api
