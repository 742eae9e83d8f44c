#include "storage/duckdb/duckdb_engine.h"

#include "core/log.h"
#include "storage/duckdb/duckdb_session.h"

namespace gongshu::storage {

namespace {

Error OpenError(const std::string& what) {
  return MakeError(ErrorKind::kUnavailable, "storage.open", "Cannot open the database: " + what,
                   "无法打开数据库：" + what);
}

std::string SqlString(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace

Result<std::unique_ptr<DuckDbEngine>> DuckDbEngine::Open(const DuckDbOptions& options) {
  duckdb_config config = nullptr;
  if (duckdb_create_config(&config) == DuckDBError) return OpenError("config");
  auto set = [&](const char* name, const std::string& value) {
    return duckdb_set_config(config, name, value.c_str()) == DuckDBSuccess;
  };
  bool ok = set("autoinstall_known_extensions", "false") &&
            set("autoload_known_extensions", "false");
  if (options.threads > 0) ok = ok && set("threads", std::to_string(options.threads));
  if (!options.memory_limit.empty()) ok = ok && set("memory_limit", options.memory_limit);
  if (!options.temp_directory.empty()) ok = ok && set("temp_directory", options.temp_directory);
  if (!ok) {
    duckdb_destroy_config(&config);
    return OpenError("invalid configuration");
  }
  std::unique_ptr<DuckDbEngine> engine(new DuckDbEngine());
  engine->max_sessions_ = options.max_sessions;
  char* error = nullptr;
  const char* path = options.path.empty() || options.path == ":memory:" ? nullptr : options.path.c_str();
  duckdb_state st = duckdb_open_ext(path, &engine->db_, config, &error);
  duckdb_destroy_config(&config);
  if (st == DuckDBError) {
    std::string msg = error != nullptr ? error : "unknown error";
    duckdb_free(error);
    return OpenError(msg);
  }
  engine->watchdog_ = std::make_unique<QueryWatchdog>();

  // Lock-down, in this order (allowed_directories cannot be set through duckdb_set_config).
  std::string dirs;
  for (const auto& d : options.allowed_directories) {
    if (!dirs.empty()) dirs += ", ";
    dirs += SqlString(d.back() == '/' ? d : d + "/");
  }
  std::string lock = "SET allowed_directories = [" + dirs + "];"
                     "SET enable_external_access = false;"
                     "SET lock_configuration = true;";
  {
    GS_ASSIGN_OR_RETURN(SessionLease boot, engine->Acquire(std::chrono::milliseconds(0)));
    GS_RETURN_IF_ERROR(boot->Execute(lock));
  }
  return engine;
}

DuckDbEngine::~DuckDbEngine() {
  {
    std::lock_guard lock(mu_);
    idle_.clear();
  }
  watchdog_.reset();
  if (db_ != nullptr) duckdb_close(&db_);
}

Result<SessionLease> DuckDbEngine::DoAcquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  if (!returned_.wait_for(lock, wait, [&] { return !idle_.empty() || in_use_ < max_sessions_; })) {
    return MakeError(ErrorKind::kUnavailable, "storage.busy",
                     "All database sessions are busy; retry shortly.", "数据库会话繁忙，请稍后重试。");
  }
  ++in_use_;
  if (!idle_.empty()) {
    auto s = std::move(idle_.back());
    idle_.pop_back();
    return SessionLease(this, std::move(s));
  }
  lock.unlock();
  duckdb_connection con = nullptr;
  if (duckdb_connect(db_, &con) == DuckDBError) {
    std::lock_guard relock(mu_);
    --in_use_;
    returned_.notify_one();
    return MakeError(ErrorKind::kUnavailable, "storage.connect", "Cannot open a database session.",
                     "无法建立数据库会话。");
  }
  return SessionLease(this, std::make_unique<DuckDbSession>(con, watchdog_.get()));
}

void DuckDbEngine::Return(std::unique_ptr<Session> session) {
  static_cast<DuckDbSession*>(session.get())->AbortOpenTransaction();
  std::lock_guard lock(mu_);
  --in_use_;
  if (idle_.size() < 16) idle_.push_back(std::move(session));
  returned_.notify_one();
}

EngineStats DuckDbEngine::Stats() const {
  std::lock_guard lock(mu_);
  return EngineStats{in_use_, idle_.size()};
}

}  // namespace gongshu::storage
