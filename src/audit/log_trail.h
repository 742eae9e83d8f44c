#pragma once
// LogTrail: the AuditTrail the application hands to its services, backed by the AuditLog.
//
// Record() appends and returns once the entry is durable (group commit), with its index. Every
// failure becomes one error services can pass straight to their callers: 503
// "audit.unavailable" (fail closed: the request is not served, the change not made), with the
// log's own code in the message for the operator. Events without a time get the clock's now.
#include <atomic>
#include <cstdint>

#include "audit/audit_log.h"
#include "audit/audit_trail.h"
#include "core/clock.h"

namespace gongshu::audit {

class LogTrail final : public AuditTrail {
 public:
  LogTrail(AuditLog& log, const Clock& clock) : log_(log), clock_(clock) {}

  Result<uint64_t> Record(const AuditEvent& event) override;

  uint64_t recorded() const { return recorded_.load(); }
  // Records refused because the log could not write them (each one also refused its request).
  uint64_t failures() const { return failures_.load(); }

 private:
  AuditLog& log_;
  const Clock& clock_;
  std::atomic<uint64_t> recorded_{0};
  std::atomic<uint64_t> failures_{0};
};

// The 503 every caller returns when the log cannot take an entry.
Error AuditUnavailableError(const Error& cause);

}  // namespace gongshu::audit
