#include "workflow/transition_log.h"

#include <algorithm>

#include "core/crypto.h"
#include "workflow/internal/store_util.h"

namespace gongshu::workflow {

using internal::Micros;
using storage::Value;

namespace {

audit::Digest32 DigestOf(std::string_view state) {
  audit::Digest32 out{};
  if (state.empty()) return out;  // no object yet (creation) or none any more
  Sha256Digest d = Sha256(state);
  std::copy(d.begin(), d.end(), out.begin());
  return out;
}

audit::AuditEvent BaseEvent(const Actor& actor, TimePoint at) {
  audit::AuditEvent e;
  e.time_micros = Micros(at);
  e.request_id = actor.request_id;
  e.principal_id = actor.Id();
  e.organisation_id = actor.Org();
  e.decision = audit::Decision::kAllow;
  return e;
}

}  // namespace

Error AuditUnavailable(const Error& cause) {
  return MakeError(ErrorKind::kUnavailable, "audit.unavailable",
                   "The audit log cannot record this change right now, so it was not made (" + cause.code + ").",
                   "审计日志暂时无法记录，本次操作未执行。");
}

Result<uint64_t> TransitionLog::Record(storage::Session& s, const Actor& actor, const Transition& t, TimePoint at) {
  audit::AuditEvent e = BaseEvent(actor, at);
  e.channel = audit::Channel::kWorkflow;
  e.action = "workflow.transition";
  e.resource_id = t.resource_id;
  e.grant_id = t.grant_id;
  e.kind = t.object_type + "." + t.to;
  e.object_id = t.object_id;
  e.before_hash = DigestOf(t.before);
  e.after_hash = DigestOf(t.after);
  Result<uint64_t> index = audit_.Record(e);
  if (!index.ok()) return AuditUnavailable(index.error());
  GS_RETURN_IF_ERROR(s.Execute(
      "INSERT INTO workflow_transitions (object_type, object_id, from_state, to_state, actor_id, actor_org, reason, "
      "occurred_at, audit_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {Value::Text(t.object_type), Value::Text(t.object_id), Value::Text(t.from), Value::Text(t.to),
       Value::Text(actor.Id()), Value::Text(actor.Org()), Value::Text(t.reason), internal::TimeValue(at),
       Value::Int(static_cast<int64_t>(*index))}));
  return *index;
}

Result<uint64_t> TransitionLog::RecordAdmin(const Actor& actor, std::string_view kind, std::string_view object_id,
                                            std::string_view before, std::string_view after, TimePoint at) {
  audit::AuditEvent e = BaseEvent(actor, at);
  e.channel = audit::Channel::kAdmin;
  e.action = "workflow.admin";
  e.kind = std::string(kind);
  e.object_id = std::string(object_id);
  e.before_hash = DigestOf(before);
  e.after_hash = DigestOf(after);
  Result<uint64_t> index = audit_.Record(e);
  if (!index.ok()) return AuditUnavailable(index.error());
  return *index;
}

Result<std::vector<TransitionRecord>> TransitionLog::History(storage::Session& s, std::string_view object_type,
                                                             std::string_view object_id) {
  GS_ASSIGN_OR_RETURN(storage::Table t,
                      s.Query("SELECT object_type, object_id, from_state, to_state, actor_id, actor_org, reason, occurred_at, "
                              "audit_index FROM workflow_transitions WHERE object_type = $1 AND object_id = $2 "
                              "ORDER BY occurred_at, audit_index",
                              {Value::Text(std::string(object_type)), Value::Text(std::string(object_id))}));
  std::vector<TransitionRecord> out;
  for (const auto& row : t.rows) {
    internal::RowView v(t, row);
    TransitionRecord r;
    r.object_type = v.Text("object_type");
    r.object_id = v.Text("object_id");
    r.from = v.Text("from_state");
    r.to = v.Text("to_state");
    r.actor_id = v.Text("actor_id");
    r.actor_org = v.Text("actor_org");
    r.reason = v.Text("reason");
    r.at = v.TimeOr("occurred_at", TimePoint{});
    r.audit_index = static_cast<uint64_t>(v.Int("audit_index"));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gongshu::workflow
