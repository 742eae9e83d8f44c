#pragma once
// Application: opens the data directory and wires storage, catalog, ingestion, policy and the HTTP
// surface together. The CLI's `serve` and `demo` verbs, and the tests, start the platform here.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "api/http_server.h"
#include "catalog/catalog.h"
#include "core/result.h"
#include "ingest/importer.h"
#include "storage/engine.h"

namespace gongshu::api {

struct AppOptions {
  std::filesystem::path data_dir;
  ServerOptions server;
  std::string admin_token;             // empty: DATA_DIR/keys/admin-token (created on first start)
  std::filesystem::path web_root;      // the built portal; empty: API only
  int engine_threads = 0;              // 0: one per core
  std::string engine_memory_limit;     // e.g. "4GB"; empty: DuckDB default
  std::chrono::milliseconds query_timeout{30000};
};

class Application {
 public:
  static Result<std::unique_ptr<Application>> Open(AppOptions options);
  ~Application();

  storage::Engine& engine();
  catalog::Catalog& catalog();
  ingest::Importer& importer();
  const std::string& admin_token() const;
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
