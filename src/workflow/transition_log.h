#pragma once
// 流转记录: every state change of a workflow object is (1) recorded in the audit log through
// audit::AuditTrail — channel workflow, kind "<object_type>.<to_state>", object id, SHA-256 of the
// object's canonical state before and after — and then (2) written to workflow_transitions with
// the audit index, inside the caller's transaction, BEFORE the change is acknowledged. If the
// audit log cannot record it, the caller's transaction rolls back and the request answers 503
// audit.unavailable: a change nobody can trace is not made.
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/engine.h"
#include "workflow/actor.h"

namespace gongshu::workflow {

struct Transition {
  std::string object_type;  // "share_application", "grant", …
  std::string object_id;
  std::string from;
  std::string to;
  std::string reason;
  std::string resource_id;  // for the audit entry, when the object concerns a resource
  std::string grant_id;     // the grant or authorization concerned, if any
  std::string before;       // canonical state of the object before and after (hashed)
  std::string after;
};

struct TransitionRecord {
  std::string object_type;
  std::string object_id;
  std::string from;
  std::string to;
  std::string actor_id;
  std::string actor_org;
  std::string reason;
  TimePoint at{};
  uint64_t audit_index = 0;
};

class TransitionLog {
 public:
  explicit TransitionLog(audit::AuditTrail& audit) : audit_(audit) {}

  // Inside the caller's open transaction: audit first (durable), then the history row.
  Result<uint64_t> Record(storage::Session& s, const Actor& actor, const Transition& t, TimePoint at);
  // An administrative change that is not a state transition (calendar, settings): audit only,
  // channel admin.
  Result<uint64_t> RecordAdmin(const Actor& actor, std::string_view kind, std::string_view object_id,
                               std::string_view before, std::string_view after, TimePoint at);

  static Result<std::vector<TransitionRecord>> History(storage::Session& s, std::string_view object_type,
                                                       std::string_view object_id);

 private:
  audit::AuditTrail& audit_;
};

// The error every workflow answers when the audit log refuses an entry.
Error AuditUnavailable(const Error& cause);

}  // namespace gongshu::workflow
