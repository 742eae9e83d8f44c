#pragma once
// AuditTrail: how services record what happened (data access, workflow transitions, admin
// changes). Record() returns only once the entry is durable, with its log index (sent to clients as
// X-Audit-Index); when the log cannot be written it fails with kUnavailable and the caller must
// not serve or commit the action (fail closed). The application implements it with AuditLog.
#include <cstdint>

#include "audit/audit_event.h"
#include "core/result.h"

namespace gongshu::audit {

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;
  virtual Result<uint64_t> Record(const AuditEvent& event) = 0;
};

}  // namespace gongshu::audit
