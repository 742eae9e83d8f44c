#pragma once
// One DuckDB connection with its prepared-statement cache. Single owner at a time.
#include <duckdb.h>

#include <string>
#include <unordered_map>

#include "storage/duckdb/query_watchdog.h"
#include "storage/engine.h"

namespace gongshu::storage {

class DuckDbSession final : public Session {
 public:
  DuckDbSession(duckdb_connection con, QueryWatchdog* watchdog) : con_(con), watchdog_(watchdog) {}
  ~DuckDbSession() override;

  Status Execute(std::string_view sql, const Params& params, QueryOptions options) override;
  Result<Table> Query(std::string_view sql, const Params& params, QueryOptions options) override;
  Result<std::unique_ptr<RowStream>> Stream(std::string_view sql, const Params& params,
                                            QueryOptions options) override;
  Result<std::unique_ptr<Appender>> OpenAppender(std::string_view table) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  void Interrupt() override { duckdb_interrupt(con_); }
  // Rolls back a transaction its last owner left open (called when it returns to the pool).
  void AbortOpenTransaction();

 private:
  friend class DuckDbRowStream;
  // Prepares (or reuses) a statement and binds params.
  Result<duckdb_prepared_statement> Prepare(std::string_view sql, const Params& params);
  // Runs a prepared statement to completion (materialized result), honouring the deadline.
  Status Run(std::string_view sql, const Params& params, QueryOptions options, duckdb_result* out);

  duckdb_connection con_;
  QueryWatchdog* watchdog_;
  std::unordered_map<std::string, duckdb_prepared_statement> prepared_;
  bool in_transaction_ = false;
};

}  // namespace gongshu::storage
