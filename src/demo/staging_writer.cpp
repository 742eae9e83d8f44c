#include "demo/staging_writer.h"

#include <system_error>

#include "catalog/resource.h"

namespace gongshu::demo {

namespace {

constexpr size_t kBatchRows = 64 * 1024;

Error StagingError(const std::string& what_en, const std::string& what_zh) {
  return MakeError(ErrorKind::kInternal, "demo.staging", what_en, what_zh);
}

Status CheckName(std::string_view name) {
  if (!catalog::IsValidResourceId(name)) {
    return StagingError("Invalid staging name '" + std::string(name) + "'.",
                        "暂存文件名“" + std::string(name) + "”无效。");
  }
  return Ok();
}

}  // namespace

StagingWriter::StagingWriter(storage::Engine& engine, std::filesystem::path staging_dir)
    : engine_(engine), staging_dir_(std::move(staging_dir)) {}

std::string StagingWriter::QuoteLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

Result<std::filesystem::path> StagingWriter::Convert(const std::filesystem::path& source,
                                                     std::string_view select_sql, std::string_view name) {
  GS_RETURN_IF_ERROR(CheckName(name));
  std::error_code ec;
  std::filesystem::create_directories(staging_dir_, ec);
  const std::filesystem::path copy = staging_dir_ / (std::string(name) + ".source" + source.extension().string());
  const std::filesystem::path out = staging_dir_ / (std::string(name) + ".parquet");
  if (!std::filesystem::copy_file(source, copy, std::filesystem::copy_options::overwrite_existing, ec)) {
    return StagingError("Cannot copy " + source.string() + " into staging: " + ec.message(),
                        "无法将 " + source.string() + " 复制到暂存目录：" + ec.message());
  }
  std::string sql(select_sql);
  const std::string placeholder = "{source}";
  const std::string literal = QuoteLiteral(copy.string());
  for (size_t at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder, at + literal.size())) {
    sql.replace(at, placeholder.size(), literal);
  }
  Status st = [&]() -> Status {
    GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
    return s->Execute("COPY (" + sql + ") TO " + QuoteLiteral(out.string()) + " (FORMAT parquet)");
  }();
  std::filesystem::remove(copy, ec);
  if (!st.ok()) {
    std::filesystem::remove(out, ec);  // a failed COPY may leave a partial file
    return std::move(st).error();
  }
  return out;
}

Result<std::filesystem::path> StagingWriter::WriteSynthetic(
    std::span<const SyntheticColumn> columns, size_t rows,
    const std::function<storage::AppendBatch(size_t)>& next_batch, std::string_view name) {
  GS_RETURN_IF_ERROR(CheckName(name));
  std::error_code ec;
  std::filesystem::create_directories(staging_dir_, ec);
  const std::filesystem::path out = staging_dir_ / (std::string(name) + ".parquet");
  const std::string table = storage::QuoteIdentifier("demo_staging_" + std::string(name));

  std::string create = "CREATE OR REPLACE TEMP TABLE " + table + " (";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) create += ", ";
    create += storage::QuoteIdentifier(columns[i].name) + " " + std::string(columns[i].sql_type);
  }
  create += ")";

  GS_ASSIGN_OR_RETURN(storage::SessionLease s, engine_.Acquire());
  GS_RETURN_IF_ERROR(s->Execute(create));
  Status st = [&]() -> Status {
    {
      GS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Appender> appender, s->OpenAppender("demo_staging_" + std::string(name)));
      for (size_t done = 0; done < rows;) {
        const size_t n = std::min(kBatchRows, rows - done);
        GS_RETURN_IF_ERROR(appender->Append(next_batch(n)));
        done += n;
      }
      GS_RETURN_IF_ERROR(appender->Close());
    }
    return s->Execute("COPY " + table + " TO " + QuoteLiteral(out.string()) + " (FORMAT parquet)");
  }();
  Status dropped = s->Execute("DROP TABLE IF EXISTS " + table);
  if (!st.ok()) {
    std::filesystem::remove(out, ec);
    return std::move(st).error();
  }
  if (!dropped.ok()) return std::move(dropped).error();
  return out;
}

}  // namespace gongshu::demo
