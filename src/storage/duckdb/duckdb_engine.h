#pragma once
// DuckDB implementation of the storage Engine (embedded default).
#include <duckdb.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/duckdb/query_watchdog.h"
#include "storage/engine.h"

namespace gongshu::storage {

struct DuckDbOptions {
  std::string path;                        // database file; ":memory:" for tests
  std::vector<std::string> allowed_directories;  // the only places read_*/COPY may touch
  std::string temp_directory;              // spill directory (inside the data dir)
  int threads = 0;                         // 0: DuckDB's default (number of cores)
  std::string memory_limit;                // e.g. "4GB"; empty: DuckDB's default
  size_t max_sessions = 64;
};

class DuckDbEngine final : public Engine {
 public:
  // Opens the database and locks its configuration (external access only to allowed dirs).
  static Result<std::unique_ptr<DuckDbEngine>> Open(const DuckDbOptions& options);
  ~DuckDbEngine() override;

  std::string_view Dialect() const override { return "duckdb"; }
  EngineStats Stats() const override;

 protected:
  Result<SessionLease> DoAcquire(std::chrono::milliseconds wait) override;
  void Return(std::unique_ptr<Session> session) override;

 private:
  DuckDbEngine() = default;

  duckdb_database db_ = nullptr;
  size_t max_sessions_ = 64;
  std::unique_ptr<QueryWatchdog> watchdog_;

  mutable std::mutex mu_;  // guards idle_, in_use_
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Session>> idle_;
  size_t in_use_ = 0;
};

}  // namespace gongshu::storage
