#pragma once
// 数据导出: streams a compiled export in CSV, JSON, NDJSON or Parquet, in constant memory.
//
// CSV/JSON/NDJSON are encoded from the engine's streamed chunks by RowEncoder; each Next() call
// appends about kExportFlushBytes. Parquet is written by DuckDB itself (COPY (<query>) TO
// '<staging>/export-<random>.parquet' with the same bound parameters), then the file is streamed
// and deleted. Errors from the engine surface from StartExport, before any byte is produced, so
// the API can still answer with a proper error status.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "query/compiled_query.h"
#include "storage/engine.h"

namespace gongshu::query {

inline constexpr size_t kExportFlushBytes = 256 * 1024;

struct ExportOptions {
  bool bom = false;  // CSV: start with a UTF-8 BOM so that Excel (zh-CN) detects UTF-8 ("bom=true")
};

class ExportStream {
 public:
  virtual ~ExportStream();
  // "text/csv; charset=utf-8", "application/json", "application/x-ndjson",
  // "application/vnd.apache.parquet".
  virtual std::string_view content_type() const = 0;
  // Appends the next piece (about kExportFlushBytes; a little more when a chunk ends later).
  // Returns true while more may follow; false once the export is complete — the bytes appended
  // by that final call (e.g. a closing ']') still belong to the output.
  virtual Result<bool> Next(std::string& out) = 0;
  uint64_t rows() const { return rows_; }  // rows encoded so far (0 for Parquet)

 protected:
  uint64_t rows_ = 0;
};

// Starts an export. `format` is csv | json | ndjson | parquet (anything else: 400
// query.unsupported_format). The stream owns `session` for its whole life (for Parquet it releases
// it as soon as DuckDB has written the file). `staging_dir` must lie inside the engine's allowed
// directories; it is created if missing.
Result<std::unique_ptr<ExportStream>> StartExport(storage::SessionLease session,
                                                  const CompiledQuery& query,
                                                  std::string_view format,
                                                  const std::filesystem::path& staging_dir,
                                                  storage::QueryOptions options,
                                                  ExportOptions export_options = {});

}  // namespace gongshu::query
