#pragma once
// Checkpoint: a tree head in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint):
// the body of a signed note made of three lines,
//
//   <origin>\n<tree size, decimal>\n<base64(root hash)>\n
//
// Gongshu logs write no extension lines; the parser rejects them (they are not auditable, and
// rejecting them keeps one spelling per checkpoint).
#include <cstdint>
#include <string>
#include <string_view>

#include "audit/note_signer.h"
#include "audit/tree_hasher.h"
#include "core/result.h"

namespace gongshu::audit {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};

  std::string Body() const;
  bool operator==(const Checkpoint&) const = default;
};

// Errors: ErrorKind::kInvalidArgument, code "audit.checkpoint_malformed".
Result<Checkpoint> ParseCheckpointBody(std::string_view text);

// A signed checkpoint note with one signature by `signer`.
Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer);

}  // namespace gongshu::audit
