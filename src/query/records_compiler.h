#pragma once
// 查询编译: turns a RecordsRequest into SQL for one caller's QueryScope.
//
//   parse (lexer/parser) → resolve names against the scope only → type-check → apply masks and
//   row filters → SQL text built from constants and quoted scope identifiers + bound parameters.
//
// Guarantees: a name not in the scope is an error naming it (query.unknown_field); a field that is
// not filterable cannot steer results (where/group_by/order_by/search → 403
// query.field_not_filterable); masked fields are read through their mask everywhere (select,
// where, order, group), so filters cannot probe raw values; row filters are always AND-ed in;
// every error is a 4xx with a stable code and English + Chinese messages, returned before
// anything reaches the engine.
#include "core/result.h"
#include "query/compiled_query.h"
#include "query/query_scope.h"
#include "query/records_request.h"

namespace gongshu::query {

// A records page: limit defaults to kDefaultLimit and is capped by scope.max_limit; offset is
// capped by kMaxOffset; the cursor (non-aggregate queries only, not with offset) continues after
// the previous page. Non-aggregate pages are ordered by the order_by keys then rowid, so paging
// is stable; the page SQL carries the keys and rowid as hidden trailing columns.
Result<CompiledQuery> CompileRecords(const RecordsRequest& request, const QueryScope& scope);

// A whole export: same language, no limit cap (limit optional, offset optional), no cursor, no
// hidden columns, no total. Without order_by rows come in table order.
Result<CompiledQuery> CompileExport(const RecordsRequest& request, const QueryScope& scope);

}  // namespace gongshu::query
