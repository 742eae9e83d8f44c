#pragma once
// The workflows of the demo platform, so that every channel can be tried at once:
//   登记   population-registry and riot-fatalities (公安厅) and enterprise-registry (市场监管局)
//          registered after their public notice, with registration codes;
//   共享   an active share grant to 民政厅 for population-registry (purpose subsistence-allowance,
//          fields narrowed by the provider, rows limited to county codes 33…), and a pending
//          application for riot-fatalities;
//   开放   an approved open-data application of the demo citizen for enterprise-registry;
//   运营   an active scenario authorization of 省数据集团 on population-registry.
// The story is told on its own clock starting three weeks ago (so that notice periods have ended
// when the demo starts); the last application is made an hour before now, and is still pending.
#include "audit/audit_trail.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "policy/access_policy.h"
#include "policy/principal.h"
#include "storage/engine.h"

namespace gongshu::demo {

struct DemoWorkflowPeople {
  policy::Principal authority;       // authority_admin of data-bureau
  policy::Principal loader;          // the demo loader at the console: drafts (the admin approves)
  policy::Principal steward;         // department_steward of public-security
  policy::Principal market_steward;  // department_steward of market-regulation
  policy::Principal consumer;        // department_consumer of civil-affairs
  policy::Principal citizen;         // public_user
};

// Runs the story with its own workflow services over the platform's engine, catalog, decision
// point and audit trail; the caller refreshes its own services afterwards.
Status LoadDemoWorkflows(storage::Engine& engine, catalog::Catalog& catalog, policy::AccessPolicy& policy,
                         audit::AuditTrail& audit, const DemoWorkflowPeople& people, TimePoint now);

}  // namespace gongshu::demo
