#pragma once
// Ingestion of a data file as a new version of a catalogued resource.
//
// Pipeline: detect format → (CSV) detect encoding and convert GBK/GB18030 to UTF-8 into the
// staging directory → sniff dialect (delimiter, header) → infer the schema (with overrides) →
// create the version's table and its quality profile, record the version and make it current, all
// in ONE transaction (atomic publish): a failed or interrupted import leaves the previous version
// served and no half table visible. Supported: CSV/TSV, JSON (array), NDJSON, Parquet, and
// Frictionless `datapackage.json` descriptors.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/resource.h"
#include "core/clock.h"
#include "core/result.h"
#include "ingest/staging_area.h"
#include "storage/engine.h"

namespace gongshu::ingest {

struct ImportOptions {
  // "" = detect: "csv" | "tsv" | "json" | "ndjson" | "parquet" | "datapackage"
  std::string format;
  // "" = detect: "utf-8" | "gb18030" (GBK and GB2312 are subsets; "gbk" is accepted) | "utf-16"
  std::string encoding;
  std::optional<char> delimiter;  // CSV only; default: sniffed
  std::optional<bool> header;     // CSV only; default: sniffed
  // Column name -> catalog type ("string", "integer", "number", "boolean", "date", "datetime").
  std::map<std::string, std::string> type_overrides;
  // Field metadata to apply by column name (titles, unit, level, semantic…); columns without an
  // entry keep their existing catalog metadata, or get defaults (level 一般2级, title = column
  // name). Non-empty texts replace the catalog's; a non-empty `type` acts as a type override for a
  // column present in the file (type_overrides win). The level applies to NEW columns only: an
  // import never changes the classification of an existing field (a steward's catalog update).
  std::map<std::string, catalog::Field> field_metadata;
  std::string source_name;  // original file name, shown in the version list
  std::string note;         // change note of the version
  // Polled during long steps (also from a helper thread while the engine runs, so it must be
  // thread-safe); true aborts the import: ROLLBACK, staging files deleted, nothing published.
  std::function<bool()> cancelled;
  // Who publishes the version, for the audit log (catalog_change.h); empty: the console.
  catalog::ChangeActor actor;
};

struct ImportResult {
  catalog::ResourceVersion version;    // the version now current
  std::vector<catalog::Field> fields;  // the resource's fields after the import
  std::string detected_format;
  std::string detected_encoding;
  char delimiter = ',';               // CSV: as sniffed or given
  bool header = true;                 // CSV: as sniffed or given
  std::vector<std::string> warnings;  // human-readable notes (e.g. "converted from GB18030")
};

class Importer {
 public:
  // staging_dir must be inside the engine's allowed directories. It is created if missing, and
  // stale "ingest-*" files left by a crashed import are deleted.
  Importer(storage::Engine& engine, catalog::Catalog& catalog, std::filesystem::path staging_dir,
           const Clock& clock);

  // Called with a "version.published" change inside the publishing transaction, just before
  // commit; an error rolls the version back (R-ADM-01, catalog_change.h).
  void SetChangeRecorder(catalog::ChangeRecorder recorder) { recorder_ = std::move(recorder); }

  // Imports `source` as the next version of resource `resource_id` (which must exist). The file
  // may be anywhere readable; it is copied or converted into the staging dir first (a UTF-8 file
  // already in the staging dir, e.g. an upload, is read in place and left to its owner). A
  // datapackage.json with exactly one resource imports that resource's file with its schema.
  // Errors carry stable codes (docs/ingest.md): 422 ingest.csv_malformed (with the line),
  // ingest.invalid_encoding (with byte offset and line), ingest.type_mismatch, ingest.empty_file…
  Result<ImportResult> ImportFile(const std::string& resource_id,
                                  const std::filesystem::path& source,
                                  const ImportOptions& options);

  // Imports a Frictionless data package: for each of its tabular resources, creates the catalog
  // resource when missing (from the descriptor's name/title/description/schema, provider and
  // defaults given by `defaults`) and imports its data file as a new version. The descriptor and
  // every path are checked before anything is imported; each resource is then its own atomic
  // version (a failure stops the loop, earlier resources stay imported).
  Result<std::vector<ImportResult>> ImportDataPackage(const std::filesystem::path& descriptor,
                                                      const catalog::Resource& defaults,
                                                      const ImportOptions& options);

 private:
  storage::Engine& engine_;
  catalog::Catalog& catalog_;
  std::filesystem::path staging_dir_;
  const Clock& clock_;
  StagingArea staging_;
  catalog::ChangeRecorder recorder_;  // set once at start-up
};

}  // namespace gongshu::ingest
