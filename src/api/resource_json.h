#pragma once
// JSON shapes of catalog objects in the API (one place, used by handlers and the CLI).
#include <string>

#include "catalog/catalog.h"
#include "catalog/resource.h"
#include "core/json_writer.h"
#include "core/result.h"

namespace gongshu::api {

// Which fields' values the caller may receive (names), for the "available" flag on fields.
using FieldAvailability = std::function<bool(const catalog::Field&)>;

void WriteResourceSummary(JsonWriter& w, const catalog::Resource& r, const catalog::CatalogSnapshot& snap);
void WriteResourceDetail(JsonWriter& w, const catalog::Resource& r, const catalog::CatalogSnapshot& snap,
                         const FieldAvailability& available);
void WriteVersion(JsonWriter& w, const catalog::ResourceVersion& v);

// Parses a resource from a JSON request body (create/update). Unknown keys are rejected.
Result<catalog::Resource> ParseResourceJson(std::string_view body);

}  // namespace gongshu::api
