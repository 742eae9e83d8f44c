#pragma once
// What every workflow service shares: storage, the catalog, the clock, the transition log (audit),
// the calendar and settings, and the hook that rebuilds the policy decision snapshot after a
// committed change (so that a grant, revocation or registration takes effect at once).
#include <functional>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "policy/access_policy.h"
#include "storage/engine.h"
#include "workflow/calendar_service.h"
#include "workflow/credential_revoker.h"
#include "workflow/settings_service.h"
#include "workflow/transition_log.h"

namespace gongshu::workflow {

struct WorkflowContext {
  storage::Engine& engine;
  catalog::Catalog& catalog;
  const policy::AccessPolicy& policy;  // CanDiscover: an application names only what the applicant can see
  const Clock& clock;
  TransitionLog& log;
  CalendarService& calendar;
  SettingsService& settings;
  std::function<void()> policy_changed;  // rebuilds and installs the decision snapshot
  CredentialRevoker* revoker = nullptr;
};

}  // namespace gongshu::workflow
