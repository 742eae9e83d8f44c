#pragma once
// AuditEvent: one entry of the audit log (审计日志条目), and its canonical binary encoding.
//
// No personal data: an event holds only identifiers (request, decision, principal, organisation,
// resource, grant, object ids), names of fields and masks, and hashes. Never put a person's name,
// ID-card number, phone number or any returned value into an event: leaves are kept forever and
// cannot be erased without breaking the tree (R-LOG-11). Hash or pseudonymise upstream.
//
// Encoding, version 1 (docs/audit.md §Entry format). Deterministic: fixed field order,
// big-endian integers, every string/bytes field prefixed by its u32 length, every list by its
// u32 count. The decoder accepts exactly the encoder's output: unknown versions, truncated
// input, trailing bytes, out-of-range enums and non-canonical optional sections are rejected,
// so Encode(Decode(b)) == b for every accepted b.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongshu::audit {

using Digest32 = std::array<uint8_t, 32>;

// Which channel the event belongs to (the three uses of public data, plus administration).
enum class Channel : uint8_t {
  kShare = 1,      // 共享: inter-department sharing
  kOpen = 2,       // 开放: opening to the public
  kOperation = 3,  // 授权运营: authorized operation
  kAdmin = 4,      // administrative action (catalog, grants, keys…)
  kWorkflow = 5,   // workflow transition (applications, registrations, objections…)
  kSystem = 6,     // platform events (start-up, key rotation, checkpoint anomalies)
};

enum class Decision : uint8_t {
  kAllow = 1,
  kDeny = 2,
  kMasked = 3,    // allowed with masking obligations applied
  kFiltered = 4,  // allowed with a row filter applied
  kError = 5,     // the request failed after the decision (still logged)
};

std::string_view ChannelName(Channel c);  // "share" | "open" | "operation" | "admin" | …
std::optional<Channel> ParseChannel(std::string_view s);
std::string_view DecisionName(Decision d);  // "allow" | "deny" | "masked" | "filtered" | "error"
std::optional<Decision> ParseDecision(std::string_view s);

struct AuditEvent {
  int64_t time_micros = 0;  // event time, microseconds since the Unix epoch (UTC)
  std::string request_id;
  std::string decision_id;      // policy decision record (policy id + version live there)
  std::string principal_id;     // user / service account id (never a name)
  std::string organisation_id;  // requesting department / operator
  Channel channel = Channel::kShare;
  std::string action;  // e.g. "records.read", "export", "grant.approve"
  std::string resource_id;
  std::string resource_version;
  std::vector<std::string> fields;  // field names released
  std::vector<std::string> masks;   // masks applied, e.g. "id_number:mask_middle"
  std::string purpose;              // declared purpose / case id
  std::string grant_id;             // share grant or operation authorization id
  Decision decision = Decision::kDeny;
  uint64_t rows_returned = 0;
  Digest32 response_hash{};  // SHA-256/SM3 of the response body; zero when none

  // Admin / workflow section (all empty for data-access events).
  std::string kind;  // e.g. "grant.approved", "resource.published"
  std::string object_id;
  Digest32 before_hash{};  // hash of the object's state before / after the change
  Digest32 after_hash{};

  bool HasAdminSection() const;
  bool operator==(const AuditEvent&) const = default;
};

inline constexpr uint8_t kAuditEntryVersion = 1;

std::string EncodeEntry(const AuditEvent& event);
// Errors: ErrorKind::kInvalidArgument, code "audit.entry_malformed".
Result<AuditEvent> DecodeEntry(std::string_view bytes);

}  // namespace gongshu::audit
