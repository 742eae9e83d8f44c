#pragma once
// 共享申请 (申请—答复): a consumer department applies for fields of another department's resource,
// for named purposes and a term, optionally limited to rows (a division-code prefix, say). An
// automatic compliance check runs at submission (recorded as a transition by the system): the
// resource must be shared (无条件/有条件共享, never 不予共享) and every requested field, purpose and
// limit well-formed. Then:
//   无条件共享: approved by the system at once → an active share grant.
//   有条件共享: the provider's steward replies within the SLA on the working-day calendar
//              (default 5 working days, 10 if the resource has no published version); an
//              unanswered application escalates to the authority exactly when its deadline passes.
//
//   submitted ─(system check)─▶ compliance_checked ─┬─approve (provider steward)─▶ approved ─▶ grant
//                                                  ├─reject (provider steward)──▶ rejected
//                                                  └─(system, reply overdue)─▶ escalated ─┬─▶ approved
//   submitted | compliance_checked | escalated ──withdraw (applicant)──▶ withdrawn       └─▶ rejected
//
// The approver may narrow the fields, add or narrow a row scope and shorten the term; nobody
// approves their own application; only a steward of the provider department approves.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "policy/grant.h"
#include "workflow/actor.h"
#include "workflow/grant_service.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

namespace internal {
template <typename Record>
struct ApplicationKind;
}  // namespace internal

struct ShareApplication {
  std::string id;
  std::string resource_id;
  std::string provider_org;
  std::string applicant_org;
  std::string applicant_id;
  std::vector<std::string> purposes;
  std::string scenario;
  std::vector<std::string> fields;
  policy::RowScope rows;
  int term_days = 365;
  std::string state;
  TimePoint compliance_due{};
  std::optional<TimePoint> reply_due;
  std::optional<TimePoint> escalated_at;
  std::string reviewer_id;
  std::string reason;
  std::string grant_id;
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct ShareRequest {
  std::string resource_id;
  std::vector<std::string> purposes;
  std::string scenario;
  std::vector<std::string> fields;  // empty: every field the share channel can release
  policy::RowScope rows;
  int term_days = 365;
};

struct ShareApproval {
  std::optional<std::vector<std::string>> fields;  // a subset of the requested fields
  std::optional<policy::RowScope> rows;            // narrower than (or, if none, in addition to) the request
  std::optional<int> term_days;                    // at most the requested term
  std::string reason;
};

enum class ApplicationView { kAll, kApplied, kReceived };

inline constexpr int kMaxShareTermDays = 1825;  // five years

class ShareApplicationService {
 public:
  ShareApplicationService(WorkflowContext& ctx, GrantService& grants) : ctx_(ctx), grants_(grants) {}
  static const StateMachine& Machine();

  Result<ShareApplication> Submit(const Actor& actor, ShareRequest request);
  Result<ShareApplication> Approve(const Actor& actor, std::string_view id, const ShareApproval& approval);
  Result<ShareApplication> Reject(const Actor& actor, std::string_view id, std::string reason);
  Result<ShareApplication> Withdraw(const Actor& actor, std::string_view id);

  Result<ShareApplication> Get(const Actor& actor, std::string_view id);
  Result<std::vector<ShareApplication>> List(const Actor& actor, ApplicationView view, std::string_view state);
  // The authority's queue of overdue applications.
  Result<std::vector<ShareApplication>> Escalations(const Actor& actor);

  // Escalates every application whose reply deadline has passed (now >= reply_due).
  Result<int> Tick(TimePoint now);

  static Result<std::vector<policy::PendingApplication>> LoadPending(storage::Session& s);

 private:
  // Record access for the steps every application kind shares (internal/application_steps.h).
  static const internal::ApplicationKind<ShareApplication>& Kind();
  WorkflowContext& ctx_;
  GrantService& grants_;
};

}  // namespace gongshu::workflow
