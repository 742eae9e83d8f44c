#pragma once
// Parsing and validating query-string parameters, with bilingual 400 errors.
#include <cstdint>
#include <optional>
#include <string_view>

#include "api/http_types.h"
#include "core/result.h"

namespace gongshu::api {

// An optional integer parameter within [min, max]; absent -> nullopt.
Result<std::optional<int64_t>> IntParam(const HttpRequest& req, std::string_view name, int64_t min, int64_t max);
// A boolean parameter: true/false/1/0; absent -> fallback.
Result<bool> BoolParam(const HttpRequest& req, std::string_view name, bool fallback);
// Rejects parameters not in the allowed list (typos fail loudly instead of being ignored).
Status OnlyParams(const HttpRequest& req, std::initializer_list<std::string_view> allowed);

}  // namespace gongshu::api
