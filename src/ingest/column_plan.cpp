#include "ingest/column_plan.h"

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "core/utf8.h"
#include "ingest/identifier_checks.h"

namespace gongshu::ingest {

namespace {

constexpr size_t kMaxNameBytes = 128;

std::string Upper(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Trims ASCII space and the ideographic space U+3000 (common in Chinese headers).
std::string_view TrimHeader(std::string_view s) {
  for (;;) {
    std::string_view before = s;
    s = Trim(s);
    if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
    if (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    if (s == before) return s;
  }
}

std::string CleanName(std::string_view header) {
  std::string_view s = TrimHeader(header);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len =
          Utf8SequenceLength(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i);
      if (len == 0) {
        out.push_back('_');
        ++i;
        continue;
      }
      if (out.size() + len > kMaxNameBytes) break;
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    if (out.size() + 1 > kMaxNameBytes) break;
    bool bad = c < 0x20 || c == 0x7F || c == '"' || c == '`' || c == '\'';
    out.push_back(bad ? '_' : static_cast<char>(c));
    ++i;
  }
  return out;
}

// Words of a snake_case / kebab / camelCase / spaced ASCII name, lower-cased.
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(AsciiLower(cur));
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool digit = c >= '0' && c <= '9';
    if (!upper && !lower && !digit) {
      flush();
      continue;
    }
    if (upper && !cur.empty()) {
      char prev = cur.back();
      bool prev_lower = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      bool prev_upper = prev >= 'A' && prev <= 'Z';
      if (prev_lower || (prev_upper && next_lower)) flush();  // fooBar, IDNumber
    }
    cur.push_back(c);
  }
  flush();
  return words;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "007", "-012": a number whose text a numeric type would change.
bool HasSignificantLeadingZero(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return s.size() >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9';
}

bool Mostly(size_t hits, size_t total) { return total > 0 && hits * 10 >= total * 9; }

// Short, mostly distinct values (judged on a sample of at least 64).
bool ShortAndMostlyDistinct(const std::vector<std::string>& sample) {
  if (sample.size() < 64) return false;
  std::set<std::string_view> distinct;
  for (const auto& v : sample) {
    if (v.size() > 32) return false;
    distinct.insert(v);
  }
  return distinct.size() * 2 >= sample.size();
}

bool HasDivisionHint(std::string_view name) {
  if (IsIdentifierLikeName(name)) return true;
  for (std::string_view zh : {"区划", "行政", "地区", "区域"}) {
    if (name.find(zh) != std::string_view::npos) return true;
  }
  for (const auto& w : Words(name)) {
    if (w == "division" || w == "region" || w == "area" || w == "adcode") return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> NormalizeColumnNames(const std::vector<std::string>& headers) {
  std::vector<std::string> out;
  std::set<std::string> used;  // lower-cased: the engine matches column names case-insensitively
  for (size_t i = 0; i < headers.size(); ++i) {
    std::string base = CleanName(headers[i]);
    if (base.empty()) base = "column_" + std::to_string(i + 1);
    // "rowid" would shadow the engine's row id that keyset cursors order by; "_gs_" is ours.
    if (AsciiLower(base) == "rowid" || AsciiLower(base).starts_with("_gs_")) base += "_";
    std::string name = base;
    for (int n = 2; used.count(AsciiLower(name)) > 0; ++n) name = base + "_" + std::to_string(n);
    used.insert(AsciiLower(name));
    out.push_back(std::move(name));
  }
  return out;
}

bool IsIdentifierLikeName(std::string_view name) {
  for (std::string_view zh : {"代码", "编码", "编号", "号码", "身份证", "证件号", "电话", "手机",
                              "邮编", "账号", "卡号"}) {
    if (name.find(zh) != std::string_view::npos) return true;
  }
  for (const auto& w : Words(name)) {
    bool code = w.ends_with("code") && w != "decode" && w != "encode" && w != "unicode";
    if (w == "id" || w == "ids" || code || w == "phone" || w == "tel" || w == "telephone" ||
        w == "mobile" || w == "zip" || w == "zipcode" || w == "postcode" || w == "uscc" ||
        w == "fips") {
      return true;
    }
  }
  return false;
}

std::string DetectSemantic(std::string_view name, const std::vector<std::string>& sample) {
  size_t total = 0, resident = 0, uscc = 0, mobile = 0, division = 0;
  const bool division_hint = HasDivisionHint(name);
  for (const auto& raw : sample) {
    std::string_view v = Trim(raw);
    if (v.empty()) continue;
    ++total;
    if (LooksLikeResidentId(v)) {
      ++resident;
    } else if (LooksLikeUscc(v)) {
      ++uscc;
    }
    if (LooksLikeMobile(v)) ++mobile;
    if (IsValidDivisionCode(v) && (v.size() == 12 || division_hint)) ++division;
  }
  if (Mostly(resident, total)) return "resident_id";
  if (Mostly(uscc, total)) return "uscc";
  if (Mostly(mobile, total)) return "mobile";
  if (Mostly(division, total)) return "division_code";
  return "";
}

bool IsNestedSqlType(std::string_view t) {
  std::string u = Upper(t);
  return u.ends_with("]") || u.starts_with("STRUCT") || u.starts_with("MAP") ||
         u.starts_with("UNION") || u == "JSON";
}

std::string NormalizeSqlType(std::string_view duckdb_type) {
  std::string t = Upper(duckdb_type);
  if (IsNestedSqlType(t)) return "VARCHAR";
  static const std::set<std::string> kInts = {
      "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
      "INT1",    "INT2",     "INT4",    "INT8",   "INT",      "LONG",      "SHORT"};
  if (kInts.count(t) > 0) return "BIGINT";
  if (t == "FLOAT" || t == "REAL" || t == "DOUBLE" || t == "FLOAT4" || t == "FLOAT8" ||
      t.starts_with("DECIMAL") || t.starts_with("NUMERIC")) {
    return "DOUBLE";
  }
  if (t == "BOOLEAN" || t == "BOOL") return "BOOLEAN";
  if (t == "DATE") return "DATE";
  if (t == "TIMESTAMP" || t == "DATETIME" || t == "TIMESTAMP_S" || t == "TIMESTAMP_MS" ||
      t == "TIMESTAMP_NS" || t == "TIMESTAMP WITH TIME ZONE" || t == "TIMESTAMPTZ" ||
      t == "TIMESTAMP_US") {
    return "TIMESTAMP";
  }
  if (t == "TIME") return "TIME";
  return "VARCHAR";  // VARCHAR, UBIGINT/HUGEINT (may not fit BIGINT), BLOB, UUID, ENUM, INTERVAL,
                     // TIMETZ…
}

std::string CatalogTypeOf(std::string_view storage_type) {
  if (storage_type == "BIGINT") return "integer";
  if (storage_type == "DOUBLE") return "number";
  if (storage_type == "BOOLEAN") return "boolean";
  if (storage_type == "DATE") return "date";
  if (storage_type == "TIMESTAMP") return "datetime";
  if (storage_type == "TIME") return "time";
  return "string";
}

Result<std::string> StorageTypeForCatalogType(std::string_view catalog_type) {
  std::string t = AsciiLower(Trim(catalog_type));
  if (t == "string" || t == "text" || t == "varchar") return std::string("VARCHAR");
  if (t == "integer" || t == "int" || t == "bigint" || t == "year") return std::string("BIGINT");
  if (t == "number" || t == "float" || t == "double" || t == "decimal" || t == "numeric")
    return std::string("DOUBLE");
  if (t == "boolean" || t == "bool") return std::string("BOOLEAN");
  if (t == "date") return std::string("DATE");
  if (t == "datetime" || t == "timestamp") return std::string("TIMESTAMP");
  if (t == "time") return std::string("TIME");
  return MakeError(ErrorKind::kUnprocessable, "ingest.unknown_type",
                   "Unknown field type '" + std::string(catalog_type) +
                       "'; use string, integer, number, boolean, date, datetime or time.",
                   "未知的字段类型“" + std::string(catalog_type) +
                       "”，请使用 string、integer、number、boolean、date、datetime 或 time。");
}

bool IsIdentifierSemantic(std::string_view semantic) {
  return semantic == "resident_id" || semantic == "mobile" || semantic == "uscc" ||
         semantic == "division_code" || semantic == "organisation_code" ||
         semantic == "postal_code" || semantic == "phone";
}

Result<std::vector<ColumnPlan>> PlanColumns(const std::vector<SourceColumn>& columns,
                                            const std::map<std::string, std::string>& overrides,
                                            const std::map<std::string, ColumnHint>& hints,
                                            bool text_source) {
  std::vector<std::string> headers;
  headers.reserve(columns.size());
  for (const auto& c : columns) headers.push_back(c.header);
  std::vector<std::string> names = NormalizeColumnNames(headers);
  std::set<std::string> matched;
  std::vector<ColumnPlan> plans;
  plans.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const SourceColumn& src = columns[i];
    ColumnPlan p;
    p.name = names[i];
    p.header = std::string(TrimHeader(src.header));
    p.source_type = src.source_type;
    p.semantic = DetectSemantic(p.name, src.sample);
    ColumnHint hint;
    if (auto h = hints.find(p.name); h != hints.end()) hint = h->second;
    if (!hint.semantic.empty()) p.semantic = hint.semantic;
    auto o = overrides.find(p.name);
    if (o == overrides.end()) o = overrides.find(src.header);
    if (o == overrides.end() && !p.header.empty()) o = overrides.find(p.header);
    if (o != overrides.end()) {
      GS_ASSIGN_OR_RETURN(p.storage_type, StorageTypeForCatalogType(o->second));
      p.overridden = true;
      matched.insert(o->first);
    } else {
      p.storage_type = NormalizeSqlType(src.source_type);
      if (p.storage_type == "BIGINT" || p.storage_type == "DOUBLE") {
        bool keep = IsIdentifierSemantic(p.semantic) || hint.prefer_string ||
                    (p.storage_type == "BIGINT" && IsIdentifierLikeName(p.name));
        if (text_source) {
          for (const auto& v : src.sample) {
            std::string_view t = Trim(v);
            if (HasSignificantLeadingZero(t) || (IsDigits(t) && t.size() >= 16)) {
              keep = true;
              break;
            }
          }
        }
        if (keep) {
          p.storage_type = "VARCHAR";
          p.kept_as_string = true;
        }
      }
    }
    p.uncompressed = p.storage_type == "VARCHAR" &&
                     (p.kept_as_string || IsIdentifierSemantic(p.semantic)) &&
                     ShortAndMostlyDistinct(src.sample);
    p.read_type = p.storage_type;
    if (text_source && !p.overridden && p.storage_type == "TIMESTAMP" &&
        (Upper(src.source_type) == "TIMESTAMP WITH TIME ZONE" ||
         Upper(src.source_type) == "TIMESTAMPTZ")) {
      p.read_type = "TIMESTAMPTZ";  // parsed with its offset, stored in UTC
    }
    p.catalog_type = CatalogTypeOf(p.storage_type);
    plans.push_back(std::move(p));
  }
  for (const auto& [key, type] : overrides) {
    if (matched.count(key) == 0) {
      return MakeError(
          ErrorKind::kUnprocessable, "ingest.unknown_override_column",
          "A type override names the column '" + key + "', which the file does not have.",
          "类型覆盖指定的列“" + key + "”在文件中不存在。");
    }
  }
  return plans;
}

std::string StorageExpression(std::string_view ref, const ColumnPlan& plan, bool csv) {
  std::string r(ref);
  if (csv) {
    if (plan.read_type == "TIMESTAMPTZ") return "timezone('UTC', " + r + ")";
    return r;
  }
  std::string src = Upper(plan.source_type);
  if (IsNestedSqlType(src) && plan.storage_type == "VARCHAR")
    return "CAST(to_json(" + r + ") AS VARCHAR)";
  if (src == "TIMESTAMP WITH TIME ZONE" || src == "TIMESTAMPTZ") {
    std::string e = "timezone('UTC', " + r + ")";
    return plan.storage_type == "TIMESTAMP" ? e : "CAST(" + e + " AS " + plan.storage_type + ")";
  }
  if (src == plan.storage_type) return r;
  return "CAST(" + r + " AS " + plan.storage_type + ")";
}

}  // namespace gongshu::ingest
