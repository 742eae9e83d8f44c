#pragma once
// The services the HTTP handlers use, wired once by Application.
#include <chrono>
#include <filesystem>
#include <string>

#include "api/authenticator.h"
#include "api/metrics.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "ingest/importer.h"
#include "policy/access_policy.h"
#include "storage/engine.h"

namespace gongshu::api {

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
};

}  // namespace gongshu::api
