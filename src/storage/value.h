#pragma once
// A bound parameter or a cell of a small, materialized result. Large results never become Values:
// they stream as column vectors (storage/chunk.h).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gongshu::storage {

struct DateValue {
  int32_t days = 0;  // since 1970-01-01
  bool operator==(const DateValue&) const = default;
};
struct TimestampValue {
  int64_t micros = 0;  // since the epoch, UTC
  bool operator==(const TimestampValue&) const = default;
};

class Value {
 public:
  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Bool(bool v) { return Value(Rep(v)); }
  static Value Int(int64_t v) { return Value(Rep(v)); }
  static Value Double(double v) { return Value(Rep(v)); }
  static Value Text(std::string v) { return Value(Rep(std::move(v))); }
  static Value Date(int32_t days) { return Value(Rep(DateValue{days})); }
  static Value Timestamp(int64_t micros) { return Value(Rep(TimestampValue{micros})); }

  bool is_null() const { return rep_.index() == 0; }
  bool is_bool() const { return std::holds_alternative<bool>(rep_); }
  bool is_int() const { return std::holds_alternative<int64_t>(rep_); }
  bool is_double() const { return std::holds_alternative<double>(rep_); }
  bool is_text() const { return std::holds_alternative<std::string>(rep_); }
  bool is_date() const { return std::holds_alternative<DateValue>(rep_); }
  bool is_timestamp() const { return std::holds_alternative<TimestampValue>(rep_); }

  bool as_bool() const { return std::get<bool>(rep_); }
  int64_t as_int() const { return std::get<int64_t>(rep_); }
  double as_double() const { return std::get<double>(rep_); }
  const std::string& as_text() const { return std::get<std::string>(rep_); }
  int32_t as_date() const { return std::get<DateValue>(rep_).days; }
  int64_t as_timestamp() const { return std::get<TimestampValue>(rep_).micros; }

  // Numeric view (int or double), 0 for others; text view ("" for non-text).
  double ToDouble() const;
  std::string ToString() const;  // display form; NULL -> ""

  bool operator==(const Value& o) const { return rep_ == o.rep_; }

 private:
  using Rep = std::variant<std::monostate, bool, int64_t, double, std::string, DateValue, TimestampValue>;
  explicit Value(Rep r) : rep_(std::move(r)) {}
  Rep rep_;
};

using Params = std::vector<Value>;
using Row = std::vector<Value>;

}  // namespace gongshu::storage
