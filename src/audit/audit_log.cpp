#include "audit/audit_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "audit/internal/file_io.h"
#include "audit/internal/segment_format.h"
#include "audit/internal/strict_text.h"
#include "core/log.h"

namespace gongshu::audit {
namespace {

using internal::ErrnoText;
using internal::UniqueFd;

// Hard limit of the record format, independent of options (a smaller max_entry_bytes later must
// not make recovery mistake old, larger records for a torn tail).
constexpr size_t kMaxRecordBytes = size_t{64} << 20;
constexpr std::string_view kIdentityMagic = "gongshu-audit-log 1";

Error Unwritable(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnavailable, "audit.log_unwritable",
                   "audit log cannot be written: " + en, "审计日志无法写入: " + zh);
}

Error Corrupt(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInternal, "audit.log_corrupt", "audit log is damaged: " + en,
                   "审计日志已损坏: " + zh);
}

Error Unreadable(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kUnavailable, "audit.log_unreadable",
                   "audit log cannot be read: " + en, "审计日志无法读取: " + zh);
}

std::string IdentityText(const AuditLogOptions& o) {
  return std::string(kIdentityMagic) + "\norigin " + o.origin + "\nhash " +
         std::string(HashAlgorithmName(o.hash)) + "\n";
}

}  // namespace

// One queued append. Blocking appends live on the caller's stack; async ones on the heap.
struct AuditLog::Pending {
  std::string record;  // framed bytes
  Hash leaf_hash{};
  bool async = false;
  // Blocking completion: the writer sets result under mu (so the caller cannot destroy this
  // object between the store and the notify).
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::optional<Result<uint64_t>> result;
  // Async completion.
  std::function<void(Result<uint64_t>)> callback;
  std::optional<AuditEvent> event;  // kept only for on_durable
};

AuditLog::AuditLog(AuditLogOptions options) : options_(std::move(options)), tree_(options_.hash) {}

AuditLog::~AuditLog() { Close(); }

Result<std::unique_ptr<AuditLog>> AuditLog::Open(AuditLogOptions options) {
  if (!internal::IsValidKeyName(options.origin)) {
    return MakeError(
        ErrorKind::kInvalidArgument, "audit.origin_invalid",
        "log origin must be printable ASCII without spaces or '+': '" + options.origin + "'",
        "日志标识只能由不含空格和“+”的可打印 ASCII 字符组成: '" + options.origin + "'");
  }
  if (options.directory.empty()) {
    return MakeError(ErrorKind::kInvalidArgument, "audit.directory_missing",
                     "audit log directory not set", "未设置审计日志目录");
  }
  options.max_batch_entries = std::max<size_t>(1, options.max_batch_entries);
  options.max_entry_bytes = std::min(options.max_entry_bytes, kMaxRecordBytes);
  std::unique_ptr<AuditLog> log(new AuditLog(std::move(options)));
  GS_RETURN_IF_ERROR(log->Recover());
  log->writer_ = std::thread([raw = log.get()] { raw->WriterLoop(); });
  return log;
}

Status AuditLog::Recover() {
  namespace fs = std::filesystem;
  GS_RETURN_IF_ERROR(internal::EnsureDirectory(options_.directory, 0700));
  GS_RETURN_IF_ERROR(internal::EnsureDirectory(SegmentsDir(), 0700));

  // Identity: origin and hash algorithm are fixed for the life of the log.
  const fs::path identity_path = options_.directory / "LOG";
  auto identity = internal::ReadWholeFile(identity_path);
  if (!identity.ok() && identity.error().kind != ErrorKind::kNotFound) return identity.error();
  if (identity.ok()) {
    const std::string want = IdentityText(options_);
    if (*identity != want) {
      return MakeError(ErrorKind::kInvalidArgument, "audit.identity_mismatch",
                       "the log in " + options_.directory.string() +
                           " has another origin or hash algorithm:\n" + *identity,
                       "目录 " + options_.directory.string() + " 中的日志标识或哈希算法与配置不符");
    }
  } else {
    GS_RETURN_IF_ERROR(internal::WriteFileAtomic(identity_path, IdentityText(options_), 0644));
  }

  // Segments, in index order; leftovers of an interrupted segment creation are removed.
  std::vector<std::pair<uint64_t, fs::path>> files;
  std::error_code ec;
  bool removed_tmp = false;
  for (const auto& de : fs::directory_iterator(SegmentsDir(), ec)) {
    const std::string name = de.path().filename().string();
    if (name.size() > 4 && name.ends_with(".tmp")) {
      fs::remove(de.path(), ec);
      removed_tmp = true;
      continue;
    }
    if (auto first = internal::ParseSegmentFileName(name)) files.emplace_back(*first, de.path());
  }
  if (ec) {
    return Unreadable("cannot list " + SegmentsDir().string() + ": " + ec.message(),
                      "无法列出 " + SegmentsDir().string() + ": " + ec.message());
  }
  if (removed_tmp) internal::SyncDirectory(SegmentsDir());
  std::sort(files.begin(), files.end());

  uint64_t expected_first = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const bool last = i + 1 == files.size();
    const auto& [first, path] = files[i];
    UniqueFd fd(::open(path.c_str(), (last ? O_RDWR : O_RDONLY) | O_CLOEXEC));
    if (!fd.valid()) {
      int err = errno;
      return Unreadable("cannot open " + path.string() + ": " + ErrnoText(err),
                        "无法打开 " + path.string() + ": " + ErrnoText(err));
    }
    char header_bytes[internal::kSegmentHeaderSize];
    size_t got = 0;
    internal::ReadAllAt(fd.get(), header_bytes, sizeof header_bytes, 0, &got);
    auto header = internal::DecodeSegmentHeader(std::string_view(header_bytes, got));
    // Segments are created complete (temporary file + fsync + rename), so a bad header is
    // damage, never a crash artefact.
    if (!header) {
      return Corrupt("bad segment header in " + path.string(), "段文件头无效: " + path.string());
    }
    if (header->first_index != first || first != expected_first) {
      return Corrupt(
          "segment " + path.filename().string() + " starts at index " +
              std::to_string(header->first_index) + ", expected " + std::to_string(expected_first),
          "段 " + path.filename().string() + " 的起始序号为 " +
              std::to_string(header->first_index) + "，应为 " + std::to_string(expected_first));
    }
    if (header->hash != options_.hash) {
      return Corrupt("segment " + path.filename().string() + " uses another hash algorithm",
                     "段 " + path.filename().string() + " 使用了不同的哈希算法");
    }
    Segment seg{first, 0, path, {}};
    internal::SegmentScanner scanner(fd.get(), internal::kSegmentHeaderSize, kMaxRecordBytes);
    for (;;) {
      const off_t record_offset = scanner.offset();
      std::string_view payload;
      auto outcome = scanner.Next(payload);
      if (outcome == internal::SegmentScanner::Outcome::kRecord) {
        if (seg.count % kSparseStride == 0)
          seg.sparse_offsets.push_back(static_cast<uint64_t>(record_offset));
        tree_.AppendLeafHash(tree_.hasher().HashLeaf(payload));
        ++seg.count;
        continue;
      }
      if (outcome == internal::SegmentScanner::Outcome::kEnd) break;
      if (outcome == internal::SegmentScanner::Outcome::kIoError) {
        return Unreadable("cannot read " + path.string() + ": " + ErrnoText(scanner.io_error()),
                          "无法读取 " + path.string() + ": " + ErrnoText(scanner.io_error()));
      }
      // Torn record. Only the last segment can end in one (a crash during a group write);
      // anywhere else it is damage and the log must not silently drop entries.
      if (!last) {
        return Corrupt(
            std::string(scanner.torn_reason()) + " at offset " + std::to_string(record_offset) +
                " of " + path.string(),
            "段 " + path.string() + " 偏移 " + std::to_string(record_offset) + " 处记录损坏");
      }
      struct stat st {};
      ::fstat(fd.get(), &st);
      const uint64_t cut = static_cast<uint64_t>(st.st_size) - static_cast<uint64_t>(record_offset);
      if (::ftruncate(fd.get(), record_offset) != 0 || ::fdatasync(fd.get()) != 0) {
        int err = errno;
        return Unwritable(
            "cannot truncate the torn tail of " + path.string() + ": " + ErrnoText(err),
            "无法截断 " + path.string() + " 的残缺尾部: " + ErrnoText(err));
      }
      Log().warn("audit log: truncated {} bytes of torn tail ({}) from {} after entry {}", cut,
                 scanner.torn_reason(), path.string(), first + seg.count);
      stats_.truncated_tail_bytes = cut;
      break;
    }
    expected_first = first + seg.count;
    if (last) {
      durable_offset_ = static_cast<uint64_t>(scanner.offset());
      active_fd_ = fd.Release();
    }
    segments_.push_back(std::move(seg));
  }
  stats_.recovered_entries = tree_.size();
  if (segments_.empty()) GS_RETURN_IF_ERROR(CreateSegment(0));
  head_ = TreeHead{tree_.size(), tree_.Root()};
  return Ok();
}

int AuditLog::Inject(IoStep step) const {
  return options_.fault_hook ? options_.fault_hook(step) : 0;
}

Status AuditLog::CreateSegment(uint64_t first_index) {
  namespace fs = std::filesystem;
  const fs::path final_path = SegmentsDir() / internal::SegmentFileName(first_index);
  fs::path tmp_path = final_path;
  tmp_path += ".tmp";
  auto fail = [&](int err) -> Status {
    ::unlink(tmp_path.c_str());
    return Unwritable("cannot create segment " + final_path.string() + ": " + ErrnoText(err),
                      "无法创建段文件 " + final_path.string() + ": " + ErrnoText(err));
  };
  if (int err = Inject(IoStep::kCreateSegment); err != 0) return fail(err);
  UniqueFd fd(::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!fd.valid()) return fail(errno);
  const std::string header = internal::EncodeSegmentHeader({options_.hash, first_index});
  if (int err = internal::WriteAllAt(fd.get(), header, 0); err != 0) return fail(err);
  // fsync (not fdatasync): the new file's size and inode must be durable before it is named.
  if (::fsync(fd.get()) != 0) return fail(errno);
  if (::rename(tmp_path.c_str(), final_path.c_str()) != 0) return fail(errno);
  if (int err = internal::SyncDirectory(SegmentsDir()); err != 0) return fail(err);
  if (active_fd_ >= 0) ::close(active_fd_);
  active_fd_ = fd.Release();
  durable_offset_ = internal::kSegmentHeaderSize;
  std::unique_lock lock(state_mu_);
  segments_.push_back(Segment{first_index, 0, final_path, {}});
  return Ok();
}

Result<uint64_t> AuditLog::Append(const AuditEvent& event) {
  std::string entry = EncodeEntry(event);
  if (entry.size() > options_.max_entry_bytes) {
    return MakeError(ErrorKind::kInvalidArgument, "audit.entry_too_large",
                     "audit entry of " + std::to_string(entry.size()) + " bytes exceeds the limit",
                     "审计条目大小 " + std::to_string(entry.size()) + " 字节超过上限");
  }
  Pending p;
  p.leaf_hash = tree_.hasher().HashLeaf(entry);  // hashed here, in parallel across callers
  p.record.reserve(entry.size() + internal::kRecordHeaderSize);
  internal::AppendRecord(p.record, entry);
  {
    std::lock_guard lock(queue_mu_);
    if (closing_) {
      return Unwritable("the log is closed", "日志已关闭");
    }
    queue_.push_back(&p);
    if (queue_.size() == 1) queue_cv_.notify_one();
  }
  std::unique_lock lock(p.mu);
  p.cv.wait(lock, [&] { return p.done; });
  Result<uint64_t> result = std::move(*p.result);
  if (result.ok() && options_.on_durable) options_.on_durable(*result, event);
  return result;
}

void AuditLog::AppendAsync(AuditEvent event, std::function<void(Result<uint64_t>)> done) {
  std::string entry = EncodeEntry(event);
  if (entry.size() > options_.max_entry_bytes) {
    done(MakeError(ErrorKind::kInvalidArgument, "audit.entry_too_large",
                   "audit entry of " + std::to_string(entry.size()) + " bytes exceeds the limit",
                   "审计条目大小 " + std::to_string(entry.size()) + " 字节超过上限"));
    return;
  }
  auto p = std::make_unique<Pending>();
  p->async = true;
  p->leaf_hash = tree_.hasher().HashLeaf(entry);
  internal::AppendRecord(p->record, entry);
  p->callback = std::move(done);
  if (options_.on_durable) p->event = std::move(event);
  {
    std::lock_guard lock(queue_mu_);
    if (!closing_) {
      queue_.push_back(p.release());
      if (queue_.size() == 1) queue_cv_.notify_one();
      return;
    }
  }
  p->callback(Unwritable("the log is closed", "日志已关闭"));
}

void AuditLog::Complete(Pending* p, Result<uint64_t> result) {
  if (p->async) {
    std::unique_ptr<Pending> owned(p);
    if (result.ok() && options_.on_durable && owned->event)
      options_.on_durable(*result, *owned->event);
    if (owned->callback) owned->callback(std::move(result));
    return;
  }
  std::lock_guard lock(p->mu);
  p->result.emplace(std::move(result));
  p->done = true;
  p->cv.notify_one();
}

void AuditLog::WriterLoop() {
  std::vector<Pending*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) break;  // closing and drained
      batch.swap(queue_);
    }
    // Everything queued while the previous batch was syncing goes out in one write + fdatasync.
    for (size_t i = 0; i < batch.size(); i += options_.max_batch_entries) {
      ProcessBatch(batch.data() + i, std::min(options_.max_batch_entries, batch.size() - i));
    }
    batch.clear();
  }
}

bool AuditLog::TryRepair() {
  // Cut whatever the failed batch left behind, back to the last fdatasync'ed size. Everything
  // before that offset was acknowledged only after a successful fdatasync, so it is on disk.
  if (Inject(IoStep::kTruncate) != 0) return false;
  if (::ftruncate(active_fd_, static_cast<off_t>(durable_offset_)) != 0) return false;
  if (::fdatasync(active_fd_) != 0) return false;
  healthy_ = true;
  return true;
}

void AuditLog::ProcessBatch(Pending* const* items, size_t n) {
  auto fail_all = [&](const Error& error) {
    {
      std::lock_guard lock(stats_mu_);
      ++stats_.failed_batches;
      stats_.failed_entries += n;
    }
    for (size_t i = 0; i < n; ++i) Complete(items[i], error);
  };
  if (!healthy_ && !TryRepair()) {
    fail_all(Unwritable("an earlier write failed and the log could not be repaired",
                        "此前的写入失败且日志无法修复"));
    return;
  }
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) bytes += items[i]->record.size();
  const uint64_t first_index = head_.size;  // only this thread changes head_
  if (durable_offset_ > internal::kSegmentHeaderSize &&
      durable_offset_ + bytes > options_.segment_max_bytes) {
    Status rolled = CreateSegment(first_index);
    if (!rolled.ok()) {
      fail_all(rolled.error());
      return;
    }
  }
  write_buf_.clear();
  write_buf_.reserve(bytes);
  std::vector<uint64_t> offsets(n);
  for (size_t i = 0; i < n; ++i) {
    offsets[i] = durable_offset_ + write_buf_.size();
    write_buf_.append(items[i]->record);
  }
  int err = Inject(IoStep::kWrite);
  if (err != 0) {
    // Simulated short write followed by an error: half the batch reaches the file.
    internal::WriteAllAt(active_fd_, std::string_view(write_buf_).substr(0, write_buf_.size() / 2),
                         static_cast<off_t>(durable_offset_));
  } else {
    err = internal::WriteAllAt(active_fd_, write_buf_, static_cast<off_t>(durable_offset_));
  }
  if (err == 0) err = Inject(IoStep::kSync);
  if (err == 0 && ::fdatasync(active_fd_) != 0) err = errno;
  if (err != 0) {
    healthy_ = false;
    const bool repaired = TryRepair();
    Log().error("audit log: write of {} entries failed: {}{}", n, ErrnoText(err),
                repaired ? "" : " (log left unavailable)");
    fail_all(Unwritable(ErrnoText(err), ErrnoText(err)));
    return;
  }
  durable_offset_ += bytes;
  {
    std::unique_lock lock(state_mu_);
    Segment& seg = segments_.back();
    for (size_t i = 0; i < n; ++i) {
      if (seg.count % kSparseStride == 0) seg.sparse_offsets.push_back(offsets[i]);
      ++seg.count;
      tree_.AppendLeafHash(items[i]->leaf_hash);
    }
    head_ = TreeHead{tree_.size(), tree_.Root()};
  }
  { std::lock_guard lock(growth_mu_); }
  growth_cv_.notify_all();
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.batches;
    stats_.entries += n;
    stats_.bytes_written += bytes;
  }
  for (size_t i = 0; i < n; ++i) Complete(items[i], first_index + i);
}

void AuditLog::Close() {
  std::lock_guard close_lock(close_mu_);
  {
    std::lock_guard lock(queue_mu_);
    closing_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (active_fd_ >= 0) {
    ::close(active_fd_);
    active_fd_ = -1;
  }
  {
    std::lock_guard lock(growth_mu_);
    closed_for_growth_ = true;
  }
  growth_cv_.notify_all();
}

uint64_t AuditLog::Size() const {
  std::shared_lock lock(state_mu_);
  return head_.size;
}

TreeHead AuditLog::Head() const {
  std::shared_lock lock(state_mu_);
  return head_;
}

Result<Hash> AuditLog::RootAt(uint64_t size) const {
  std::shared_lock lock(state_mu_);
  return tree_.RootAt(size);
}

Result<Hash> AuditLog::LeafHash(uint64_t index) const {
  std::shared_lock lock(state_mu_);
  return tree_.LeafHash(index);
}

Result<std::vector<Hash>> AuditLog::InclusionProof(uint64_t index, uint64_t size) const {
  std::shared_lock lock(state_mu_);
  return tree_.InclusionProof(index, size);
}

Result<std::vector<Hash>> AuditLog::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  std::shared_lock lock(state_mu_);
  return tree_.ConsistencyProof(size1, size2);
}

Result<std::string> AuditLog::ReadEntry(uint64_t index) const {
  std::string out;
  GS_RETURN_IF_ERROR(ForEachEntry(index, index + 1, [&](uint64_t, std::string_view entry) {
    out.assign(entry);
    return Ok();
  }));
  return out;
}

Status AuditLog::ForEachEntry(uint64_t start, uint64_t end,
                              const std::function<Status(uint64_t, std::string_view)>& fn) const {
  struct Span {
    std::filesystem::path path;
    uint64_t scan_from;  // index of the record at `offset`
    uint64_t offset;
    uint64_t stop;  // one past the last index to read in this segment
  };
  std::vector<Span> spans;
  {
    std::shared_lock lock(state_mu_);
    if (start > end || end > head_.size) {
      return MakeError(ErrorKind::kInvalidArgument, "audit.tree_range",
                       "entry range [" + std::to_string(start) + ", " + std::to_string(end) +
                           ") is outside the log of size " + std::to_string(head_.size),
                       "条目范围 [" + std::to_string(start) + ", " + std::to_string(end) +
                           ") 超出日志大小 " + std::to_string(head_.size));
    }
    for (const Segment& seg : segments_) {
      const uint64_t seg_end = seg.first_index + seg.count;
      if (seg_end <= start || seg.first_index >= end || seg.count == 0) continue;
      const uint64_t from = std::max(start, seg.first_index);
      const uint64_t k = (from - seg.first_index) / kSparseStride;
      spans.push_back(Span{seg.path, seg.first_index + k * kSparseStride, seg.sparse_offsets[k],
                           std::min(end, seg_end)});
    }
  }
  for (const Span& span : spans) {
    UniqueFd fd(::open(span.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
      int err = errno;
      return Unreadable("cannot open " + span.path.string() + ": " + ErrnoText(err),
                        "无法打开 " + span.path.string() + ": " + ErrnoText(err));
    }
    // A few records (a proof endpoint reading one entry) need a small read; scans a big one.
    const size_t chunk =
        span.stop - span.scan_from <= 2 * kSparseStride ? size_t{64} << 10 : size_t{1} << 20;
    internal::SegmentScanner scanner(fd.get(), static_cast<off_t>(span.offset), kMaxRecordBytes,
                                     chunk);
    for (uint64_t index = span.scan_from; index < span.stop; ++index) {
      std::string_view payload;
      if (scanner.Next(payload) != internal::SegmentScanner::Outcome::kRecord) {
        return Unreadable(
            "entry " + std::to_string(index) + " is unreadable in " + span.path.string(),
            "条目 " + std::to_string(index) + " 无法从 " + span.path.string() + " 读取");
      }
      if (index >= start) GS_RETURN_IF_ERROR(fn(index, payload));
    }
  }
  return Ok();
}

uint64_t AuditLog::WaitForGrowth(uint64_t size, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(growth_mu_);
  growth_cv_.wait_for(lock, timeout, [&] { return Size() > size || closed_for_growth_; });
  return Size();
}

AuditLogStats AuditLog::Stats() const {
  std::lock_guard lock(stats_mu_);
  return stats_;
}

}  // namespace gongshu::audit
