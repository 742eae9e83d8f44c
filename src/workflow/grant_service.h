#pragma once
// 授权 (grants): share grants and open-access grants, created when an application is approved.
// Their holders list them; providers list what they granted and suspend, resume or revoke them —
// revocation takes effect at once (the policy snapshot is rebuilt before the call returns).
// Open-access grants carry a usage report (使用情况报告) due date; overdue reports are visible to
// the provider.
//
//   (approval) ──▶ active ⇄ suspended        active | suspended ──revoke──▶ revoked
// Expiry is not a state: a grant past valid_until is shown as expired and serves nothing.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "policy/grant.h"
#include "workflow/actor.h"
#include "workflow/state_machine.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

struct GrantRecord {
  policy::Grant grant;
  std::string application_id;
  std::optional<TimePoint> report_due;  // open-access grants
  int reports = 0;                      // usage reports submitted
  std::string created_by;
  std::string reason;  // of the last suspension or revocation
  TimePoint created_at{};
  TimePoint updated_at{};

  // "active" | "suspended" | "revoked" | "expired" (expired: active or suspended past valid_until)
  std::string EffectiveState(TimePoint now) const;
  bool ReportOverdue(TimePoint now) const { return report_due && reports == 0 && now >= *report_due; }
};

struct UsageReport {
  std::string id;
  std::string grant_id;
  std::string submitted_by;
  std::string organisation_id;
  std::string body;
  TimePoint created_at{};
};

enum class GrantView { kAll, kHeld, kProvided };

class GrantService {
 public:
  explicit GrantService(WorkflowContext& ctx) : ctx_(ctx) {}
  static const StateMachine& Machine();

  // Inside the caller's transaction (approval of an application): stores and records the grant.
  Status Create(storage::Session& s, const Actor& actor, const GrantRecord& record, TimePoint now);

  Result<GrantRecord> Get(const Actor& actor, std::string_view id);
  Result<std::vector<GrantRecord>> List(const Actor& actor, GrantView view, bool overdue_reports_only);
  Result<GrantRecord> Suspend(const Actor& actor, std::string_view id, std::string reason);
  Result<GrantRecord> Resume(const Actor& actor, std::string_view id, std::string reason);
  Result<GrantRecord> Revoke(const Actor& actor, std::string_view id, std::string reason);

  Result<UsageReport> SubmitReport(const Actor& actor, std::string_view grant_id, std::string body);
  Result<std::vector<UsageReport>> Reports(const Actor& actor, std::string_view grant_id);

  // Every grant, revoked ones too so that a denial can say why (for the policy snapshot).
  static Result<std::vector<policy::Grant>> LoadForPolicy(storage::Session& s);
  static std::string Canonical(const GrantRecord& g);

 private:
  Result<GrantRecord> Move(const Actor& actor, std::string_view id, std::string_view to, std::string reason);
  WorkflowContext& ctx_;
};

}  // namespace gongshu::workflow
