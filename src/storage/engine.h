#pragma once
// The storage Engine: a small interface over the SQL engine holding platform state and datasets.
// Implementations: DuckDB (embedded default, storage/duckdb/). Rules it enforces (ARCHITECTURE §3):
// a Session has one owner at a time; results are read as column chunks; large results stream;
// every query can carry a deadline; bulk writes go through the Appender or read_* functions.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/chunk.h"
#include "storage/value.h"

namespace gongshu::storage {

using Deadline = std::chrono::steady_clock::time_point;

struct QueryOptions {
  std::optional<Deadline> deadline;  // interrupted past this point (kDeadlineExceeded)
};

// A small, materialized result (metadata queries, counts). Never for dataset rows at scale.
struct Table {
  std::vector<ColumnInfo> columns;
  std::vector<Row> rows;
  size_t ColumnIndex(std::string_view name) const;  // SIZE_MAX if absent
};

// A streamed result. Owns nothing but borrows its Session, which must not run anything else
// (nor be released) until the stream is destroyed.
class RowStream {
 public:
  virtual ~RowStream() = default;
  virtual const std::vector<ColumnInfo>& columns() const = 0;
  // The next chunk (valid until the next call), or nullptr at the end.
  virtual Result<const Chunk*> Next() = 0;
};

// Column-wise batch for the Appender. Each column holds one of the vectors, matching its kind.
struct AppendColumn {
  enum class Kind { kInt64, kDouble, kText, kBool, kDate, kTimestamp } kind = Kind::kText;
  std::vector<int64_t> ints;         // kInt64, kTimestamp (micros)
  std::vector<double> doubles;       // kDouble
  std::vector<std::string> texts;    // kText
  std::vector<int32_t> dates;        // kDate (days)
  std::vector<uint8_t> bools;        // kBool
  std::vector<uint8_t> valid;        // empty: all valid; else 1 = valid, 0 = NULL
};
struct AppendBatch {
  size_t rows = 0;
  std::vector<AppendColumn> columns;
};

class Appender {
 public:
  virtual ~Appender() = default;
  virtual Status Append(const AppendBatch& batch) = 0;
  virtual Status Close() = 0;  // flushes; must be called before the owning transaction commits
};

class Session {
 public:
  virtual ~Session() = default;
  // Runs one statement (with params) or a script of statements (without params).
  virtual Status Execute(std::string_view sql, const Params& params = {}, QueryOptions options = {}) = 0;
  virtual Result<Table> Query(std::string_view sql, const Params& params = {}, QueryOptions options = {}) = 0;
  virtual Result<std::unique_ptr<RowStream>> Stream(std::string_view sql, const Params& params = {},
                                                    QueryOptions options = {}) = 0;
  virtual Result<std::unique_ptr<Appender>> OpenAppender(std::string_view table) = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Safe to call from another thread: stops the running query.
  virtual void Interrupt() = 0;
};

class Engine;

// A session checked out of the engine's pool; returned on destruction.
class SessionLease {
 public:
  SessionLease() = default;
  SessionLease(Engine* engine, std::unique_ptr<Session> session)
      : engine_(engine), session_(std::move(session)) {}
  SessionLease(SessionLease&&) noexcept = default;
  SessionLease& operator=(SessionLease&& other) noexcept;
  SessionLease(const SessionLease&) = delete;
  SessionLease& operator=(const SessionLease&) = delete;
  ~SessionLease();

  Session* operator->() const { return session_.get(); }
  Session& operator*() const { return *session_; }
  explicit operator bool() const { return session_ != nullptr; }

 private:
  void Release();
  Engine* engine_ = nullptr;
  std::unique_ptr<Session> session_;
};

struct EngineStats {
  size_t sessions_in_use = 0;
  size_t sessions_idle = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string_view Dialect() const = 0;  // "duckdb" | "postgresql"
  // Checks out a session; waits up to `wait` for one to be free, then kUnavailable.
  Result<SessionLease> Acquire(std::chrono::milliseconds wait = std::chrono::seconds(10)) {
    return DoAcquire(wait);
  }
  virtual EngineStats Stats() const = 0;

 protected:
  friend class SessionLease;
  virtual Result<SessionLease> DoAcquire(std::chrono::milliseconds wait) = 0;
  virtual void Return(std::unique_ptr<Session> session) = 0;
};

// Runs fn inside a transaction; rolls back when fn or the commit fails.
Status InTransaction(Session& session, const std::function<Status()>& fn);

// Quotes an identifier that the caller has already checked against the catalog or generated.
std::string QuoteIdentifier(std::string_view name);

}  // namespace gongshu::storage
