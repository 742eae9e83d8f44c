#pragma once
// The steps every application kind (share, conditional opening) takes the same way: the reviewer's
// rejection with a reason, the applicant's withdrawal, and a read scoped to the parties. Each kind
// supplies its record access through ApplicationKind; the state machine decides who may move.
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/engine.h"
#include "workflow/actor.h"
#include "workflow/internal/application_checks.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow::internal {

template <typename Record>
struct ApplicationKind {
  const StateMachine& machine;
  std::string_view area;  // error-code prefix of the kind's text checks: "share", "open"
  Result<Record> (*load)(storage::Session&, std::string_view id);
  bool (*can_see)(const Actor&, const Record&);
  Capacities (*held_by)(const Actor&, const Record&);
  Status (*step)(WorkflowContext&, storage::Session&, const Actor&, Record& app, Record next, std::string_view to,
                 const std::string& reason, TimePoint now);
  Error (*not_found)(std::string_view id);
};

// Loads the application the actor may see; another party's id answers "not found", not "forbidden".
template <typename Record>
Result<Record> LoadVisible(const ApplicationKind<Record>& kind, storage::Session& s, const Actor& actor,
                           std::string_view id) {
  GS_ASSIGN_OR_RETURN(Record app, kind.load(s, id));
  if (!kind.can_see(actor, app)) return kind.not_found(id);
  return app;
}

template <typename Record>
Result<Record> GetApplication(WorkflowContext& ctx, const ApplicationKind<Record>& kind, const Actor& actor,
                              std::string_view id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  return LoadVisible(kind, *session, actor, id);
}

template <typename Record>
Result<Record> RejectApplication(WorkflowContext& ctx, const ApplicationKind<Record>& kind, const Actor& actor,
                                 std::string_view id, const std::string& reason) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  GS_ASSIGN_OR_RETURN(Record app, LoadVisible(kind, *session, actor, id));
  GS_RETURN_IF_ERROR(
      kind.machine.Check(app.state, "rejected", kind.held_by(actor, app), actor.Id() == app.applicant_id));
  if (reason.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "workflow.reason_required", "A rejection must give its reason.",
                     "驳回须说明理由。");
  }
  GS_RETURN_IF_ERROR(CheckText(reason, "reason", "理由", kind.area));
  TimePoint now = ctx.clock.Now();
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    Record next = app;
    next.reviewer_id = actor.Id();
    return kind.step(ctx, *session, actor, app, std::move(next), "rejected", reason, now);
  }));
  if (ctx.policy_changed) ctx.policy_changed();
  return app;
}

template <typename Record>
Result<Record> WithdrawApplication(WorkflowContext& ctx, const ApplicationKind<Record>& kind, const Actor& actor,
                                   std::string_view id) {
  GS_ASSIGN_OR_RETURN(storage::SessionLease session, ctx.engine.Acquire());
  GS_ASSIGN_OR_RETURN(Record app, LoadVisible(kind, *session, actor, id));
  GS_RETURN_IF_ERROR(kind.machine.Check(app.state, "withdrawn", kind.held_by(actor, app), false));
  TimePoint now = ctx.clock.Now();
  GS_RETURN_IF_ERROR(storage::InTransaction(*session, [&]() -> Status {
    return kind.step(ctx, *session, actor, app, app, "withdrawn", "申请人撤回 / withdrawn by the applicant", now);
  }));
  if (ctx.policy_changed) ctx.policy_changed();
  return app;
}

}  // namespace gongshu::workflow::internal
