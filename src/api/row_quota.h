#pragma once
// The rows quota where data leaves: records pages are charged after they are produced (and
// refused, rows unreleased, when the caller's bucket cannot cover them); exports are refused while
// the bucket is in debt and charged as their rows stream (policy/quota_limiter.h).
#include <memory>
#include <string_view>

#include "api/app_context.h"
#include "api/http_types.h"
#include "core/result.h"
#include "query/export_stream.h"

namespace gongshu::api {

// Charges the rows of a records page body ({"results":[{…},…],…}).
Status ChargeRecordsPage(AppContext& ctx, const HttpRequest& req, std::string_view page_json);
// 429 quota.exceeded while the caller owes rows from earlier exports.
Status CheckRowQuota(AppContext& ctx, const HttpRequest& req);
// The same stream, charging its rows to the caller as they are produced.
std::unique_ptr<query::ExportStream> MeterRows(AppContext& ctx, const HttpRequest& req,
                                               std::unique_ptr<query::ExportStream> stream);

// The number of elements of the top-level "results" array of a JSON object (our own encoder's
// output), without building a DOM: one pass over the bytes.
int64_t CountResults(std::string_view json);

}  // namespace gongshu::api
