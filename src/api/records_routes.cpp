// Records and exports: every data read goes through ONE policy decision and leaves ONE audit entry.
//
//   authenticate → find the resource (404 if the caller cannot discover it) → channel (query
//   parameter `channel`, else the principal's default) → AccessPolicy::Decide(principal, resource,
//   channel, action, purpose = X-Purpose, now) → deny: the reason's status and code
//   → allow: the decision becomes the query scope (fields with masks, row filters, aggregate-only,
//   row cap) → rows quota → query → response with X-Decision-Id.
// AccessRecorder (api/access_recorder.h) wraps each handler: whatever the outcome — served,
// denied, refused before a decision, failed — it records exactly one entry (decision id,
// principal, organisation, channel, action, resource + version, fields, masks, purpose, grant,
// outcome, rows, response hash), waits until it is durable, and only then releases the response
// with X-Audit-Index. If the audit log cannot record the access, the answer is 503
// audit.unavailable and no data leaves.
#include <algorithm>

#include "api/access_recorder.h"
#include "api/error_response.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/row_quota.h"
#include "audit/audit_event.h"
#include "core/crypto.h"
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

audit::Digest32 Digest(std::string_view bytes) {
  Sha256Digest d = Sha256(bytes);
  audit::Digest32 out{};
  std::copy(d.begin(), d.end(), out.begin());
  return out;
}

// One data access after its decision.
struct DataAccess {
  policy::Principal principal;
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot;  // keeps `resource` alive
  const catalog::Resource* resource = nullptr;
  policy::Decision decision;
};

// Authenticates, finds the resource, chooses the channel and asks the policy, telling `audit`
// what it learns; a denial is returned as the reason's error (recorded as a denial).
Result<DataAccess> Decide(AppContext& ctx, HttpRequest& req, policy::Action action, AccessRecorder& audit) {
  DataAccess a;
  audit.SetRequestedResource(req.PathParam("id"));
  GS_ASSIGN_OR_RETURN(a.principal, ctx.auth.Authenticate(req));
  audit.SetPrincipal(a.principal);
  a.snapshot = ctx.catalog.Snapshot();
  a.resource = a.snapshot->Find(req.PathParam("id"));
  if (a.resource == nullptr || !ctx.policy.CanDiscover(a.principal, *a.resource)) return NotFound(req.PathParam("id"));
  audit.SetResource(*a.resource);
  std::optional<policy::Channel> channel;
  if (auto c = req.Query("channel")) {
    channel = policy::ParseChannel(*c);
    if (!channel) {
      return BadRequest("policy.unknown_channel", "Unknown channel; use open, share or operation.",
                        "未知的渠道，可选 open、share 或 operation。");
    }
  }
  std::string purpose(req.headers.GetOr("x-purpose", ""));
  a.decision = ctx.policy.DecideCall(a.principal, *a.resource, channel, action, purpose, ctx.clock.Now());
  audit.SetDecision(a.decision);
  if (!a.decision.allow) return a.decision.reason;
  if (!a.resource->current) return NotFound(req.PathParam("id"));
  return a;
}

Result<HttpResponse> ServeRecords(AppContext& ctx, HttpRequest& req, AccessRecorder& audit) {
  GS_ASSIGN_OR_RETURN(DataAccess a, Decide(ctx, req, policy::Action::kRead, audit));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"select", "where", "group_by", "order_by", "limit", "offset", "cursor",
                                      "include_total", "channel"}));
  GS_ASSIGN_OR_RETURN(query::RecordsRequest rr, ParseRecordsRequest(req));
  query::QueryScope scope = ScopeFor(ctx, *a.resource, a.decision);
  GS_ASSIGN_OR_RETURN(query::CompiledQuery compiled, query::CompileRecords(rr, scope));
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  storage::QueryOptions qo;
  qo.deadline = std::chrono::steady_clock::now() + ctx.query_timeout;
  GS_ASSIGN_OR_RETURN(std::string body, query::RunRecordsPage(*session, compiled, rr, scope, qo));
  GS_RETURN_IF_ERROR(ChargeRecordsPage(ctx, req, body));  // rows quota: the page leaves only if covered
  audit.SetRows(static_cast<uint64_t>(std::max<int64_t>(0, CountResults(body))));
  HttpResponse ok = HttpResponse::Json(std::move(body));
  ok.headers.Set("access-control-allow-origin", "*");
  ok.headers.Set("access-control-expose-headers", "x-request-id, x-decision-id");
  ok.headers.Set("cache-control", "no-store");
  return ok;
}

Result<HttpResponse> Records(AppContext& ctx, HttpRequest& req) {
  AccessRecorder audit(ctx, req, "records.read");
  return audit.Finish(ServeRecords(ctx, req, audit));  // the page's hash is recorded with it
}

// Adapts the query module's export stream to the HTTP body stream.
class ExportBody final : public BodyStream {
 public:
  explicit ExportBody(std::unique_ptr<query::ExportStream> s) : stream_(std::move(s)) {}
  Result<bool> Next(std::string& out) override { return stream_->Next(out); }

 private:
  std::unique_ptr<query::ExportStream> stream_;
};

// An export streams after its entry is durable, so the entry cannot hold the bytes' hash: it holds
// the hash of what determines them — format, SQL and bound values over an immutable version —
// which anyone can re-run to check.
audit::Digest32 ExportCommitment(std::string_view format, const query::CompiledQuery& q) {
  std::string text(format);
  text.push_back('\0');
  text += q.sql;
  for (const auto& v : q.params) {
    text.push_back('\0');
    text += v.ToString();
  }
  return Digest(text);
}

Result<HttpResponse> ServeExport(AppContext& ctx, HttpRequest& req, std::string_view format, AccessRecorder& audit) {
  GS_ASSIGN_OR_RETURN(DataAccess a, Decide(ctx, req, policy::Action::kExport, audit));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"select", "where", "group_by", "order_by", "limit", "bom", "channel"}));
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
  audit.SetResponseCommitment(ExportCommitment(format, compiled));
  stream = MeterRows(ctx, req, std::move(stream));
  HttpResponse ok;
  ok.headers.Set("content-type", std::string(stream->content_type()));
  ok.headers.Set("content-disposition",
                 "attachment; filename=\"" + a.resource->id + "-v" + std::to_string(a.resource->current->version) +
                     "." + std::string(format) + "\"");
  ok.headers.Set("access-control-allow-origin", "*");
  ok.headers.Set("access-control-expose-headers", "x-request-id, x-decision-id, content-disposition");
  ok.stream = std::make_unique<ExportBody>(std::move(stream));
  return ok;
}

Result<HttpResponse> Export(AppContext& ctx, HttpRequest& req, std::string_view format) {
  AccessRecorder audit(ctx, req, "export." + std::string(format));
  // Recorded before the first byte of the stream is sent (rows unknown: 0; hash: the commitment).
  return audit.Finish(ServeExport(ctx, req, format, audit));
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
