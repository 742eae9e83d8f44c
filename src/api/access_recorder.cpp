#include "api/access_recorder.h"

#include <algorithm>

#include "api/error_response.h"
#include "core/crypto.h"
#include "core/log.h"
#include "policy/grant.h"

namespace gongshu::api {

namespace {

audit::Channel AuditChannel(policy::Channel c) {
  switch (c) {
    case policy::Channel::kShare: return audit::Channel::kShare;
    case policy::Channel::kOperation: return audit::Channel::kOperation;
    case policy::Channel::kAdmin: return audit::Channel::kAdmin;
    case policy::Channel::kOpen: break;
  }
  return audit::Channel::kOpen;
}

// Adds a name to a comma-separated header list (CORS expose lists), once.
void ExposeHeader(HttpResponse& r, std::string_view name) {
  const std::string* current = r.headers.Get("access-control-expose-headers");
  if (current == nullptr) return;  // not a cross-origin response: nothing to expose
  if (current->find(name) != std::string::npos) return;
  r.headers.Set("access-control-expose-headers", *current + ", " + std::string(name));
}

}  // namespace

AccessRecorder::AccessRecorder(AppContext& ctx, const HttpRequest& req, std::string action)
    : ctx_(ctx), req_(req) {
  event_.request_id = req.request_id;
  event_.action = std::move(action);
  event_.channel = audit::Channel::kOpen;  // until the principal or the decision says otherwise
  event_.decision = audit::Decision::kDeny;
}

void AccessRecorder::SetPrincipal(const policy::Principal& p) {
  // The person acting (the user behind a session or token), as workflow entries name it.
  event_.principal_id = p.user_id.empty() ? p.id : p.user_id;
  event_.organisation_id = p.organisation_id;
  event_.channel = AuditChannel(policy::AccessPolicy::DefaultChannel(p));
}

void AccessRecorder::SetResource(const catalog::Resource& r) {
  event_.resource_id = r.id;
  event_.resource_version = r.current ? std::to_string(r.current->version) : "";
}

void AccessRecorder::SetRequestedResource(std::string_view id) {
  event_.resource_id = catalog::IsValidResourceId(id) ? std::string(id) : "";
  event_.resource_version.clear();
}

void AccessRecorder::SetDecision(const policy::Decision& d) {
  allowed_ = d.allow;
  has_filters_ = !d.row_filters.empty();
  event_.decision_id = d.id;
  event_.channel = AuditChannel(d.channel);
  event_.grant_id = d.grant_id;
  event_.purpose = policy::IsValidPurposeCode(d.purpose) ? d.purpose : "";
  event_.fields.clear();
  event_.masks.clear();
  if (!d.allow) return;  // nothing is released
  for (const auto& f : d.fields) {
    event_.fields.push_back(f.name);
    if (!f.mask.empty()) event_.masks.push_back(f.name + ":" + f.mask);
  }
}

Result<uint64_t> AccessRecorder::Record(bool succeeded, std::string_view body) {
  if (recorded_) {
    // A handler bug, not a client error: one request, one entry.
    return MakeError(ErrorKind::kInternal, "audit.recorded_twice", "This request's audit entry was already recorded.",
                     "本请求的审计条目已记录。");
  }
  recorded_ = true;
  if (!allowed_) {
    event_.decision = audit::Decision::kDeny;
  } else if (!succeeded) {
    event_.decision = audit::Decision::kError;
  } else if (!event_.masks.empty()) {
    event_.decision = audit::Decision::kMasked;
  } else if (has_filters_) {
    event_.decision = audit::Decision::kFiltered;
  } else {
    event_.decision = audit::Decision::kAllow;
  }
  if (!succeeded) event_.rows_returned = 0;
  event_.response_hash = {};
  if (commitment_) {
    event_.response_hash = *commitment_;
  } else if (!body.empty()) {
    Sha256Digest h = Sha256(body);
    std::copy(h.begin(), h.end(), event_.response_hash.begin());
  }
  event_.time_micros = ctx_.clock.NowMicros();
  if (ctx_.audit == nullptr) {  // not wired: nothing may be served (fail closed)
    return MakeError(ErrorKind::kUnavailable, "audit.unavailable", "The audit log is not available; nothing is served.",
                     "审计日志不可用，暂停提供数据。");
  }
  return ctx_.audit->Record(event_);
}

HttpResponse AccessRecorder::Finish(Result<HttpResponse> outcome) {
  HttpResponse response =
      outcome.ok() ? std::move(outcome).value() : ErrorResponse(outcome.error(), req_.request_id);
  const bool succeeded = response.status < 400;
  // A streamed body is not produced yet: it is recorded without a hash (see the header).
  Result<uint64_t> index = Record(succeeded, response.stream ? std::string_view() : std::string_view(response.body));
  if (!index.ok()) {
    // Fail closed: the prepared response (and any stream) is dropped unsent.
    HttpResponse refused = ErrorResponse(index.error(), req_.request_id);
    if (!event_.decision_id.empty()) refused.headers.Set("x-decision-id", event_.decision_id);
    return refused;
  }
  response.headers.Set("x-audit-index", std::to_string(*index));
  if (!event_.decision_id.empty()) response.headers.Set("x-decision-id", event_.decision_id);
  if (!succeeded) {
    // Refusals are readable cross-origin too: the portal shows the decision and the entry.
    response.headers.Set("access-control-allow-origin", "*");
    response.headers.Set("access-control-expose-headers", "x-request-id, x-decision-id");
  }
  ExposeHeader(response, "x-audit-index");
  return response;
}

}  // namespace gongshu::api
