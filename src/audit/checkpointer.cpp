#include "audit/checkpointer.h"

#include <algorithm>

#include "audit/signed_note.h"
#include "core/log.h"

namespace gongshu::audit {
namespace {

constexpr size_t kRecent = 128;

std::string Num(uint64_t v) { return std::to_string(v); }

}  // namespace

Checkpointer::Checkpointer(AuditLog& log, NoteSigner signer, CheckpointerOptions options,
                           std::unique_ptr<CheckpointStore> store)
    : log_(log),
      signer_(std::move(signer)),
      options_(std::move(options)),
      store_(std::move(store)) {}

Checkpointer::~Checkpointer() { Stop(); }

Result<std::unique_ptr<Checkpointer>> Checkpointer::Open(AuditLog& log, NoteSigner signer,
                                                         CheckpointerOptions options) {
  if (signer.name() != log.origin()) {
    // tlog-checkpoint: the log's key name SHOULD match the origin; we require it so verifiers
    // can find the log key from the checkpoint alone.
    return MakeError(ErrorKind::kInvalidArgument, "audit.key_mismatch",
                     "checkpoint key name '" + signer.name() + "' differs from the log origin '" +
                         log.origin() + "'",
                     "检查点签名密钥名称与日志标识不一致");
  }
  if (signer.type() == NoteKeyType::kCosignatureV1) {
    return MakeError(ErrorKind::kInvalidArgument, "audit.key_mismatch",
                     "a cosignature key cannot sign checkpoints", "见证副署密钥不能签署检查点");
  }
  if (options.clock == nullptr) options.clock = &SystemClock::Instance();
  GS_ASSIGN_OR_RETURN(auto store, CheckpointStore::Open(log.directory()));
  std::unique_ptr<Checkpointer> cp(
      new Checkpointer(log, std::move(signer), std::move(options), std::move(store)));
  cp->latest_ = cp->store_->Latest();
  if (cp->latest_) {
    const Checkpoint& last = cp->latest_->checkpoint;
    if (last.origin != log.origin()) {
      return MakeError(ErrorKind::kInternal, "audit.checkpoint_store_corrupt",
                       "stored checkpoint has origin '" + last.origin + "'",
                       "已存储检查点的来源标识不符");
    }
    // The stored signature must be ours: a replaced key would otherwise go unnoticed.
    auto note = ParseSignedNote(cp->latest_->note);
    std::vector<NoteVerifier> self{cp->signer_.Verifier()};
    if (!note.ok() || !VerifySignedNote(*note, self).ok()) {
      return MakeError(ErrorKind::kInternal, "audit.key_mismatch",
                       "the latest stored checkpoint is not signed by the configured log key",
                       "最新检查点并非由当前日志密钥签署");
    }
    cp->recent_.push_back(*cp->latest_);
    const TreeHead head = log.Head();
    if (head.size < last.size) {
      cp->health_ = MakeError(ErrorKind::kInternal, "audit.checkpoint_regression",
                              "the log has " + Num(head.size) + " entries but checkpoint " +
                                  Num(last.size) + " was signed: entries were lost",
                              "日志只有 " + Num(head.size) + " 个条目，但已签署大小为 " +
                                  Num(last.size) + " 的检查点：条目丢失");
      Log().error("audit checkpoints: {}", cp->health_.error().message);
    }
  }
  return cp;
}

void Checkpointer::Start() {
  std::lock_guard lock(state_mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Checkpointer::Stop() {
  {
    std::lock_guard lock(state_mu_);
    stop_ = true;
  }
  state_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::Run() {
  std::string last_error;
  for (;;) {
    uint64_t signed_size = 0;
    {
      std::lock_guard lock(state_mu_);
      if (stop_) return;
      if (latest_) signed_size = latest_->checkpoint.size;
    }
    // Sleep until the log grows (bounded, so Stop() is prompt).
    if (log_.WaitForGrowth(signed_size, std::chrono::milliseconds(100)) <= signed_size) continue;
    // Rate limit: at most one checkpoint per interval while entries keep coming.
    TimePoint last_signed_at;
    {
      std::lock_guard lock(sign_mu_);
      last_signed_at = last_signed_at_;
    }
    const auto since = options_.clock->Now() - last_signed_at;
    if (since < options_.interval) {
      std::unique_lock lock(state_mu_);
      state_cv_.wait_for(lock,
                         std::min<std::chrono::nanoseconds>(options_.interval - since,
                                                            std::chrono::milliseconds(100)),
                         [&] { return stop_; });
      continue;
    }
    auto result = Tick(false);
    if (!result.ok()) {
      // Storage errors may clear (disk space freed); fork / regression stay until restart.
      if (result.error().message != last_error)
        Log().error("audit checkpoints: {}", result.error().message);
      last_error = result.error().message;
      std::unique_lock lock(state_mu_);
      state_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_; });
    } else {
      last_error.clear();
    }
  }
}

Status Checkpointer::Publish(const StoredCheckpoint& cp, bool to_history) {
  // Durable before visible: a crash after signing but before this point loses a signature
  // nobody saw, never one that was handed out.
  GS_RETURN_IF_ERROR(store_->SaveLatest(cp));
  if (to_history) {
    Status s = store_->AppendHistory(cp);
    if (!s.ok()) Log().warn("audit checkpoints: history append failed: {}", s.error().message);
  }
  return Ok();
}

Result<std::optional<StoredCheckpoint>> Checkpointer::Tick(bool force) {
  std::lock_guard sign_lock(sign_mu_);
  {
    std::lock_guard lock(state_mu_);
    if (!health_.ok()) return health_.error();
  }
  std::optional<StoredCheckpoint> last = Latest();
  const TreeHead head = log_.Head();
  const TimePoint now = options_.clock->Now();
  auto fail = [&](Error e) -> Error {
    Log().error("audit checkpoints: refusing to sign: {}", e.message);
    std::lock_guard lock(state_mu_);
    health_ = e;
    return e;
  };
  if (last) {
    const Checkpoint& prev = last->checkpoint;
    if (head.size < prev.size) {
      return fail(MakeError(
          ErrorKind::kInternal, "audit.checkpoint_regression",
          "log size " + Num(head.size) + " is below the signed checkpoint size " + Num(prev.size),
          "日志大小 " + Num(head.size) + " 小于已签署检查点大小 " + Num(prev.size)));
    }
    GS_ASSIGN_OR_RETURN(Hash root_then, log_.RootAt(prev.size));
    if (root_then != prev.root) {
      return fail(
          MakeError(ErrorKind::kInternal, "audit.checkpoint_fork",
                    "the log's root at size " + Num(prev.size) +
                        " differs from the signed checkpoint: the log forked",
                    "日志在大小 " + Num(prev.size) + " 处的根哈希与已签署检查点不同：日志分叉"));
    }
    if (head.size == prev.size) return last;  // nothing new to sign
    if (!force && now - last_signed_at_ < options_.interval) return last;
  } else if (head.size == 0) {
    return std::optional<StoredCheckpoint>();
  }
  Checkpoint cp{log_.origin(), head.size, head.root};
  GS_ASSIGN_OR_RETURN(std::string note, SignCheckpoint(cp, signer_));
  StoredCheckpoint stored{cp, std::move(note)};
  const bool to_history = !last || now - last_history_at_ >= options_.history_interval;
  Status published = Publish(stored, to_history);
  if (!published.ok()) {
    Log().error("audit checkpoints: cannot persist checkpoint: {}", published.error().message);
    return published.error();
  }
  last_signed_at_ = now;
  if (to_history) last_history_at_ = now;
  recent_.push_back(stored);
  if (recent_.size() > kRecent) recent_.pop_front();
  {
    std::lock_guard lock(state_mu_);
    latest_ = stored;
  }
  state_cv_.notify_all();
  if (options_.on_checkpoint) options_.on_checkpoint(stored);
  return std::optional<StoredCheckpoint>(stored);
}

std::optional<StoredCheckpoint> Checkpointer::Latest() const {
  std::lock_guard lock(state_mu_);
  return latest_;
}

std::optional<StoredCheckpoint> Checkpointer::WaitForCheckpoint(
    uint64_t size, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_mu_);
  state_cv_.wait_for(lock, timeout, [&] { return latest_ && latest_->checkpoint.size >= size; });
  if (latest_ && latest_->checkpoint.size >= size) return latest_;
  return std::nullopt;
}

Status Checkpointer::AddCosignature(uint64_t size, std::string_view line) {
  std::string_view trimmed = line;
  if (trimmed.ends_with('\n')) trimmed.remove_suffix(1);
  GS_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(trimmed));
  const NoteVerifier* witness = nullptr;
  for (const auto& w : options_.witnesses) {
    if (w.name() == sig.name && w.key_id() == sig.key_id) witness = &w;
  }
  if (witness == nullptr) {
    return MakeError(ErrorKind::kForbidden, "audit.cosignature_unknown_witness",
                     "cosignature from unknown witness '" + sig.name + "'",
                     "来自未知见证方“" + sig.name + "”的副署");
  }
  std::lock_guard sign_lock(sign_mu_);
  std::optional<StoredCheckpoint> target;
  for (const auto& r : recent_) {
    if (r.checkpoint.size == size) target = r;
  }
  if (!target) {
    GS_ASSIGN_OR_RETURN(target, store_->FindExact(size));
  }
  if (!target) {
    return MakeError(ErrorKind::kNotFound, "audit.checkpoint_unknown",
                     "no retained checkpoint of size " + Num(size),
                     "没有大小为 " + Num(size) + " 的检查点");
  }
  GS_ASSIGN_OR_RETURN(SignedNote note, ParseSignedNote(target->note));
  if (!witness->Verify(note.text, sig.signature)) {
    return MakeError(
        ErrorKind::kUnprocessable, "audit.cosignature_invalid",
        "cosignature by '" + sig.name + "' does not verify for checkpoint size " + Num(size),
        "见证方“" + sig.name + "”对大小为 " + Num(size) + " 的检查点的副署验证失败");
  }
  // One cosignature per witness key: a newer one (later timestamp) replaces the older.
  std::erase_if(note.signatures, [&](const NoteSignature& s) {
    return s.name == sig.name && s.key_id == sig.key_id;
  });
  note.signatures.push_back(std::move(sig));
  StoredCheckpoint updated{target->checkpoint, note.Serialize()};
  const bool is_latest = Latest() && Latest()->checkpoint.size == size;
  if (is_latest) GS_RETURN_IF_ERROR(store_->SaveLatest(updated));
  GS_RETURN_IF_ERROR(store_->AppendHistory(updated));  // cosigned checkpoints are always retained
  for (auto& r : recent_) {
    if (r.checkpoint.size == size) r = updated;
  }
  if (is_latest) {
    std::lock_guard lock(state_mu_);
    latest_ = updated;
  }
  return Ok();
}

Status Checkpointer::Health() const {
  std::lock_guard lock(state_mu_);
  return health_;
}

}  // namespace gongshu::audit
