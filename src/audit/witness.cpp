#include "audit/witness.h"

#include <chrono>
#include <vector>

#include "audit/internal/file_io.h"
#include "audit/merkle_proof.h"
#include "audit/signed_note.h"

namespace gongshu::audit {
namespace {

std::string Num(uint64_t v) { return std::to_string(v); }

}  // namespace

Result<std::unique_ptr<Witness>> Witness::Open(NoteSigner key, WitnessOptions options) {
  if (key.type() != NoteKeyType::kCosignatureV1) {
    return MakeError(ErrorKind::kInvalidArgument, "audit.key_mismatch",
                     "a witness needs a cosignature/v1 key",
                     "见证方需要 cosignature/v1 类型的密钥");
  }
  if (options.origin.empty()) options.origin = options.log_key.name();
  if (options.clock == nullptr) options.clock = &SystemClock::Instance();
  std::unique_ptr<Witness> w(new Witness(std::move(key), std::move(options)));
  auto state = internal::ReadWholeFile(w->options_.state_file);
  if (state.ok()) {
    auto cp = ParseCheckpointBody(*state);
    if (!cp.ok()) {
      return MakeError(ErrorKind::kInternal, "audit.witness_state_corrupt",
                       "witness state file is damaged: " + cp.error().message,
                       "见证方状态文件已损坏: " + cp.error().message_zh);
    }
    if (cp->origin != w->options_.origin) {
      return MakeError(ErrorKind::kInternal, "audit.witness_state_corrupt",
                       "witness state belongs to log '" + cp->origin + "'",
                       "见证方状态文件属于另一日志“" + cp->origin + "”");
    }
    w->latest_ = std::move(*cp);
  } else if (state.error().kind != ErrorKind::kNotFound) {
    return state.error();
  }
  return w;
}

std::optional<Checkpoint> Witness::Latest() const {
  std::lock_guard lock(mu_);
  return latest_;
}

Result<std::string> Witness::Cosign(std::string_view signed_checkpoint,
                                    std::span<const Hash> consistency_proof) {
  GS_ASSIGN_OR_RETURN(SignedNote note, ParseSignedNote(signed_checkpoint));
  GS_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointBody(note.text));
  if (cp.origin != options_.origin) {
    return MakeError(
        ErrorKind::kUnprocessable, "audit.witness_wrong_origin",
        "checkpoint origin '" + cp.origin + "' is not the witnessed log '" + options_.origin + "'",
        "检查点来源“" + cp.origin + "”不是所见证的日志");
  }
  std::vector<NoteVerifier> log_key{options_.log_key};
  auto verified = VerifySignedNote(note, log_key);
  if (!verified.ok()) {
    return MakeError(ErrorKind::kUnprocessable, "audit.witness_bad_signature",
                     "checkpoint is not validly signed by the log: " + verified.error().message,
                     "检查点没有日志的有效签名: " + verified.error().message_zh);
  }
  std::lock_guard lock(mu_);
  if (latest_) {
    const Checkpoint& prev = *latest_;
    if (cp.size < prev.size) {
      return MakeError(
          ErrorKind::kConflict, "audit.witness_rollback",
          "checkpoint size " + Num(cp.size) + " is below the cosigned size " + Num(prev.size),
          "检查点大小 " + Num(cp.size) + " 小于已副署的大小 " + Num(prev.size));
    }
    if (cp.size == prev.size) {
      if (cp.root != prev.root || !consistency_proof.empty()) {
        return MakeError(
            ErrorKind::kConflict, "audit.witness_fork",
            "checkpoint of size " + Num(cp.size) + " has another root than the one cosigned",
            "大小为 " + Num(cp.size) + " 的检查点与已副署的根哈希不同：日志分叉");
      }
    } else if (prev.size > 0) {
      Status consistent = VerifyConsistency(TreeHasher(options_.hash), prev.size, cp.size,
                                            consistency_proof, prev.root, cp.root);
      if (!consistent.ok()) {
        return MakeError(ErrorKind::kConflict, "audit.witness_inconsistent",
                         "checkpoint " + Num(cp.size) +
                             " is not consistent with cosigned checkpoint " + Num(prev.size) +
                             ": " + consistent.error().message,
                         "检查点 " + Num(cp.size) + " 与已副署的检查点 " + Num(prev.size) +
                             " 不一致: " + consistent.error().message_zh);
      }
    }
  }
  // Durable before the cosignature exists outside this process.
  GS_RETURN_IF_ERROR(internal::WriteFileAtomic(options_.state_file, cp.Body(), 0644));
  latest_ = cp;
  const auto now = options_.clock->Now().time_since_epoch();
  const uint64_t timestamp =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  return key_.SignatureLine(note.text, timestamp);
}

}  // namespace gongshu::audit
