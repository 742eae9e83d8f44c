#pragma once
// The outcome of one policy decision: allow or deny, and the obligations the query and output
// layers must apply (permitted fields with their masks, row filters, mode, caps).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/value.h"

namespace gongshu::policy {

// The three channels of public data plus administration.
enum class Channel { kOpen, kShare, kOperation, kAdmin };
std::string_view ChannelCode(Channel c);
// "open" | "share" | "operation" (the admin channel cannot be asked for).
std::optional<Channel> ParseChannel(std::string_view code);

enum class Action {
  kDiscover,  // see catalog metadata
  kRead,      // query records
  kExport,    // download the whole (filtered) result
  kWrite,     // create/update/publish/import
  kVerify,    // 核验: yes/no answers about records (operation channel, verify-only mode)
};
std::string_view ActionCode(Action a);

enum class AccessMode { kRows, kAggregateOnly, kVerifyOnly };
std::string_view AccessModeCode(AccessMode m);  // "rows" | "aggregate_only" | "verify_only"

struct FieldObligation {
  std::string name;
  std::string mask;  // "" = raw; else a privacy::MaskKind code
};

struct RowFilterObligation {
  std::string field;
  enum class Op { kEquals, kIn, kPrefix } op = Op::kEquals;
  std::vector<storage::Value> values;
};

struct Decision {
  bool allow = false;
  std::string id;  // decision id, returned as X-Decision-Id and written to the audit log
  Error reason;    // why it was denied (kForbidden / kUnauthenticated / kNotFound)
  Channel channel = Channel::kOpen;
  std::vector<FieldObligation> fields;  // the only fields that exist for this request
  std::vector<RowFilterObligation> row_filters;
  AccessMode mode = AccessMode::kRows;
  int64_t max_rows = 10000;  // per page
  std::string grant_id;      // the grant or authorization relied on, if any
  std::string basis;         // on what grounds (policy::AccessBasisCode), "" when denied
  std::string purpose;       // the purpose the decision was made for ("" = none given)
  uint64_t snapshot_generation = 0;  // which policy snapshot decided
};

}  // namespace gongshu::policy
