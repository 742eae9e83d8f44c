#pragma once
// The workflow module as the application wires it: one object owning the calendar, the settings,
// the transition log and the services of registration, sharing, conditional opening, grants and
// authorized operation, plus the two duties they share —
//   RefreshPolicy(): rebuild the policy decision snapshot from the committed state and swap it in
//                    (every service calls it after a change that grants or withdraws access), and
//   Tick(now):       the deadlines — escalate overdue share applications, end notice periods,
//                    expire authorizations — called by the server's timer (WorkflowTicker) and by
//                    tests with a ManualClock.
#include <memory>
#include <mutex>

#include "audit/audit_trail.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "policy/access_policy.h"
#include "storage/engine.h"
#include "workflow/authorization_service.h"
#include "workflow/calendar_service.h"
#include "workflow/credential_revoker.h"
#include "workflow/grant_service.h"
#include "workflow/open_application_service.h"
#include "workflow/registration_service.h"
#include "workflow/settings_service.h"
#include "workflow/share_application_service.h"
#include "workflow/transition_log.h"
#include "workflow/workflow_context.h"

namespace gongshu::workflow {

struct TickReport {
  int escalated = 0;      // share applications escalated to the authority
  int registered = 0;     // registrations whose notice period ended
  int expired = 0;        // operation authorizations whose term ended
};

class Workflows {
 public:
  Workflows(storage::Engine& engine, catalog::Catalog& catalog, policy::AccessPolicy& policy,
            audit::AuditTrail& audit, const Clock& clock);
  Workflows(const Workflows&) = delete;
  Workflows& operator=(const Workflows&) = delete;

  // Loads settings and the calendar and installs the first policy snapshot.
  Status Load();
  // Exit of an authorization revokes the operator's credentials through this (identity).
  void SetCredentialRevoker(CredentialRevoker* revoker) { ctx_.revoker = revoker; }

  // Rebuilds the decision snapshot; on failure installs a degraded one (grant-based access
  // answers 503) and returns the error.
  Status RefreshPolicy();
  Result<TickReport> Tick(TimePoint now);

  CalendarService& calendar() { return calendar_; }
  SettingsService& settings() { return settings_; }
  RegistrationService& registrations() { return registrations_; }
  ShareApplicationService& shares() { return shares_; }
  OpenApplicationService& open_applications() { return open_; }
  GrantService& grants() { return grants_; }
  AuthorizationService& authorizations() { return authorizations_; }
  const Clock& clock() const { return clock_; }

 private:
  storage::Engine& engine_;
  policy::AccessPolicy& policy_;
  const Clock& clock_;
  TransitionLog log_;
  SettingsService settings_;
  CalendarService calendar_;
  WorkflowContext ctx_;
  GrantService grants_;
  RegistrationService registrations_;
  ShareApplicationService shares_;
  OpenApplicationService open_;
  AuthorizationService authorizations_;
  std::mutex refresh_mu_;  // one rebuild at a time, so the last swap reflects the last commit
  std::mutex tick_mu_;     // one tick at a time
};

}  // namespace gongshu::workflow
