#pragma once
// Checkpointer: signs checkpoints of an AuditLog (R-LOG-05, R-LOG-07) and keeps their witness
// cosignatures (R-LOG-08).
//
//   auto signer = NoteSigner::LoadOrCreate(data_dir / "keys/audit-log.key", log->origin());
//   auto cp = Checkpointer::Open(*log, std::move(*signer), {.witnesses = {...}});
//   (*cp)->Start();   // background thread: a new checkpoint at most every `interval`
//                     // while the tree grows, immediately after a quiet period
//
// Never signs two inconsistent checkpoints: before signing size n it checks that n ≥ the last
// signed size and that the log's root at the last signed size still equals the signed root
// (the last checkpoint is persisted, so this holds across restarts). A violation — the log lost
// or changed entries, e.g. a restored old backup — stops signing ("audit.checkpoint_regression"
// / "audit.checkpoint_fork") and Health() reports it; the operator must investigate.
// A checkpoint is durable (CheckpointStore::SaveLatest) before anyone can see it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "audit/checkpoint_store.h"
#include "audit/note_signer.h"
#include "audit/note_verifier.h"
#include "core/clock.h"
#include "core/result.h"

namespace gongshu::audit {

struct CheckpointerOptions {
  // Minimum time between two checkpoints while the tree grows. The spec asks for at least one
  // a second; 500 ms keeps the append-to-checkpoint p99 well under a second.
  std::chrono::milliseconds interval{500};
  // One checkpoint per history_interval goes to checkpoints.log (plus every cosigned one).
  std::chrono::seconds history_interval{60};
  const Clock* clock = &SystemClock::Instance();
  // Witnesses whose cosignatures AddCosignature accepts (cosignature/v1 vkeys).
  std::vector<NoteVerifier> witnesses;
  // Called on the signing thread after each new checkpoint is durable (e.g. to push it to
  // witnesses, or for measurements). Keep it short.
  std::function<void(const StoredCheckpoint&)> on_checkpoint;
};

class Checkpointer {
 public:
  static Result<std::unique_ptr<Checkpointer>> Open(AuditLog& log, NoteSigner signer,
                                                    CheckpointerOptions options = {});
  ~Checkpointer();  // Stop()
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  void Start();  // starts the background signing thread
  void Stop();

  // Signs the current head if the tree grew since the last checkpoint and `interval` has passed
  // on the clock (`force` skips the interval); returns the latest checkpoint afterwards (nullopt
  // while nothing was ever signed: empty trees are not signed).
  Result<std::optional<StoredCheckpoint>> Tick(bool force = false);

  std::optional<StoredCheckpoint> Latest() const;
  // Blocks until a checkpoint with size ≥ `size` is signed or the timeout passes.
  std::optional<StoredCheckpoint> WaitForCheckpoint(uint64_t size,
                                                    std::chrono::milliseconds timeout) const;

  // Stores a witness cosignature line ("— <witness> <base64>") for the checkpoint of `size`
  // after verifying it with the configured witness key. Works for the latest checkpoint and
  // the recent ones still in memory (or retained in the history).
  Status AddCosignature(uint64_t size, std::string_view line);

  const CheckpointStore& store() const { return *store_; }
  const AuditLog& log() const { return log_; }
  NoteVerifier LogVerifier() const { return signer_.Verifier(); }
  const std::vector<NoteVerifier>& witnesses() const { return options_.witnesses; }

  // OK, or the error that stopped signing (fork / regression / storage failure).
  Status Health() const;

 private:
  Checkpointer(AuditLog& log, NoteSigner signer, CheckpointerOptions options,
               std::unique_ptr<CheckpointStore> store);
  void Run();
  Status Publish(const StoredCheckpoint& cp, bool to_history);

  AuditLog& log_;
  NoteSigner signer_;
  CheckpointerOptions options_;
  std::unique_ptr<CheckpointStore> store_;

  std::mutex sign_mu_;  // serializes Tick and AddCosignature
  TimePoint last_signed_at_{};
  TimePoint last_history_at_{};
  std::deque<StoredCheckpoint> recent_;  // last kRecent signed checkpoints, for cosignatures

  mutable std::mutex state_mu_;  // guards latest_, health_, stop_
  mutable std::condition_variable state_cv_;
  std::optional<StoredCheckpoint> latest_;
  Status health_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongshu::audit
