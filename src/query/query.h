#pragma once
// The records query module (公开数据记录查询): one include for the API layer.
//   RecordsRequest (raw clauses) + QueryScope (policy decision)
//     → CompileRecords / CompileExport → CompiledQuery (SQL + bound params)
//     → RunRecordsPage (JSON page) | StartExport (CSV / JSON / NDJSON / Parquet stream)
#include "query/compiled_query.h"    // IWYU pragma: export
#include "query/export_stream.h"     // IWYU pragma: export
#include "query/query_limits.h"      // IWYU pragma: export
#include "query/query_scope.h"       // IWYU pragma: export
#include "query/records_compiler.h"  // IWYU pragma: export
#include "query/records_page.h"      // IWYU pragma: export
#include "query/records_request.h"   // IWYU pragma: export
