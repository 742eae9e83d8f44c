#include "storage/duckdb/duckdb_session.h"

#include <cstring>

#include "storage/duckdb/duckdb_types.h"

namespace gongshu::storage {

using duckdb_internal::BindValue;
using duckdb_internal::ColumnInfoFromLogicalType;
using duckdb_internal::ErrorFromMessage;
using duckdb_internal::ErrorFromResult;
using duckdb_internal::ReadCell;

namespace {

constexpr size_t kMaxPreparedStatements = 256;

// RAII guard for an armed watchdog deadline.
class DeadlineGuard {
 public:
  DeadlineGuard(QueryWatchdog* dog, duckdb_connection con, const QueryOptions& options)
      : dog_(options.deadline ? dog : nullptr) {
    if (dog_ != nullptr) ticket_ = dog_->Arm(con, *options.deadline);
  }
  ~DeadlineGuard() { Disarm(); }
  DeadlineGuard(const DeadlineGuard&) = delete;
  DeadlineGuard& operator=(const DeadlineGuard&) = delete;
  // Returns whether the deadline fired.
  bool Disarm() {
    if (dog_ != nullptr) {
      fired_ = dog_->Disarm(ticket_);
      dog_ = nullptr;
    }
    return fired_;
  }

 private:
  QueryWatchdog* dog_;
  uint64_t ticket_ = 0;
  bool fired_ = false;
};

std::vector<ColumnInfo> ResultColumns(duckdb_result* result) {
  std::vector<ColumnInfo> cols;
  idx_t n = duckdb_column_count(result);
  cols.reserve(n);
  for (idx_t i = 0; i < n; ++i) {
    duckdb_logical_type t = duckdb_column_logical_type(result, i);
    cols.push_back(ColumnInfoFromLogicalType(duckdb_column_name(result, i), t));
    duckdb_destroy_logical_type(&t);
  }
  return cols;
}

void FillChunk(duckdb_data_chunk c, size_t ncols, Chunk& out) {
  out.size = duckdb_data_chunk_get_size(c);
  out.columns.resize(ncols);
  for (size_t i = 0; i < ncols; ++i) {
    duckdb_vector v = duckdb_data_chunk_get_vector(c, i);
    out.columns[i].data = duckdb_vector_get_data(v);
    out.columns[i].validity = duckdb_vector_get_validity(v);
  }
}

}  // namespace

// A streaming result: pending → execute → fetch chunks; the session stays busy meanwhile.
class DuckDbRowStream final : public RowStream {
 public:
  DuckDbRowStream(duckdb_connection con, QueryWatchdog* dog, const QueryOptions& options)
      : guard_(dog, con, options) {}
  ~DuckDbRowStream() override {
    if (chunk_ != nullptr) duckdb_destroy_data_chunk(&chunk_);
    duckdb_destroy_result(&result_);
  }

  Status Start(duckdb_prepared_statement stmt) {
    duckdb_pending_result pending = nullptr;
    if (duckdb_pending_prepared_streaming(stmt, &pending) == DuckDBError) {
      Error e = ErrorFromMessage("engine.pending", duckdb_pending_error(pending));
      duckdb_destroy_pending(&pending);
      return e;
    }
    duckdb_state st = duckdb_execute_pending(pending, &result_);
    duckdb_destroy_pending(&pending);
    if (st == DuckDBError) return ErrorFromResult(&result_, guard_.Disarm());
    columns_ = ResultColumns(&result_);
    return Ok();
  }

  const std::vector<ColumnInfo>& columns() const override { return columns_; }

  Result<const Chunk*> Next() override {
    if (chunk_ != nullptr) duckdb_destroy_data_chunk(&chunk_);
    if (done_) return static_cast<const Chunk*>(nullptr);
    for (;;) {
      chunk_ = duckdb_fetch_chunk(result_);
      if (chunk_ == nullptr) {
        done_ = true;
        if (duckdb_result_error(&result_) != nullptr) return ErrorFromResult(&result_, guard_.Disarm());
        guard_.Disarm();
        return static_cast<const Chunk*>(nullptr);
      }
      if (duckdb_data_chunk_get_size(chunk_) > 0) break;
      duckdb_destroy_data_chunk(&chunk_);
    }
    FillChunk(chunk_, columns_.size(), view_);
    return static_cast<const Chunk*>(&view_);
  }

 private:
  DeadlineGuard guard_;
  duckdb_result result_{};
  duckdb_data_chunk chunk_ = nullptr;
  std::vector<ColumnInfo> columns_;
  Chunk view_;
  bool done_ = false;
};

// Bulk writes through DuckDB's appender, one data chunk per batch slice.
class DuckDbAppender final : public Appender {
 public:
  explicit DuckDbAppender(duckdb_appender appender) : appender_(appender) {}
  ~DuckDbAppender() override {
    if (appender_ != nullptr) duckdb_appender_destroy(&appender_);
  }

  Status Append(const AppendBatch& batch) override {
    const size_t ncols = batch.columns.size();
    if (ncols != duckdb_appender_column_count(appender_)) {
      return MakeError(ErrorKind::kInternal, "storage.appender_columns",
                       "Appender batch has the wrong number of columns.", "追加批次的列数不正确。");
    }
    std::vector<duckdb_logical_type> types(ncols);
    for (size_t c = 0; c < ncols; ++c) types[c] = duckdb_appender_column_type(appender_, c);
    duckdb_data_chunk chunk = duckdb_create_data_chunk(types.data(), ncols);
    for (auto& t : types) duckdb_destroy_logical_type(&t);
    const size_t cap = duckdb_vector_size();
    Status st;
    for (size_t offset = 0; offset < batch.rows && st.ok(); offset += cap) {
      size_t n = std::min(cap, batch.rows - offset);
      duckdb_data_chunk_reset(chunk);
      for (size_t c = 0; c < ncols; ++c) FillVector(duckdb_data_chunk_get_vector(chunk, c), batch.columns[c], offset, n);
      duckdb_data_chunk_set_size(chunk, n);
      if (duckdb_append_data_chunk(appender_, chunk) == DuckDBError) {
        st = ErrorFromMessage("storage.append", duckdb_appender_error(appender_));
      }
    }
    duckdb_destroy_data_chunk(&chunk);
    return st;
  }

  Status Close() override {
    if (appender_ == nullptr) return Ok();
    Status st;
    if (duckdb_appender_close(appender_) == DuckDBError) {
      st = ErrorFromMessage("storage.append", duckdb_appender_error(appender_));
    }
    duckdb_appender_destroy(&appender_);
    appender_ = nullptr;
    return st;
  }

 private:
  static void FillVector(duckdb_vector vec, const AppendColumn& col, size_t offset, size_t n) {
    if (!col.valid.empty()) {
      duckdb_vector_ensure_validity_writable(vec);
      uint64_t* validity = duckdb_vector_get_validity(vec);
      for (size_t i = 0; i < n; ++i) {
        if (!col.valid[offset + i]) duckdb_validity_set_row_invalid(validity, i);
      }
    }
    void* data = duckdb_vector_get_data(vec);
    switch (col.kind) {
      case AppendColumn::Kind::kInt64:
      case AppendColumn::Kind::kTimestamp:
        std::memcpy(data, col.ints.data() + offset, n * sizeof(int64_t));
        break;
      case AppendColumn::Kind::kDouble:
        std::memcpy(data, col.doubles.data() + offset, n * sizeof(double));
        break;
      case AppendColumn::Kind::kDate:
        std::memcpy(data, col.dates.data() + offset, n * sizeof(int32_t));
        break;
      case AppendColumn::Kind::kBool: {
        auto* b = static_cast<bool*>(data);
        for (size_t i = 0; i < n; ++i) b[i] = col.bools[offset + i] != 0;
        break;
      }
      case AppendColumn::Kind::kText:
        for (size_t i = 0; i < n; ++i) {
          const std::string& s = col.texts[offset + i];
          duckdb_vector_assign_string_element_len(vec, i, s.data(), s.size());
        }
        break;
    }
  }

  duckdb_appender appender_;
};

DuckDbSession::~DuckDbSession() {
  for (auto& [sql, stmt] : prepared_) duckdb_destroy_prepare(&stmt);
  duckdb_disconnect(&con_);
}

Result<duckdb_prepared_statement> DuckDbSession::Prepare(std::string_view sql, const Params& params) {
  std::string key(sql);
  duckdb_prepared_statement stmt = nullptr;
  auto it = prepared_.find(key);
  if (it != prepared_.end()) {
    stmt = it->second;
    duckdb_clear_bindings(stmt);
  } else {
    if (duckdb_prepare(con_, key.c_str(), &stmt) == DuckDBError) {
      Error e = ErrorFromMessage("engine.prepare", duckdb_prepare_error(stmt));
      duckdb_destroy_prepare(&stmt);
      return e;
    }
    if (prepared_.size() >= kMaxPreparedStatements) {
      for (auto& [s, p] : prepared_) duckdb_destroy_prepare(&p);
      prepared_.clear();
    }
    prepared_.emplace(std::move(key), stmt);
  }
  if (duckdb_nparams(stmt) != params.size()) {
    return MakeError(ErrorKind::kInternal, "engine.params",
                     "Statement parameter count does not match.", "语句参数个数不匹配。");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (!BindValue(stmt, i + 1, params[i])) {
      return MakeError(ErrorKind::kUnprocessable, "engine.bind",
                       "A query value could not be bound: " + params[i].ToString(),
                       "查询参数无法绑定：" + params[i].ToString());
    }
  }
  return stmt;
}

Status DuckDbSession::Run(std::string_view sql, const Params& params, QueryOptions options,
                          duckdb_result* out) {
  DeadlineGuard guard(watchdog_, con_, options);
  duckdb_state st = DuckDBError;
  if (params.empty() && !options.deadline) {
    // Scripts (several statements) are only allowed without parameters.
    std::string text(sql);
    st = duckdb_query(con_, text.c_str(), out);
  } else {
    GS_ASSIGN_OR_RETURN(duckdb_prepared_statement stmt, Prepare(sql, params));
    st = duckdb_execute_prepared(stmt, out);
  }
  if (st == DuckDBError) return ErrorFromResult(out, guard.Disarm());
  return Ok();
}

Status DuckDbSession::Execute(std::string_view sql, const Params& params, QueryOptions options) {
  duckdb_result result{};
  Status st = Run(sql, params, options, &result);
  duckdb_destroy_result(&result);
  return st;
}

Result<Table> DuckDbSession::Query(std::string_view sql, const Params& params, QueryOptions options) {
  duckdb_result result{};
  Status st = Run(sql, params, options, &result);
  if (!st.ok()) {
    duckdb_destroy_result(&result);
    return std::move(st).error();
  }
  Table table;
  table.columns = ResultColumns(&result);
  Chunk view;
  for (;;) {
    duckdb_data_chunk c = duckdb_fetch_chunk(result);
    if (c == nullptr) break;
    FillChunk(c, table.columns.size(), view);
    for (size_t r = 0; r < view.size; ++r) {
      Row row;
      row.reserve(table.columns.size());
      for (size_t i = 0; i < table.columns.size(); ++i) {
        row.push_back(ReadCell(table.columns[i], view.columns[i], r));
      }
      table.rows.push_back(std::move(row));
    }
    duckdb_destroy_data_chunk(&c);
  }
  duckdb_destroy_result(&result);
  return table;
}

Result<std::unique_ptr<RowStream>> DuckDbSession::Stream(std::string_view sql, const Params& params,
                                                         QueryOptions options) {
  GS_ASSIGN_OR_RETURN(duckdb_prepared_statement stmt, Prepare(sql, params));
  auto stream = std::make_unique<DuckDbRowStream>(con_, watchdog_, options);
  GS_RETURN_IF_ERROR(stream->Start(stmt));
  return std::unique_ptr<RowStream>(std::move(stream));
}

Result<std::unique_ptr<Appender>> DuckDbSession::OpenAppender(std::string_view table) {
  duckdb_appender appender = nullptr;
  std::string name(table);
  if (duckdb_appender_create(con_, nullptr, name.c_str(), &appender) == DuckDBError) {
    Error e = ErrorFromMessage("storage.appender", duckdb_appender_error(appender));
    duckdb_appender_destroy(&appender);
    return e;
  }
  return std::unique_ptr<Appender>(std::make_unique<DuckDbAppender>(appender));
}

Status DuckDbSession::Begin() {
  GS_RETURN_IF_ERROR(Execute("BEGIN TRANSACTION", {}, {}));
  in_transaction_ = true;
  return Ok();
}

Status DuckDbSession::Commit() {
  in_transaction_ = false;  // a failed COMMIT aborts the transaction too
  return Execute("COMMIT", {}, {});
}

Status DuckDbSession::Rollback() {
  in_transaction_ = false;
  return Execute("ROLLBACK", {}, {});
}

void DuckDbSession::AbortOpenTransaction() {
  if (in_transaction_) (void)Rollback();
}

}  // namespace gongshu::storage
