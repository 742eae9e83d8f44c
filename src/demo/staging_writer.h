#pragma once
// Writes Parquet files into the staging directory for the importer: npm files reshaped by DuckDB
// SQL (the engine may only read files under the data dir, so the source is copied in first), and
// synthetic tables filled column-wise through the Appender. The importer then creates the version
// from the Parquet file, so every demo version is still created by the importer.
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>

#include "core/result.h"
#include "demo/synthetic_column.h"
#include "storage/engine.h"

namespace gongshu::demo {

class StagingWriter {
 public:
  StagingWriter(storage::Engine& engine, std::filesystem::path staging_dir);

  // Copies `source` into staging, runs `select_sql` over the copy (`{source}` in the text is
  // replaced by its quoted path) and writes the result to staging/<name>.parquet. `name` must be
  // a catalog slug; `select_sql` is demo code, never user text.
  Result<std::filesystem::path> Convert(const std::filesystem::path& source, std::string_view select_sql,
                                        std::string_view name);

  // Creates a temporary table with `columns`, appends `rows` rows obtained from `next_batch(n)`
  // (which returns n rows) in batches, and writes it to staging/<name>.parquet.
  Result<std::filesystem::path> WriteSynthetic(std::span<const SyntheticColumn> columns, size_t rows,
                                               const std::function<storage::AppendBatch(size_t)>& next_batch,
                                               std::string_view name);

  // Quotes text as a SQL string literal (for paths the platform generated itself).
  static std::string QuoteLiteral(std::string_view text);

 private:
  storage::Engine& engine_;
  std::filesystem::path staging_dir_;
};

}  // namespace gongshu::demo
