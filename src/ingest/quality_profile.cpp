#include "ingest/quality_profile.h"

#include "core/json_writer.h"
#include "core/utf8.h"

namespace gongshu::ingest {

namespace {

constexpr size_t kMaxExtremeBytes = 200;

std::string ValidityMacro(const std::string& semantic) {
  if (semantic == "resident_id") return "gs_is_resident_id";
  if (semantic == "mobile") return "gs_is_mobile";
  if (semantic == "uscc") return "gs_is_uscc";
  if (semantic == "division_code") return "gs_is_division_code";
  return "";
}

bool IsNumber(const std::string& storage_type) {
  return storage_type == "BIGINT" || storage_type == "DOUBLE";
}

// Cuts long text at a character boundary so that a profile stays small.
std::string Clip(const std::string& s) {
  if (s.size() <= kMaxExtremeBytes) return s;
  size_t end = kMaxExtremeBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

void WriteValue(JsonWriter& w, const storage::Value& v) {
  if (v.is_null()) {
    w.Null();
  } else if (v.is_int()) {
    w.Int(v.as_int());
  } else if (v.is_double()) {
    w.Double(v.as_double());
  } else if (v.is_bool()) {
    w.Bool(v.as_bool());
  } else {
    w.String(Clip(v.ToString()));
  }
}

double Rate(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

bool HasValidityCheck(const std::string& semantic) { return !ValidityMacro(semantic).empty(); }

bool IsPersonalSemantic(const std::string& semantic) {
  return semantic == "resident_id" || semantic == "mobile";
}

Result<std::string> ComputeProfile(storage::Session& session, const std::string& table,
                                   const std::vector<ProfileField>& fields, int64_t row_count,
                                   storage::QueryOptions options) {
  const bool exact = row_count <= kExactDistinctMaxRows;
  // Column layout of the single result row: count(*), then per field: non-null, distinct,
  // [min, max], [mean], [invalid].
  std::string sql = "SELECT count(*)";
  for (const auto& f : fields) {
    std::string c = storage::QuoteIdentifier(f.name);
    sql += ", count(" + c + ")";
    sql += exact ? ", count(DISTINCT " + c + ")" : ", approx_count_distinct(" + c + ")";
    if (!f.withhold_extremes) {
      if (IsNumber(f.storage_type) || f.storage_type == "BOOLEAN") {
        sql += ", min(" + c + "), max(" + c + ")";
      } else {
        sql += ", CAST(min(" + c + ") AS VARCHAR), CAST(max(" + c + ") AS VARCHAR)";
      }
    }
    if (IsNumber(f.storage_type)) sql += ", avg(" + c + ")";
    std::string macro = ValidityMacro(f.semantic);
    if (!macro.empty()) {
      std::string text = f.storage_type == "VARCHAR" ? c : "CAST(" + c + " AS VARCHAR)";
      sql +=
          ", count_if(" + c + " IS NOT NULL AND NOT coalesce(" + macro + "(" + text + "), false))";
    }
  }
  sql += " FROM " + table;
  GS_ASSIGN_OR_RETURN(storage::Table t, session.Query(sql, {}, options));
  if (t.rows.size() != 1) {
    return MakeError(ErrorKind::kInternal, "ingest.profile",
                     "The quality profile query returned no row.", "质量画像查询未返回结果。");
  }
  const storage::Row& r = t.rows[0];
  auto int_at = [&](size_t i) {
    return r[i].is_int() ? r[i].as_int() : static_cast<int64_t>(r[i].ToDouble());
  };
  const int64_t rows = int_at(0);
  size_t col = 1;
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Field("profile_version", 1);
  w.Field("row_count", rows);
  w.Field("field_count", static_cast<int64_t>(fields.size()));
  w.Field("distinct_method", exact ? "exact" : "approx");
  int64_t cells = 0, non_null_cells = 0, checked = 0, invalid_total = 0;
  w.Key("fields").BeginArray();
  for (const auto& f : fields) {
    int64_t non_null = int_at(col++);
    int64_t distinct = int_at(col++);
    if (distinct > non_null) distinct = non_null;  // the HyperLogLog estimate can overshoot
    w.BeginObject();
    w.Field("name", f.name);
    w.Field("type", f.catalog_type);
    if (!f.semantic.empty()) w.Field("semantic", f.semantic);
    w.Field("null_count", rows - non_null);
    w.Field("null_rate", Rate(rows - non_null, rows));
    w.Field("distinct_count", distinct);
    w.Field("distinct_rate", Rate(distinct, non_null));
    if (f.withhold_extremes) {
      w.Field("extremes_withheld", true);
    } else {
      w.Key("min");
      WriteValue(w, r[col++]);
      w.Key("max");
      WriteValue(w, r[col++]);
    }
    if (IsNumber(f.storage_type)) {
      w.Key("mean");
      WriteValue(w, r[col++]);
    }
    if (HasValidityCheck(f.semantic)) {
      int64_t invalid = int_at(col++);
      w.Key("validity").BeginObject();
      w.Field("rule", f.semantic);
      w.Field("checked", non_null);
      w.Field("invalid_count", invalid);
      w.Field("invalid_rate", Rate(invalid, non_null));
      w.EndObject();
      checked += non_null;
      invalid_total += invalid;
    }
    w.EndObject();
    cells += rows;
    non_null_cells += non_null;
  }
  w.EndArray();
  // Dataset-level indicators (开放数据质量: completeness and validity).
  w.Field("completeness", cells > 0 ? Rate(non_null_cells, cells) : 1.0);
  if (checked > 0) w.Field("validity", 1.0 - Rate(invalid_total, checked));
  w.EndObject();
  return out;
}

}  // namespace gongshu::ingest
