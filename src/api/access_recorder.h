#pragma once
// AccessRecorder: the one audit entry of one data request (R-LOG-03, R-LOG-04).
//
// Every request to a data endpoint (records, exports — allowed, denied, masked, filtered or
// failed, and also refusals before any decision: unknown resource, bad credentials, quota) gets
// exactly one entry. The handler fills in what it learns as it goes (principal, resource,
// decision, rows) and hands its outcome to Finish(), which records the entry, waits until it is
// durable, and only then lets the response out with its index in X-Audit-Index. If the log
// cannot take the entry, the prepared response is discarded and the caller gets 503
// "audit.unavailable" (fail closed: nothing is served without its entry).
//
//   Result<HttpResponse> Records(AppContext& ctx, HttpRequest& req) {
//     AccessRecorder audit(ctx, req, "records.read");
//     return audit.Finish(RecordsUnaudited(ctx, req, audit));   // sets principal, decision…
//   }
//
// Streamed exports are recorded when Finish() runs, i.e. before the first byte of the body is
// sent: their rows are not known yet and are recorded as 0, and the response hash is the
// commitment the handler sets (SetResponseCommitment), or all-zero. The decision, released
// fields, masks and filters are recorded as for a page. A body stream that fails later cannot
// take back an entry; the entry proves the export was authorized and started.
//
// Refusals before a decision (unknown or undiscoverable resource, bad credentials, malformed
// parameters) are recorded too, as denials: probing for data one may not see is an access
// attempt (R-LOG-03, out-of-scope attempts are counted per organisation).
//
// No personal data: ids, field names, mask codes, a purpose code and hashes only. The requested
// resource id is recorded only when it is a valid resource slug; the purpose only when it is a
// valid purpose code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/app_context.h"
#include "api/http_types.h"
#include "audit/audit_event.h"
#include "catalog/resource.h"
#include "core/result.h"
#include "policy/decision.h"
#include "policy/principal.h"

namespace gongshu::api {

class AccessRecorder {
 public:
  // `action`: what was asked, e.g. "records.read", "export.csv".
  AccessRecorder(AppContext& ctx, const HttpRequest& req, std::string action);
  AccessRecorder(const AccessRecorder&) = delete;
  AccessRecorder& operator=(const AccessRecorder&) = delete;

  void SetPrincipal(const policy::Principal& p);
  // The resource as found (its id and the version served).
  void SetResource(const catalog::Resource& r);
  // The id asked for, when no such resource is visible (recorded only if it is a valid slug).
  void SetRequestedResource(std::string_view id);
  // The policy decision: channel, decision id, grant, purpose, released fields and masks.
  void SetDecision(const policy::Decision& d);
  void SetRows(uint64_t rows) { event_.rows_returned = rows; }
  // For a streamed body, a hash fixed before it starts (e.g. of the format, SQL and bound values
  // over the immutable version, which anyone can re-run); otherwise Finish() hashes the body.
  void SetResponseCommitment(const audit::Digest32& commitment) { commitment_ = commitment; }

  // Records the entry for `outcome` (the response the handler prepared, or its error) and
  // returns what to send: the response with X-Audit-Index, or 503 audit.unavailable.
  HttpResponse Finish(Result<HttpResponse> outcome);

  // Lower level, for handlers that must record at another moment: records now and returns the
  // index or the 503 error. `succeeded`: the request is being served (else a refusal/error).
  // Body hash: SHA-256 of `body` (empty: none, e.g. a stream not yet produced).
  Result<uint64_t> Record(bool succeeded, std::string_view body = {});

  const audit::AuditEvent& event() const { return event_; }

 private:
  AppContext& ctx_;
  const HttpRequest& req_;
  audit::AuditEvent event_;
  bool allowed_ = false;      // the policy allowed the request
  bool has_filters_ = false;  // the decision imposed row filters
  bool recorded_ = false;
  std::optional<audit::Digest32> commitment_;
};

}  // namespace gongshu::api
