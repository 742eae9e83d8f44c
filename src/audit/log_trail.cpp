#include "audit/log_trail.h"

#include "core/log.h"

namespace gongshu::audit {

Error AuditUnavailableError(const Error& cause) {
  if (cause.code == "audit.unavailable") return cause;
  return MakeError(ErrorKind::kUnavailable, "audit.unavailable",
                   "The audit log cannot record this request right now, so it was not served or carried out (" +
                       cause.code + "). Try again later; the operator has been alerted.",
                   "审计日志暂时无法记录本次请求，因此未予处理（" + cause.code + "）。请稍后重试；已通知运维人员。");
}

Result<uint64_t> LogTrail::Record(const AuditEvent& event) {
  Result<uint64_t> index = [&] {
    if (event.time_micros != 0) return log_.Append(event);
    AuditEvent timed = event;
    timed.time_micros = clock_.NowMicros();
    return log_.Append(timed);
  }();
  if (!index.ok()) {
    ++failures_;
    Log().error("audit: entry refused, request not served: [{}] {}", index.error().code, index.error().message);
    return AuditUnavailableError(index.error());
  }
  ++recorded_;
  return index;
}

}  // namespace gongshu::audit
