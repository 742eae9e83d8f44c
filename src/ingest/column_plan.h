#pragma once
// Schema inference: from the columns the engine infers (names, DuckDB types) and a sample of their
// text, decide each column's catalog name, stored type and semantic. Stored types are normalized
// to a small set (BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP, TIME); identifier-like
// columns (codes with leading zeros, resident IDs, mobiles, credit codes, division codes) stay
// VARCHAR; explicit type overrides win.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongshu::ingest {

struct SourceColumn {
  std::string header;       // original header text / JSON key / Parquet name ("" if none)
  std::string source_type;  // DuckDB type name as inferred ("BIGINT", "STRUCT(a INTEGER)", …)
  std::vector<std::string> sample;  // non-null sample values as text (CSV: raw cells)
};

struct ColumnPlan {
  std::string name;          // catalog field name and table column name
  std::string header;        // original header (becomes the default title)
  std::string source_type;   // as inferred by the engine
  std::string read_type;     // CSV: the type read_csv parses the column as
  std::string storage_type;  // normalized SQL type of the version's table column
  std::string
      catalog_type;  // "string" | "integer" | "number" | "boolean" | "date" | "datetime" | "time"
  std::string semantic;     // detected: "resident_id" | "mobile" | "uscc" | "division_code" | ""
  bool overridden = false;  // the type came from an override
  bool kept_as_string = false;  // an identifier-like column kept as VARCHAR
  // A high-cardinality identifier (codes, IDs): stored without compression. The engine's string
  // compression (FSST) buys little on short unique codes and roughly doubles the load time.
  bool uncompressed = false;
};

// Makes unique, catalog-valid column names from headers: keeps usable text (Unicode letters
// allowed), trims, replaces control characters, quotes and backquotes with '_', truncates to
// 128 bytes, names empty headers column_<n>, appends '_' to the reserved names rowid and _gs_*,
// and dedupes case-insensitively with _2, _3….
std::vector<std::string> NormalizeColumnNames(const std::vector<std::string>& headers);

// Name hints of identifier columns: 代码 编码 编号 号码 身份证 证件号 电话 手机 邮编 账号 卡号, and
// the English words id, code (also *code), phone, tel, mobile, zip, postcode, uscc as whole words
// of snake_case / camelCase names.
bool IsIdentifierLikeName(std::string_view name);

// Semantic of a column from its name and sampled text: ≥ 90% of the non-empty samples shaped
// like resident IDs, credit codes, mobiles or division codes (6-digit codes need a name hint).
std::string DetectSemantic(std::string_view name, const std::vector<std::string>& sample);

// Normalized storage type of an engine type: integers → BIGINT (UBIGINT/HUGEINT → VARCHAR, they
// may not fit), floating and decimal → DOUBLE, TIMESTAMP_* and TIMESTAMPTZ → TIMESTAMP, TIME,
// DATE, BOOLEAN, VARCHAR; everything else (nested, enums, blobs, uuids, intervals) → VARCHAR.
std::string NormalizeSqlType(std::string_view duckdb_type);
// Whether the engine type is nested (its values become JSON text).
bool IsNestedSqlType(std::string_view duckdb_type);
// Catalog type name of a normalized storage type.
std::string CatalogTypeOf(std::string_view storage_type);
// Storage type for a catalog type name or alias ("string", "integer", "number", "boolean", "date",
// "datetime", "time"; also text, int, float, double, decimal, timestamp, bool…);
// unknown → kUnprocessable "ingest.unknown_type".
Result<std::string> StorageTypeForCatalogType(std::string_view catalog_type);

// What the catalog already knows about a column (from the resource's fields or the caller's
// field metadata): its semantic, and whether earlier versions stored it as text.
struct ColumnHint {
  std::string semantic;
  bool prefer_string = false;
};

// Semantics of identifiers, whose values are text even when they look numeric.
bool IsIdentifierSemantic(std::string_view semantic);

// Builds the plan. `overrides` maps a column name (normalized or original header) to a catalog
// type; an override naming no column fails with "ingest.unknown_override_column". `hints` is
// keyed by column name. `text_source` is true for CSV, whose sample holds the raw text (leading
// zeros are visible).
Result<std::vector<ColumnPlan>> PlanColumns(const std::vector<SourceColumn>& columns,
                                            const std::map<std::string, std::string>& overrides,
                                            const std::map<std::string, ColumnHint>& hints,
                                            bool text_source);

// SELECT-list expression turning the source column `ref` (already quoted or positional) into the
// stored column, e.g. CAST(#3 AS BIGINT), timezone('UTC', #2), CAST(to_json(#4) AS VARCHAR).
std::string StorageExpression(std::string_view ref, const ColumnPlan& plan, bool csv);

}  // namespace gongshu::ingest
