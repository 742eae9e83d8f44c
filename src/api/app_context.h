#pragma once
// The services the HTTP handlers use, wired once by Application.
#include <chrono>
#include <filesystem>
#include <string>

#include "api/authenticator.h"
#include "api/metrics.h"
#include "audit/audit_trail.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "identity/identity_service.h"
#include "ingest/importer.h"
#include "policy/access_policy.h"
#include "policy/quota_limiter.h"
#include "storage/engine.h"
#include "workflow/workflows.h"

namespace gongshu::api {

class AuditSystem;  // api/audit_system.h

struct AppContext {
  storage::Engine& engine;
  catalog::Catalog& catalog;
  ingest::Importer& importer;
  policy::AccessPolicy& policy;
  Authenticator& auth;
  Metrics& metrics;
  const Clock& clock;
  std::filesystem::path staging_dir;
  std::filesystem::path web_root;      // built portal (web/dist); empty: no portal
  std::string cursor_key;              // HMAC key for records cursors
  std::chrono::milliseconds query_timeout{30000};
  identity::IdentityService* identity = nullptr;  // users, sessions, tokens (set by Application)
  policy::QuotaLimiter* quotas = nullptr;         // request and row quotas (set by Application)
  audit::AuditTrail* audit = nullptr;             // every data access and workflow change (fail closed when null)
  workflow::Workflows* workflows = nullptr;       // registration, sharing, opening, operation (set by Application)
  AuditSystem* audit_system = nullptr;            // the log behind `audit`: proofs, checkpoints, statistics
};

}  // namespace gongshu::api
