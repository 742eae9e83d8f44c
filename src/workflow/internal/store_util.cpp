#include "workflow/internal/store_util.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/encoding.h"
#include "core/json_writer.h"

namespace gongshu::workflow::internal {

std::string NewId(std::string_view prefix) { return std::string(prefix) + "_" + HexEncode(RandomBytes(8)); }

bool IsId(std::string_view prefix, std::string_view id) {
  if (id.size() != prefix.size() + 17 || id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_') {
    return false;
  }
  for (char c : id.substr(prefix.size() + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ListJson(const std::vector<std::string>& items) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  for (const auto& s : items) w.String(s);
  w.EndArray();
  return out;
}

std::vector<std::string> ParseList(std::string_view json) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) return {};
    out.emplace_back(item.as_string());
  }
  return out;
}

const storage::Value* RowView::Cell(std::string_view column) const {
  size_t i = table_.ColumnIndex(column);
  if (i == SIZE_MAX || i >= row_.size()) return nullptr;
  return &row_[i];
}

std::string RowView::Text(std::string_view column) const {
  const storage::Value* v = Cell(column);
  return v == nullptr || v->is_null() ? std::string() : v->ToString();
}

int64_t RowView::Int(std::string_view column) const {
  const storage::Value* v = Cell(column);
  if (v == nullptr) return 0;
  if (v->is_int()) return v->as_int();
  return static_cast<int64_t>(v->ToDouble());
}

bool RowView::Bool(std::string_view column) const {
  const storage::Value* v = Cell(column);
  return v != nullptr && v->is_bool() && v->as_bool();
}

std::optional<TimePoint> RowView::Time(std::string_view column) const {
  const storage::Value* v = Cell(column);
  if (v == nullptr || !v->is_timestamp()) return std::nullopt;
  return FromMicros(v->as_timestamp());
}

Status ExpectOneRow(const Result<storage::Table>& result, std::string_view object_type, std::string_view id) {
  if (!result.ok()) return result.error();
  if (result->rows.size() != 1) {
    return MakeError(ErrorKind::kConflict, "workflow.concurrent_change",
                     "The " + std::string(object_type) + " '" + std::string(id) +
                         "' was changed by another request meanwhile; reload it and try again.",
                     "“" + std::string(id) + "”已被其他请求修改，请刷新后重试。");
  }
  return Ok();
}

}  // namespace gongshu::workflow::internal
