#include "query/records_page.h"

#include <algorithm>
#include <optional>

#include "core/json_writer.h"
#include "query/cursor.h"
#include "query/internal/query_error.h"
#include "query/query_limits.h"
#include "query/row_encoder.h"

namespace gongshu::query {

namespace {

// The last emitted row's order keys and rowid, read from the hidden trailing columns.
std::optional<CursorPayload> CaptureCursorRow(const storage::Chunk& chunk,
                                              const std::vector<storage::ColumnInfo>& columns,
                                              size_t first_hidden, size_t hidden, size_t row) {
  CursorPayload p;
  for (size_t c = first_hidden; c + 1 < first_hidden + hidden; ++c) {
    auto v = CursorValue::FromCell(columns[c], chunk.columns[c], row);
    if (!v) return std::nullopt;
    p.keys.push_back(std::move(*v));
  }
  size_t rowid_col = first_hidden + hidden - 1;
  if (columns[rowid_col].type != storage::ColumnType::kBigInt ||
      !chunk.columns[rowid_col].IsValid(row)) {
    return std::nullopt;
  }
  p.rowid = chunk.columns[rowid_col].As<int64_t>()[row];
  return p;
}

}  // namespace

Result<std::string> RunRecordsPage(storage::Session& session, const CompiledQuery& query,
                                   const RecordsRequest& request, const QueryScope& scope,
                                   storage::QueryOptions options) {
  std::string out;
  out.reserve(4096);
  JsonWriter w(out);
  w.BeginObject();
  if (request.include_total && !query.count_sql.empty()) {
    GS_ASSIGN_OR_RETURN(storage::Table t,
                        session.Query(query.count_sql, query.count_params, options));
    int64_t total = t.rows.empty() || t.rows[0].empty() ? 0 : t.rows[0][0].as_int();
    w.Field("total_count", total);
  }
  w.Field("limit", query.limit).Field("offset", query.offset);
  w.Key("fields").BeginArray();
  for (const auto& c : query.columns) {
    w.BeginObject().Field("name", c.name).Field("type", c.type).EndObject();
  }
  w.EndArray();
  w.Key("results").Raw("[");

  bool has_more = false;
  std::optional<CursorPayload> last;
  if (query.limit > 0) {
    GS_ASSIGN_OR_RETURN(std::unique_ptr<storage::RowStream> stream,
                        session.Stream(query.sql, query.params, options));
    const auto& columns = stream->columns();
    const size_t emitted = query.columns.size();
    if (columns.size() != emitted + query.hidden_columns) {
      return internal::QueryError(ErrorKind::kInternal, "query.result_shape",
                                  "The query returned an unexpected number of columns.",
                                  "查询返回的列数与预期不符。");
    }
    std::vector<std::string> names;
    names.reserve(emitted);
    for (const auto& c : query.columns) names.push_back(c.name);
    RowEncoder encoder(RowFormat::kJson, std::move(names));
    int64_t rows = 0;
    for (;;) {
      GS_ASSIGN_OR_RETURN(const storage::Chunk* chunk, stream->Next());
      if (chunk == nullptr) break;
      auto take = static_cast<size_t>(
          std::min<int64_t>(static_cast<int64_t>(chunk->size), query.limit - rows));
      encoder.Append(*chunk, columns, 0, take, out);
      if (take > 0 && query.hidden_columns > 0) {
        last = CaptureCursorRow(*chunk, columns, emitted, query.hidden_columns, take - 1);
      }
      rows += static_cast<int64_t>(take);
      if (take < chunk->size) {
        has_more = true;
        break;
      }
    }
  }
  out.push_back(']');
  if (has_more && !query.aggregate && last && !scope.cursor_key.empty() &&
      !query.cursor_binding.empty()) {
    last->binding = query.cursor_binding;
    std::string token = EncodeCursor(*last, scope.cursor_key);
    // A cursor too long to come back in a URL (very long text sort keys) is not offered.
    if (token.size() <= kMaxCursorLength) w.Field("next_cursor", token);
  }
  w.EndObject();
  return out;
}

}  // namespace gongshu::query
