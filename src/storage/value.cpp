#include "storage/value.h"

#include <charconv>

#include "core/json_writer.h"
#include "core/time_format.h"

namespace gongshu::storage {

double Value::ToDouble() const {
  if (is_int()) return static_cast<double>(as_int());
  if (is_double()) return as_double();
  if (is_bool()) return as_bool() ? 1 : 0;
  return 0;
}

std::string Value::ToString() const {
  std::string out;
  if (is_null()) return out;
  if (is_bool()) return as_bool() ? "true" : "false";
  if (is_int()) return std::to_string(as_int());
  if (is_double()) {
    JsonWriter::AppendDouble(out, as_double());
    return out;
  }
  if (is_text()) return as_text();
  if (is_date()) {
    AppendIsoDate(out, as_date());
    return out;
  }
  AppendIsoTimestamp(out, as_timestamp());
  return out;
}

}  // namespace gongshu::storage
