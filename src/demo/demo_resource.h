#pragma once
// One resource of the demo platform: its catalog metadata (titles, descriptions, tags and fields
// in Chinese and English, classification, share/open attributes) and where its data comes from.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/resource.h"

namespace gongshu::demo {

enum class DemoSourceKind {
  kFile,         // a file of an npm package, imported as is
  kConverted,    // a file of an npm package reshaped by DuckDB SQL into a staging Parquet file
  kPopulation,   // synthetic population registry (PopulationGenerator)
  kEnterprises,  // synthetic enterprise registry (EnterpriseGenerator)
};

struct DemoResource {
  catalog::Resource resource;  // draft: metadata and fields (types are refined by the import)
  DemoSourceKind kind = DemoSourceKind::kFile;
  std::string source;          // kFile/kConverted: path relative to third_party/node_modules
  // kConverted: a SELECT reading the staged copy of `source` through `{source}` (replaced by the
  // quoted path of that copy); its result becomes the imported Parquet file.
  std::string conversion_sql;
  std::map<std::string, std::string> type_overrides;  // column -> catalog type
  std::string note;            // change note of the first version
  uint64_t seed = 0;           // synthetic: PRNG seed
};

}  // namespace gongshu::demo
