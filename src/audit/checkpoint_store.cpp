#include "audit/checkpoint_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include "audit/internal/file_io.h"
#include "audit/internal/segment_format.h"
#include "audit/signed_note.h"
#include "core/log.h"

namespace gongshu::audit {
namespace {

using internal::ErrnoText;

constexpr size_t kMaxNoteBytes = size_t{1} << 20;

Error StoreError(ErrorKind kind, const std::string& en, const std::string& zh) {
  return MakeError(kind,
                   kind == ErrorKind::kUnavailable ? "audit.checkpoint_unwritable"
                                                   : "audit.checkpoint_store_corrupt",
                   en, zh);
}

}  // namespace

Result<StoredCheckpoint> ParseStoredCheckpoint(std::string note) {
  GS_ASSIGN_OR_RETURN(SignedNote parsed, ParseSignedNote(note));
  GS_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointBody(parsed.text));
  return StoredCheckpoint{std::move(cp), std::move(note)};
}

CheckpointStore::~CheckpointStore() {
  if (history_fd_ >= 0) ::close(history_fd_);
}

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::Open(const std::filesystem::path& dir) {
  GS_RETURN_IF_ERROR(internal::EnsureDirectory(dir, 0700));
  std::unique_ptr<CheckpointStore> store(new CheckpointStore());
  store->latest_path_ = dir / "checkpoint";
  store->history_path_ = dir / "checkpoints.log";

  auto latest = internal::ReadWholeFile(store->latest_path_);
  if (latest.ok()) {
    auto parsed = ParseStoredCheckpoint(std::move(*latest));
    if (!parsed.ok()) {
      return StoreError(ErrorKind::kInternal,
                        "latest checkpoint file is damaged: " + parsed.error().message,
                        "最新检查点文件已损坏: " + parsed.error().message_zh);
    }
    store->latest_ = std::move(*parsed);
  } else if (latest.error().kind != ErrorKind::kNotFound) {
    return latest.error();
  }

  const bool existed = std::filesystem::exists(store->history_path_);
  store->history_fd_ = ::open(store->history_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (store->history_fd_ < 0) {
    int err = errno;
    return StoreError(ErrorKind::kUnavailable,
                      "cannot open " + store->history_path_.string() + ": " + ErrnoText(err),
                      "无法打开 " + store->history_path_.string() + ": " + ErrnoText(err));
  }
  if (!existed) internal::SyncDirectory(dir);
  internal::SegmentScanner scanner(store->history_fd_, 0, kMaxNoteBytes);
  for (;;) {
    const off_t offset = scanner.offset();
    std::string_view payload;
    auto outcome = scanner.Next(payload);
    if (outcome == internal::SegmentScanner::Outcome::kRecord) {
      auto parsed = ParseStoredCheckpoint(std::string(payload));
      if (!parsed.ok()) {
        return StoreError(ErrorKind::kInternal,
                          "checkpoint history record at offset " + std::to_string(offset) +
                              " is damaged: " + parsed.error().message,
                          "检查点历史记录已损坏: " + parsed.error().message_zh);
      }
      const uint64_t size = parsed->checkpoint.size;
      if (!store->index_.empty() && store->index_.back().first == size) {
        store->index_.back().second = static_cast<uint64_t>(offset);  // more cosignatures
      } else if (store->index_.empty() || store->index_.back().first < size) {
        store->index_.emplace_back(size, static_cast<uint64_t>(offset));
      } else {
        // A re-cosigned older checkpoint: point its index entry at the newer record.
        auto it = std::lower_bound(store->index_.begin(), store->index_.end(),
                                   std::make_pair(size, uint64_t{0}));
        if (it != store->index_.end() && it->first == size)
          it->second = static_cast<uint64_t>(offset);
      }
      continue;
    }
    if (outcome == internal::SegmentScanner::Outcome::kEnd) break;
    if (outcome == internal::SegmentScanner::Outcome::kIoError) {
      return StoreError(
          ErrorKind::kUnavailable,
          "cannot read " + store->history_path_.string() + ": " + ErrnoText(scanner.io_error()),
          "无法读取 " + store->history_path_.string());
    }
    Log().warn("audit checkpoints: truncating torn history tail at offset {} ({})", offset,
               scanner.torn_reason());
    if (::ftruncate(store->history_fd_, offset) != 0 || ::fdatasync(store->history_fd_) != 0) {
      int err = errno;
      return StoreError(ErrorKind::kUnavailable,
                        "cannot truncate " + store->history_path_.string() + ": " + ErrnoText(err),
                        "无法截断 " + store->history_path_.string());
    }
    break;
  }
  store->history_end_ = static_cast<uint64_t>(scanner.offset());
  return store;
}

Status CheckpointStore::SaveLatest(const StoredCheckpoint& cp) {
  std::lock_guard lock(mu_);
  GS_RETURN_IF_ERROR(internal::WriteFileAtomic(latest_path_, cp.note, 0644));
  latest_ = cp;
  return Ok();
}

Status CheckpointStore::AppendHistory(const StoredCheckpoint& cp) {
  std::lock_guard lock(mu_);
  std::string record;
  internal::AppendRecord(record, cp.note);
  int err = internal::WriteAllAt(history_fd_, record, static_cast<off_t>(history_end_));
  if (err == 0 && ::fdatasync(history_fd_) != 0) err = errno;
  if (err != 0) {
    // Cut what may have been written so the next append starts on a record boundary.
    if (::ftruncate(history_fd_, static_cast<off_t>(history_end_)) != 0) {
      Log().error("audit checkpoints: cannot truncate history after a failed write");
    }
    return StoreError(ErrorKind::kUnavailable,
                      "cannot append to " + history_path_.string() + ": " + ErrnoText(err),
                      "无法写入 " + history_path_.string() + ": " + ErrnoText(err));
  }
  const uint64_t offset = history_end_;
  history_end_ += record.size();
  const uint64_t size = cp.checkpoint.size;
  auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(size, uint64_t{0}));
  if (it != index_.end() && it->first == size) {
    it->second = offset;
  } else {
    index_.insert(it, {size, offset});
  }
  return Ok();
}

Result<StoredCheckpoint> CheckpointStore::ReadHistory(uint64_t offset) const {
  internal::SegmentScanner scanner(history_fd_, static_cast<off_t>(offset), kMaxNoteBytes,
                                   size_t{16} << 10);
  std::string_view payload;
  if (scanner.Next(payload) != internal::SegmentScanner::Outcome::kRecord) {
    return StoreError(ErrorKind::kInternal,
                      "checkpoint history unreadable at offset " + std::to_string(offset),
                      "检查点历史记录无法读取");
  }
  return ParseStoredCheckpoint(std::string(payload));
}

std::optional<StoredCheckpoint> CheckpointStore::Latest() const {
  std::lock_guard lock(mu_);
  return latest_;
}

Result<std::optional<StoredCheckpoint>> CheckpointStore::FindAtLeast(uint64_t size) const {
  std::lock_guard lock(mu_);
  auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(size, uint64_t{0}));
  if (it != index_.end() && (!latest_ || it->first < latest_->checkpoint.size)) {
    GS_ASSIGN_OR_RETURN(StoredCheckpoint cp, ReadHistory(it->second));
    return std::optional<StoredCheckpoint>(std::move(cp));
  }
  if (latest_ && latest_->checkpoint.size >= size) return latest_;
  return std::optional<StoredCheckpoint>();
}

Result<std::optional<StoredCheckpoint>> CheckpointStore::FindAtMost(uint64_t size) const {
  std::lock_guard lock(mu_);
  if (latest_ && latest_->checkpoint.size <= size) return latest_;
  auto it = std::upper_bound(index_.begin(), index_.end(), std::make_pair(size, UINT64_MAX));
  if (it == index_.begin()) return std::optional<StoredCheckpoint>();
  --it;
  GS_ASSIGN_OR_RETURN(StoredCheckpoint cp, ReadHistory(it->second));
  return std::optional<StoredCheckpoint>(std::move(cp));
}

Result<std::optional<StoredCheckpoint>> CheckpointStore::FindExact(uint64_t size) const {
  {
    std::lock_guard lock(mu_);
    if (latest_ && latest_->checkpoint.size == size) return latest_;
  }
  GS_ASSIGN_OR_RETURN(auto found, FindAtLeast(size));
  if (found && found->checkpoint.size == size) return found;
  return std::optional<StoredCheckpoint>();
}

size_t CheckpointStore::HistorySize() const {
  std::lock_guard lock(mu_);
  return index_.size();
}

}  // namespace gongshu::audit
