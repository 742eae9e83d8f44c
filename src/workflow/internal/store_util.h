#pragma once
// Helpers shared by the workflow stores: ids, JSON lists in VARCHAR columns, reading rows of
// small results by column name, timestamps. Not for use outside src/workflow/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::workflow::internal {

// "<prefix>_" + 16 lowercase hex characters (64 random bits), e.g. "sa_3f9a0c1d2e4b5a69".
std::string NewId(std::string_view prefix);
// Whether `id` has exactly that shape; anything else cannot name an object (forged ids → 404).
bool IsId(std::string_view prefix, std::string_view id);

std::string ListJson(const std::vector<std::string>& items);
// Lists written by ListJson; anything unreadable becomes an empty list (grants nothing).
std::vector<std::string> ParseList(std::string_view json);

inline int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline TimePoint FromMicros(int64_t micros) { return TimePoint(std::chrono::microseconds(micros)); }
inline storage::Value TimeValue(TimePoint t) { return storage::Value::Timestamp(Micros(t)); }
inline storage::Value TimeValue(const std::optional<TimePoint>& t) {
  return t ? storage::Value::Timestamp(Micros(*t)) : storage::Value::Null();
}

// Cells of one row of a small result, by column name. Missing columns read as empty/zero.
class RowView {
 public:
  RowView(const storage::Table& table, const storage::Row& row) : table_(table), row_(row) {}
  std::string Text(std::string_view column) const;
  int64_t Int(std::string_view column) const;
  bool Bool(std::string_view column) const;
  std::optional<TimePoint> Time(std::string_view column) const;
  TimePoint TimeOr(std::string_view column, TimePoint fallback) const { return Time(column).value_or(fallback); }

 private:
  const storage::Value* Cell(std::string_view column) const;
  const storage::Table& table_;
  const storage::Row& row_;
};

// A row changed by UPDATE … RETURNING: zero rows means another request changed the object first.
Status ExpectOneRow(const Result<storage::Table>& result, std::string_view object_type, std::string_view id);

}  // namespace gongshu::workflow::internal
