#include "workflow/workflows.h"

#include "core/log.h"

namespace gongshu::workflow {

Workflows::Workflows(storage::Engine& engine, catalog::Catalog& catalog, policy::AccessPolicy& policy,
                     audit::AuditTrail& audit, const Clock& clock)
    : engine_(engine),
      policy_(policy),
      clock_(clock),
      log_(audit),
      settings_(engine, log_, clock),
      calendar_(engine, log_, clock),
      ctx_{engine, catalog, policy, clock, log_, calendar_, settings_, [this] { (void)RefreshPolicy(); }, nullptr},
      grants_(ctx_),
      registrations_(ctx_),
      shares_(ctx_, grants_),
      open_(ctx_, grants_),
      authorizations_(ctx_) {}

Status Workflows::Load() {
  GS_RETURN_IF_ERROR(settings_.Load());
  GS_RETURN_IF_ERROR(calendar_.Load());
  return RefreshPolicy();
}

Status Workflows::RefreshPolicy() {
  std::lock_guard lock(refresh_mu_);
  auto build = [&]() -> Result<policy::PolicyInputs> {
    GS_ASSIGN_OR_RETURN(storage::SessionLease session, engine_.Acquire());
    policy::PolicyInputs in;
    GS_ASSIGN_OR_RETURN(in.grants, GrantService::LoadForPolicy(*session));
    GS_ASSIGN_OR_RETURN(in.authorizations, AuthorizationService::LoadForPolicy(*session));
    GS_ASSIGN_OR_RETURN(in.registered_resources, registrations_.RegisteredResources(*session));
    GS_ASSIGN_OR_RETURN(auto share_pending, ShareApplicationService::LoadPending(*session));
    GS_ASSIGN_OR_RETURN(auto open_pending, OpenApplicationService::LoadPending(*session));
    in.pending = std::move(share_pending);
    in.pending.insert(in.pending.end(), open_pending.begin(), open_pending.end());
    return in;
  };
  auto inputs = build();
  if (!inputs.ok()) {
    // Fail closed: without a current view of grants, nothing that needs one is served.
    Log().error("policy snapshot rebuild failed, grants withheld until the next rebuild: {}", inputs.error().message);
    policy_.InstallDegraded();
    return inputs.error();
  }
  policy_.Install(std::move(inputs).value());
  return Ok();
}

Result<TickReport> Workflows::Tick(TimePoint now) {
  std::lock_guard lock(tick_mu_);
  TickReport report;
  GS_ASSIGN_OR_RETURN(report.escalated, shares_.Tick(now));
  GS_ASSIGN_OR_RETURN(report.registered, registrations_.Tick(now));
  GS_ASSIGN_OR_RETURN(report.expired, authorizations_.Tick(now));
  return report;
}

}  // namespace gongshu::workflow
