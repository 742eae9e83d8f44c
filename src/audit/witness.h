#pragma once
// Witness: an independent auditor (审计方: e.g. the audit bureau or the data authority) that
// cosigns a log's checkpoints only after checking they extend the last checkpoint it cosigned
// (R-LOG-08; c2sp.org/tlog-cosignature, cosignature/v1).
//
//   auto key = NoteSigner::LoadOrCreate(dir / "witness.key", "audit.example/w1",
//                                       NoteKeyType::kCosignatureV1);
//   auto w = Witness::Open(std::move(*key), {.state_file = dir / "witness.state",
//                                            .log_key = *NoteVerifier::Parse(log_vkey)});
//   Result<std::string> line = (*w)->Cosign(checkpoint_note, log->ConsistencyProof(old, new));
//   checkpointer->AddCosignature(new_size, *line);
//
// The witness keeps the last checkpoint it cosigned in its state file (written atomically
// and durably before the cosignature is returned), so it never cosigns two checkpoints that
// are inconsistent with each other, across restarts too: two witnesses shown a split view
// cannot both end up cosigning both branches. The first checkpoint it sees is trusted as is.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "audit/checkpoint.h"
#include "audit/note_signer.h"
#include "audit/note_verifier.h"
#include "audit/tree_hasher.h"
#include "core/clock.h"
#include "core/result.h"

namespace gongshu::audit {

struct WitnessOptions {
  std::filesystem::path state_file;             // last cosigned checkpoint of the log
  NoteVerifier log_key;                         // the witnessed log's checkpoint key
  std::string origin;                           // expected origin; empty = log_key.name()
  HashAlgorithm hash = HashAlgorithm::kSha256;  // the log's tree hash
  const Clock* clock = &SystemClock::Instance();
};

class Witness {
 public:
  static Result<std::unique_ptr<Witness>> Open(NoteSigner key, WitnessOptions options);

  // Verifies the log signature on `signed_checkpoint` and that it is consistent with the last
  // cosigned checkpoint (`consistency_proof` from that size to the new one; empty when the
  // size is unchanged or the witness is fresh); records it; returns the cosignature line
  // "— <witness name> <base64>\n". Errors (nothing is recorded):
  //   audit.witness_bad_signature, audit.witness_wrong_origin    (kUnprocessable)
  //   audit.witness_rollback (smaller size), audit.witness_fork  (kConflict: same size, other
  //   root), audit.witness_inconsistent (proof fails)            (kConflict)
  Result<std::string> Cosign(std::string_view signed_checkpoint,
                             std::span<const Hash> consistency_proof);

  std::optional<Checkpoint> Latest() const;
  NoteVerifier Verifier() const { return key_.Verifier(); }

 private:
  Witness(NoteSigner key, WitnessOptions options)
      : key_(std::move(key)), options_(std::move(options)) {}

  NoteSigner key_;
  WitnessOptions options_;
  mutable std::mutex mu_;  // guards latest_ and the state file
  std::optional<Checkpoint> latest_;
};

}  // namespace gongshu::audit
