#pragma once
// CheckpointStore: durable storage of the log's signed checkpoints, in the log directory.
//
//   checkpoint        the latest signed checkpoint note (with any witness cosignatures),
//                     replaced atomically (temporary file, fsync, rename, directory fsync)
//   checkpoints.log   history: framed records (length + CRC-32C, as segments) each holding a
//                     signed note; a checkpoint re-appended with more cosignatures supersedes
//                     its earlier record. Torn tails are cut at Open.
//
// The history is sparse on purpose (the Checkpointer keeps about one checkpoint a minute plus
// every cosigned one): signing twice a second would otherwise add ~100 MB a day. Archives need
// only some checkpoint at or after the end of their range, and the latest always qualifies.
// Memory holds the latest note and a (size → file offset) index of the history.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/checkpoint.h"
#include "core/result.h"

namespace gongshu::audit {

struct StoredCheckpoint {
  Checkpoint checkpoint;
  std::string note;  // signed note: the log signature, then witness cosignatures
};

class CheckpointStore {
 public:
  static Result<std::unique_ptr<CheckpointStore>> Open(const std::filesystem::path& directory);
  ~CheckpointStore();
  CheckpointStore(const CheckpointStore&) = delete;
  CheckpointStore& operator=(const CheckpointStore&) = delete;

  // Makes `cp` the latest checkpoint; durable when this returns OK.
  Status SaveLatest(const StoredCheckpoint& cp);
  // Appends `cp` to the history; durable when this returns OK.
  Status AppendHistory(const StoredCheckpoint& cp);

  std::optional<StoredCheckpoint> Latest() const;
  // Smallest retained checkpoint with size ≥ `size` / largest with size ≤ `size` / exactly.
  Result<std::optional<StoredCheckpoint>> FindAtLeast(uint64_t size) const;
  Result<std::optional<StoredCheckpoint>> FindAtMost(uint64_t size) const;
  Result<std::optional<StoredCheckpoint>> FindExact(uint64_t size) const;
  size_t HistorySize() const;

 private:
  CheckpointStore() = default;
  Result<StoredCheckpoint> ReadHistory(uint64_t offset) const;  // caller holds mu_

  std::filesystem::path latest_path_;
  std::filesystem::path history_path_;
  mutable std::mutex mu_;  // guards everything below
  int history_fd_ = -1;
  uint64_t history_end_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> index_;  // (size, offset), ascending size
  std::optional<StoredCheckpoint> latest_;
};

// Parses a signed checkpoint note into a StoredCheckpoint (no signature check).
Result<StoredCheckpoint> ParseStoredCheckpoint(std::string note);

}  // namespace gongshu::audit
