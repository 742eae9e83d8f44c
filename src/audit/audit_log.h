#pragma once
// AuditLog: the durable, append-only Merkle log of audit events (R-LOG-01…06).
//
//   auto log = AuditLog::Open({.directory = data_dir / "audit", .origin =
//   "gongshu.example/audit"}); Result<uint64_t> index = (*log)->Append(event);   // returns once
//   the entry is on disk if (!index.ok()) → index.error().kind == ErrorKind::kUnavailable: answer
//   503, do not serve.
//
// Durability: entries are framed (length + CRC-32C) into segment files under
// `directory/segments/`. One writer thread takes every queued entry, writes them with one
// pwrite and one fdatasync (group commit), and only then adds them to the Merkle tree and
// releases the callers. Indexes are therefore durable when returned, consecutive, and never
// reused. New segments are created as a temporary file, fsynced, renamed, and the directory
// fsynced, so a crash at any point (kill -9, power loss) leaves a log that Open() recovers.
//
// Fail closed: if a write or fdatasync fails (disk full, I/O error), every entry of that batch
// gets ErrorKind::kUnavailable ("audit.log_unwritable") and nothing of it is acknowledged. The
// log truncates the file back to its last durable size; if even that fails, the log stays
// unavailable until reopened (recovery then cuts any partial record). Entries of a failed batch
// that happened to reach the disk may reappear after recovery with fresh indexes: an attempt can
// be logged without having been served, never the reverse.
//
// Recovery (Open): checks every segment header and record CRC, truncates a torn tail of the
// last segment, refuses to open if an earlier segment is damaged (that is corruption, not a
// crash), and rebuilds the in-memory tree from the leaves (≈1 s per million entries).
//
// Thread safety: all methods may be called concurrently. Append blocks the calling thread;
// AppendAsync never blocks and runs its callback on the writer thread (keep it short; it must
// not call the blocking Append).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_event.h"
#include "audit/merkle_tree.h"
#include "audit/tree_hasher.h"
#include "core/result.h"

namespace gongshu::audit {

// I/O steps at which a test can inject a failure (AuditLogOptions::fault_hook).
enum class IoStep { kWrite, kSync, kCreateSegment, kTruncate };

struct AuditLogOptions {
  std::filesystem::path directory;  // e.g. DATA_DIR/audit (created 0700 if missing)
  // Log identity, the checkpoint origin line, e.g. "gongshu.example.gov.cn/audit". Printable
  // ASCII without spaces or '+'. Fixed at creation; Open fails if it differs from the stored one.
  std::string origin;
  HashAlgorithm hash = HashAlgorithm::kSha256;      // for a new log; must match an existing log
  uint64_t segment_max_bytes = uint64_t{64} << 20;  // roll to a new segment past this size
  size_t max_batch_entries = 8192;                  // entries per write+fdatasync at most
  size_t max_entry_bytes = size_t{1} << 20;         // larger events are refused
  // Called once per durable entry before its Append returns (on the caller's thread for Append,
  // on the writer thread for AppendAsync); e.g. UsageStats::Record. Must be thread-safe.
  std::function<void(uint64_t index, const AuditEvent& event)> on_durable;
  // Test hook: a non-zero errno makes that step fail as if the OS had returned it. A kWrite
  // failure first writes half of the batch, leaving a torn record on disk.
  std::function<int(IoStep step)> fault_hook;
};

// A tree head: the number of entries and the Merkle root over them.
struct TreeHead {
  uint64_t size = 0;
  Hash root{};
};

struct AuditLogStats {
  uint64_t entries = 0;  // durable entries appended since Open
  uint64_t batches = 0;  // write+fdatasync rounds that succeeded
  uint64_t failed_batches = 0;
  uint64_t failed_entries = 0;
  uint64_t bytes_written = 0;
  uint64_t recovered_entries = 0;     // found at Open
  uint64_t truncated_tail_bytes = 0;  // cut at Open (torn tail)
};

class AuditLog {
 public:
  static Result<std::unique_ptr<AuditLog>> Open(AuditLogOptions options);
  ~AuditLog();  // Close()
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends and waits until the entry is durable; returns its index.
  Result<uint64_t> Append(const AuditEvent& event);
  // Same without blocking; `done` runs on the writer thread once the outcome is known (or at
  // once on the calling thread when the log is closed or the entry is too large).
  void AppendAsync(AuditEvent event, std::function<void(Result<uint64_t>)> done);

  // Writes what is queued, stops the writer; later appends fail with kUnavailable.
  void Close();

  const std::string& origin() const { return options_.origin; }
  HashAlgorithm hash_algorithm() const { return options_.hash; }
  const std::filesystem::path& directory() const { return options_.directory; }

  uint64_t Size() const;
  TreeHead Head() const;  // a consistent (size, root) pair
  Result<Hash> RootAt(uint64_t size) const;
  Result<Hash> LeafHash(uint64_t index) const;
  Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

  // Reads entries back from disk (the encoded bytes that were hashed as leaves).
  Result<std::string> ReadEntry(uint64_t index) const;
  // Calls fn(index, entry) for index in [start, end), end ≤ Size(); stops at fn's first error.
  Status ForEachEntry(uint64_t start, uint64_t end,
                      const std::function<Status(uint64_t, std::string_view)>& fn) const;

  // Blocks until Size() > size, the timeout passes, or the log closes; returns Size().
  uint64_t WaitForGrowth(uint64_t size, std::chrono::milliseconds timeout) const;

  // False after a write failure the log could not repair (every Append then fails).
  bool Healthy() const { return healthy_.load(); }
  AuditLogStats Stats() const;

 private:
  struct Pending;
  struct Segment {
    uint64_t first_index = 0;
    uint64_t count = 0;
    std::filesystem::path path;
    std::vector<uint64_t> sparse_offsets;  // offset of entry first_index + k * kSparseStride
  };
  static constexpr uint64_t kSparseStride = 64;

  explicit AuditLog(AuditLogOptions options);
  Status Recover();
  Status CreateSegment(uint64_t first_index);
  void Enqueue(Pending* p);
  void WriterLoop();
  void ProcessBatch(Pending* const* items, size_t n);
  bool TryRepair();
  void Complete(Pending* p, Result<uint64_t> result);
  int Inject(IoStep step) const;
  std::filesystem::path SegmentsDir() const { return options_.directory / "segments"; }

  AuditLogOptions options_;

  // Queue of appends waiting for the writer.
  std::mutex queue_mu_;  // guards queue_, closing_
  std::condition_variable queue_cv_;
  std::vector<Pending*> queue_;
  bool closing_ = false;
  std::mutex close_mu_;  // serializes Close()
  std::thread writer_;

  // Tree, head and segment list: written by the writer thread (exclusive), read by everyone.
  mutable std::shared_mutex state_mu_;
  MerkleTree tree_;
  TreeHead head_;
  std::vector<Segment> segments_;

  // Writer-thread-only state.
  int active_fd_ = -1;
  uint64_t durable_offset_ = 0;  // end of the last fdatasync'ed record in the active segment
  std::string write_buf_;

  std::atomic<bool> healthy_{true};
  mutable std::mutex growth_mu_;
  mutable std::condition_variable growth_cv_;
  bool closed_for_growth_ = false;  // guarded by growth_mu_

  mutable std::mutex stats_mu_;
  AuditLogStats stats_;
};

}  // namespace gongshu::audit
