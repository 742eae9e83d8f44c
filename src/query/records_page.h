#pragma once
// 记录分页: runs a compiled records query on a session and writes the complete JSON body of
// GET /api/v1/resources/{id}/records:
//
//   {"total_count":N,            only when include_total
//    "limit":L,"offset":O,
//    "fields":[{"name":"…","type":"…"},…],
//    "results":[{…},…],          at most L rows, keys = output names, in select order
//    "next_cursor":"…"}          only when a following page exists (non-aggregate queries, and
//                                only when the scope has a cursor_key)
#include <string>

#include "core/result.h"
#include "query/compiled_query.h"
#include "query/query_scope.h"
#include "query/records_request.h"
#include "storage/engine.h"

namespace gongshu::query {

Result<std::string> RunRecordsPage(storage::Session& session, const CompiledQuery& query,
                                   const RecordsRequest& request, const QueryScope& scope,
                                   storage::QueryOptions options);

}  // namespace gongshu::query
