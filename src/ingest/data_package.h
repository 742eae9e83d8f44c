#pragma once
// Frictionless Data Package descriptors (datapackage.json, https://specs.frictionlessdata.io/):
// the package metadata and its tabular resources with their paths, dialects and Table Schemas.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongshu::ingest {

struct DataPackageField {
  std::string name;
  std::string type;  // Table Schema type (string, integer, number, …) or ""
  std::string title;
  std::string description;
  std::string format;    // Table Schema format (kept for reference)
  std::string unit;      // extension: "unit"
  std::string semantic;  // extension: "semantic" (resident_id, mobile, uscc, division_code…)
  std::string level;     // extension: "level" (L1..L4, important, core)
};

struct DataPackageResource {
  std::string name;
  std::string title;
  std::string description;
  std::string relative_path;             // as written in the descriptor
  std::filesystem::path path;            // resolved, inside the descriptor's directory
  std::string format;                    // "" when absent
  std::string encoding;                  // "" when absent
  std::optional<char> delimiter;         // dialect.delimiter
  std::optional<bool> header;            // dialect.header
  std::vector<DataPackageField> fields;  // schema.fields
};

struct DataPackage {
  std::string name;
  std::string title;
  std::string description;
  std::vector<std::string> keywords;
  std::string license;  // first licenses[] entry: name, else title, else path
  std::vector<DataPackageResource> resources;  // tabular resources only
  std::vector<std::string> skipped;            // names of resources that are not importable
};

// Parses and checks a descriptor. Paths must be relative, without "..", and resolve (through
// symlinks) inside the descriptor's directory; URLs and inline data are not imported.
// Errors: kUnprocessable "ingest.datapackage_invalid" / "ingest.datapackage_path".
Result<DataPackage> ParseDataPackage(const std::filesystem::path& descriptor);

// Catalog type for a Table Schema type ("" when the engine should infer it).
std::string CatalogTypeForTableSchema(const std::string& type);

// Resource id from a package resource name: lower-cased, runs of other characters → '-'.
std::string ResourceIdFromName(const std::string& name);

}  // namespace gongshu::ingest
