#pragma once
// Quality profile of a dataset version (stored as JSON in ResourceVersion.profile_json; shape in
// docs/ingest.md): row count, and per field the null count/rate, distinct count (exact up to
// kExactDistinctMaxRows rows, HyperLogLog estimate above), min/max, mean of numbers, and for
// typed identifiers (resident ID, mobile, credit code, division code) the invalid count/rate.
// Everything comes from ONE aggregate query over the new table.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/engine.h"

namespace gongshu::ingest {

inline constexpr int64_t kExactDistinctMaxRows = 100000;

struct ProfileField {
  std::string name;          // column name (quoted by the builder)
  std::string storage_type;  // normalized SQL type
  std::string catalog_type;
  std::string semantic;            // "" or one with a validity check (HasValidityCheck)
  bool withhold_extremes = false;  // personal or sensitive: min/max not recorded
};

// Semantics with a validity check in the engine (macros of migration 0002).
bool HasValidityCheck(const std::string& semantic);
// Personal identifiers whose values never appear in a profile.
bool IsPersonalSemantic(const std::string& semantic);

// Runs the aggregate over `table` (an already quoted, generated name) and returns the JSON.
Result<std::string> ComputeProfile(storage::Session& session, const std::string& table,
                                   const std::vector<ProfileField>& fields, int64_t row_count,
                                   storage::QueryOptions options = {});

}  // namespace gongshu::ingest
