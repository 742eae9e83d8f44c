#pragma once
// Application: opens the data directory and wires storage, catalog, ingestion, policy and the HTTP
// surface together. The CLI's `serve` and `demo` verbs, and the tests, start the platform here.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "api/audit_system.h"
#include "api/http_server.h"
#include "audit/audit_trail.h"
#include "catalog/catalog.h"
#include "core/result.h"
#include "identity/identity_service.h"
#include "ingest/importer.h"
#include "policy/quota_limiter.h"
#include "storage/engine.h"
#include "workflow/workflows.h"

namespace gongshu::api {

struct AppOptions {
  std::filesystem::path data_dir;
  ServerOptions server;
  bool secure_cookies = false;         // behind TLS: session cookies carry Secure
  policy::QuotaOptions quotas;         // request and row quotas
  identity::IdentityOptions identity;  // session lifetimes, password cost, throttling
  std::filesystem::path web_root;      // the built portal; empty: API only
  int engine_threads = 0;              // 0: one per core
  std::string engine_memory_limit;     // e.g. "4GB"; empty: DuckDB default
  std::chrono::milliseconds query_timeout{30000};
  AuditOptions audit;                  // the audit log: origin, hash, signer, witnesses
};

class Application {
 public:
  static Result<std::unique_ptr<Application>> Open(AppOptions options);
  ~Application();

  storage::Engine& engine();
  catalog::Catalog& catalog();
  ingest::Importer& importer();
  identity::IdentityService& identity();
  workflow::Workflows& workflows();
  policy::AccessPolicy& policy();
  audit::AuditTrail& audit_trail();
  AuditSystem& audit();  // the audit log, its checkpoints and statistics
  const std::filesystem::path& staging_dir() const;

  // Listens, calls on_listening(port), and serves until SIGTERM/SIGINT or Stop().
  Status Serve(const std::function<void(uint16_t)>& on_listening);
  void Stop();

 private:
  Application();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongshu::api
