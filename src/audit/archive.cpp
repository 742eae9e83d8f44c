#include "audit/archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <set>
#include <span>

#include "audit/audit_event.h"
#include "audit/internal/file_io.h"
#include "audit/internal/strict_text.h"
#include "audit/merkle_proof.h"
#include "audit/signed_note.h"
#include "core/encoding.h"

namespace gongshu::audit {
namespace {

using internal::ErrnoText;

constexpr std::string_view kMagic = "gongshu-audit-archive 1";

std::string Num(uint64_t v) { return std::to_string(v); }

// "-" for empty byte strings, otherwise standard padded base64.
std::string EncodeBytes(std::string_view bytes) {
  return bytes.empty() ? "-" : Base64Encode(bytes);
}

std::optional<std::string> DecodeBytes(std::string_view token) {
  if (token == "-") return std::string();
  return internal::DecodeCanonicalBase64(token);  // "" never reaches here (empty tokens rejected)
}

std::string EncodeHashes(std::span<const Hash> hashes) {
  std::string raw;
  raw.reserve(hashes.size() * 32);
  for (const Hash& h : hashes) raw.append(AsBytes(h));
  return EncodeBytes(raw);
}

std::optional<std::vector<Hash>> DecodeHashes(std::string_view token) {
  auto raw = DecodeBytes(token);
  if (!raw || raw->size() % 32 != 0) return std::nullopt;
  std::vector<Hash> out(raw->size() / 32);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = *HashFromBytes(std::string_view(*raw).substr(i * 32, 32));
  return out;
}

// Buffered writer to a temporary file, renamed into place by Finish().
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path) : path_(std::move(path)), tmp_(path_) {
    tmp_ += ".tmp";
  }
  ~AtomicFileWriter() {
    if (fd_.valid()) ::unlink(tmp_.c_str());
  }
  Status Open() {
    fd_ = internal::UniqueFd(::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd_.valid()) return Fail("cannot create", errno);
    return Ok();
  }
  Status Line(std::string_view line) {
    buf_.append(line);
    buf_.push_back('\n');
    return buf_.size() >= (size_t{1} << 20) ? Flush() : Ok();
  }
  Status Finish() {
    GS_RETURN_IF_ERROR(Flush());
    if (::fsync(fd_.get()) != 0) return Fail("cannot fsync", errno);
    fd_.Reset();
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp_.c_str());
      return Fail("cannot rename", err);
    }
    std::filesystem::path dir = path_.parent_path();
    internal::SyncDirectory(dir.empty() ? std::filesystem::path(".") : dir);
    return Ok();
  }

 private:
  Status Flush() {
    if (int err = internal::WriteAllAt(fd_.get(), buf_, static_cast<off_t>(written_)); err != 0) {
      return Fail("cannot write", err);
    }
    written_ += buf_.size();
    buf_.clear();
    return Ok();
  }
  Status Fail(const std::string& what, int err) {
    return MakeError(ErrorKind::kUnavailable, "audit.archive_unwritable",
                     what + " " + tmp_.string() + ": " + ErrnoText(err),
                     "无法写入归档文件 " + tmp_.string() + ": " + ErrnoText(err));
  }

  std::filesystem::path path_;
  std::filesystem::path tmp_;
  internal::UniqueFd fd_;
  std::string buf_;
  uint64_t written_ = 0;
};

}  // namespace

Status ExportArchive(const Checkpointer& checkpointer, const ArchiveExportOptions& o) {
  const AuditLog& log = checkpointer.log();
  const CheckpointStore& store = checkpointer.store();
  if (o.start >= o.end || o.end > log.Size()) {
    return MakeError(ErrorKind::kInvalidArgument, "audit.range_invalid",
                     "archive range [" + Num(o.start) + ", " + Num(o.end) +
                         ") is empty or beyond the log size " + Num(log.Size()),
                     "归档范围 [" + Num(o.start) + ", " + Num(o.end) + ") 为空或超出日志大小");
  }
  GS_ASSIGN_OR_RETURN(auto anchor, store.FindAtLeast(o.end));
  if (!anchor) {
    return MakeError(ErrorKind::kConflict, "audit.range_not_checkpointed",
                     "no signed checkpoint covers entry " + Num(o.end - 1) +
                         " yet; retry after the next checkpoint",
                     "尚无已签署的检查点覆盖条目 " + Num(o.end - 1) + "，请在下一个检查点后重试");
  }
  // Checkpoints: the last one at or before the range (context for the auditor's previous
  // archive), the first covering the range (inclusion proofs), the latest (most cosignatures).
  std::vector<StoredCheckpoint> cps;
  if (o.start > 0) {
    GS_ASSIGN_OR_RETURN(auto prev, store.FindAtMost(o.start));
    if (prev && prev->checkpoint.size > 0 && prev->checkpoint.size < anchor->checkpoint.size) {
      cps.push_back(std::move(*prev));
    }
  }
  const uint64_t proof_size = anchor->checkpoint.size;
  cps.push_back(std::move(*anchor));
  if (auto latest = store.Latest(); latest && latest->checkpoint.size > proof_size) {
    cps.push_back(std::move(*latest));
  }
  for (const auto& cp : cps) {
    GS_ASSIGN_OR_RETURN(Hash root, log.RootAt(cp.checkpoint.size));
    if (root != cp.checkpoint.root) {
      return MakeError(
          ErrorKind::kInternal, "audit.checkpoint_fork",
          "the log's root at size " + Num(cp.checkpoint.size) + " differs from its checkpoint",
          "日志在大小 " + Num(cp.checkpoint.size) + " 处的根哈希与检查点不符");
    }
  }

  AtomicFileWriter out(o.path);
  GS_RETURN_IF_ERROR(out.Open());
  GS_RETURN_IF_ERROR(out.Line(kMagic));
  GS_RETURN_IF_ERROR(out.Line("origin " + log.origin()));
  GS_RETURN_IF_ERROR(out.Line("hash " + std::string(HashAlgorithmName(log.hash_algorithm()))));
  GS_RETURN_IF_ERROR(out.Line("range " + Num(o.start) + " " + Num(o.end)));
  GS_RETURN_IF_ERROR(out.Line("log-key " + checkpointer.LogVerifier().VerifierKey()));
  for (const auto& w : checkpointer.witnesses())
    GS_RETURN_IF_ERROR(out.Line("witness-key " + w.VerifierKey()));
  for (const auto& cp : cps) GS_RETURN_IF_ERROR(out.Line("checkpoint " + Base64Encode(cp.note)));
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    const uint64_t a = cps[i].checkpoint.size, b = cps[i + 1].checkpoint.size;
    GS_ASSIGN_OR_RETURN(auto proof, log.ConsistencyProof(a, b));
    GS_RETURN_IF_ERROR(
        out.Line("consistency " + Num(a) + " " + Num(b) + " " + EncodeHashes(proof)));
  }
  GS_RETURN_IF_ERROR(
      log.ForEachEntry(o.start, o.end, [&](uint64_t index, std::string_view entry) -> Status {
        GS_ASSIGN_OR_RETURN(auto proof, log.InclusionProof(index, proof_size));
        return out.Line("entry " + Num(index) + " " + EncodeBytes(entry) + " " + Num(proof_size) +
                        " " + EncodeHashes(proof));
      }));
  GS_RETURN_IF_ERROR(out.Line("end " + Num(o.end - o.start)));
  return out.Finish();
}

namespace {

// Checks an archive line by line; see archive.h for the grammar.
class ArchiveVerifier {
 public:
  ArchiveVerifier(const ArchiveVerifyOptions& options, ArchiveReport& report)
      : options_(options), report_(report) {}

  void Run(std::istream& in);

 private:
  enum class Phase {
    kMagic,
    kOrigin,
    kHash,
    kRange,
    kLogKey,
    kWitnessKeys,
    kCheckpoints,
    kConsistency,
    kEntries,
    kDone
  };

  struct CheckpointInfo {
    uint64_t size = 0;
    Hash root{};
    std::set<std::string> witnesses;  // trusted witnesses whose cosignature verified
  };

  void Problem(std::string code, std::string en, std::string zh) {
    ++problem_count_;
    if (report_.problems.size() < options_.max_problems) {
      report_.problems.push_back(
          MakeError(ErrorKind::kUnprocessable, std::move(code), std::move(en), std::move(zh)));
    }
  }
  void LineProblem(const std::string& en, const std::string& zh) {
    Problem("audit.archive_malformed", "line " + Num(line_no_) + ": " + en,
            "第 " + Num(line_no_) + " 行: " + zh);
  }

  bool Header(Phase expect, std::string_view keyword, const std::vector<std::string_view>& f,
              size_t n);
  void HandleLine(std::string_view line);
  void LogKey(std::string_view vkey);
  void WitnessKey(std::string_view vkey);
  void CheckpointLine(std::string_view b64);
  void ConsistencyLine(const std::vector<std::string_view>& f);
  void EntryLine(const std::vector<std::string_view>& f);
  void EndLine(std::string_view count);
  void Finish();
  const CheckpointInfo* FindCheckpoint(uint64_t size) const {
    for (const auto& c : checkpoints_) {
      if (c.size == size) return &c;
    }
    return nullptr;
  }

  const ArchiveVerifyOptions& options_;
  ArchiveReport& report_;
  uint64_t line_no_ = 0;
  size_t problem_count_ = 0;
  Phase phase_ = Phase::kMagic;
  bool fatal_ = false;
  TreeHasher hasher_;
  std::optional<NoteVerifier> log_key_;
  std::vector<NoteVerifier> witness_keys_;
  std::vector<NoteVerifier> trusted_witnesses_;
  std::vector<CheckpointInfo> checkpoints_;
  std::set<uint64_t> consistency_done_;  // index i of the pair (i, i+1)
  uint64_t next_entry_ = 0;
  uint64_t entry_lines_ = 0;
};

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  for (;;) {
    const size_t sp = line.find(' ', pos);
    out.push_back(
        line.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos));
    if (sp == std::string_view::npos) break;
    pos = sp + 1;
  }
  return out;
}

void ArchiveVerifier::Run(std::istream& in) {
  std::string line;
  while (!fatal_ && std::getline(in, line)) {
    ++line_no_;
    if (in.eof()) {
      LineProblem("last line does not end with a newline (truncated archive?)",
                  "最后一行没有换行（归档被截断？）");
    }
    HandleLine(line);
  }
  if (!fatal_) Finish();
}

bool ArchiveVerifier::Header(Phase expect, std::string_view keyword,
                             const std::vector<std::string_view>& f, size_t n) {
  if (phase_ != expect || f[0] != keyword || f.size() != n) {
    LineProblem("expected a '" + std::string(keyword) + "' line with " + Num(n - 1) + " field(s)",
                "应为含 " + Num(n - 1) + " 个字段的“" + std::string(keyword) + "”行");
    fatal_ = true;  // the header frames everything else: stop here
    return false;
  }
  return true;
}

void ArchiveVerifier::HandleLine(std::string_view line) {
  if (phase_ == Phase::kMagic) {
    if (line != kMagic) {
      LineProblem("not a Gongshu audit archive (expected '" + std::string(kMagic) + "')",
                  "不是公数审计归档文件");
      fatal_ = true;
      return;
    }
    phase_ = Phase::kOrigin;
    return;
  }
  const auto f = SplitFields(line);
  for (auto field : f) {
    if (field.empty()) {
      LineProblem("empty field (fields are separated by exactly one space)",
                  "存在空字段（字段间只能有一个空格）");
      return;
    }
  }
  const std::string_view kw = f[0];
  switch (phase_) {
    case Phase::kOrigin:
      if (Header(Phase::kOrigin, "origin", f, 2)) {
        report_.origin.assign(f[1]);
        phase_ = Phase::kHash;
      }
      return;
    case Phase::kHash:
      if (Header(Phase::kHash, "hash", f, 2)) {
        auto alg = ParseHashAlgorithm(f[1]);
        if (!alg) {
          LineProblem("unknown hash algorithm '" + std::string(f[1]) + "'", "未知哈希算法");
          fatal_ = true;
          return;
        }
        report_.hash = *alg;
        hasher_ = TreeHasher(*alg);
        phase_ = Phase::kRange;
      }
      return;
    case Phase::kRange:
      if (Header(Phase::kRange, "range", f, 3)) {
        auto s = internal::ParseCanonicalU64(f[1]);
        auto e = internal::ParseCanonicalU64(f[2]);
        if (!s || !e || *s >= *e) {
          LineProblem("range must be two canonical decimals with start < end",
                      "范围必须是两个规范十进制数且起点小于终点");
          fatal_ = true;
          return;
        }
        report_.start = *s;
        report_.end = *e;
        next_entry_ = *s;
        phase_ = Phase::kLogKey;
      }
      return;
    case Phase::kLogKey:
      if (Header(Phase::kLogKey, "log-key", f, 2)) {
        LogKey(f[1]);
        phase_ = Phase::kWitnessKeys;
      }
      return;
    default:
      break;
  }
  if (phase_ == Phase::kDone) {
    LineProblem("data after the end line", "结束行之后还有数据");
    return;
  }
  if (kw == "witness-key" && f.size() == 2 && phase_ == Phase::kWitnessKeys) {
    WitnessKey(f[1]);
  } else if (kw == "checkpoint" && f.size() == 2 &&
             (phase_ == Phase::kWitnessKeys || phase_ == Phase::kCheckpoints)) {
    phase_ = Phase::kCheckpoints;
    CheckpointLine(f[1]);
  } else if (kw == "consistency" && f.size() == 4 &&
             (phase_ == Phase::kCheckpoints || phase_ == Phase::kConsistency)) {
    phase_ = Phase::kConsistency;
    ConsistencyLine(f);
  } else if (kw == "entry" && f.size() == 5 &&
             (phase_ == Phase::kCheckpoints || phase_ == Phase::kConsistency ||
              phase_ == Phase::kEntries)) {
    phase_ = Phase::kEntries;
    EntryLine(f);
  } else if (kw == "end" && f.size() == 2 && phase_ == Phase::kEntries) {
    phase_ = Phase::kDone;
    EndLine(f[1]);
  } else if (kw == "witness-key" || kw == "checkpoint" || kw == "consistency" || kw == "entry" ||
             kw == "end") {
    LineProblem("'" + std::string(kw) + "' line out of order or with a wrong number of fields",
                "“" + std::string(kw) + "”行顺序错误或字段数不对");
  } else {
    LineProblem("unknown record '" + std::string(kw.substr(0, 40)) + "'", "未知记录类型");
  }
}

void ArchiveVerifier::LogKey(std::string_view vkey) {
  auto key = NoteVerifier::Parse(vkey);
  if (!key.ok()) {
    Problem("audit.archive_key_invalid", "log key: " + key.error().message,
            "日志公钥: " + key.error().message_zh);
    return;
  }
  if (key->type() == NoteKeyType::kCosignatureV1) {
    Problem("audit.archive_key_invalid", "log key: a cosignature key cannot sign checkpoints",
            "日志公钥: 见证副署密钥不能签署检查点");
    return;
  }
  if (key->name() != report_.origin) {
    Problem("audit.archive_key_invalid",
            "log key name '" + key->name() + "' differs from the origin",
            "日志公钥名称与来源标识不符");
    return;
  }
  if (options_.trusted_log_keys.empty()) {
    report_.notes.push_back("log key taken from the archive itself (" + key->VerifierKey() +
                            "); pass the log's published key to pin it");
  } else {
    bool trusted = false;
    for (const auto& t : options_.trusted_log_keys) {
      auto tk = NoteVerifier::Parse(t);
      if (tk.ok() && tk->VerifierKey() == key->VerifierKey()) trusted = true;
    }
    if (!trusted) {
      Problem("audit.archive_key_untrusted",
              "log key " + key->VerifierKey() + " is not a trusted log key",
              "日志公钥不在受信任列表中");
      return;
    }
  }
  log_key_ = std::move(*key);
}

void ArchiveVerifier::WitnessKey(std::string_view vkey) {
  auto key = NoteVerifier::Parse(vkey);
  if (!key.ok()) {
    Problem("audit.archive_key_invalid", "witness key: " + key.error().message,
            "见证方公钥: " + key.error().message_zh);
    return;
  }
  if (key->type() != NoteKeyType::kCosignatureV1) {
    Problem("audit.archive_key_invalid",
            "witness key " + key->name() + " is not a cosignature/v1 key",
            "见证方公钥 " + key->name() + " 不是 cosignature/v1 密钥");
    return;
  }
  for (const auto& w : witness_keys_) {
    if (w.name() == key->name() && w.key_id() == key->key_id()) {
      Problem("audit.archive_malformed", "witness key " + key->name() + " listed twice",
              "见证方公钥重复");
      return;
    }
  }
  bool trusted = options_.trusted_witness_keys.empty();
  for (const auto& t : options_.trusted_witness_keys) {
    auto tk = NoteVerifier::Parse(t);
    if (tk.ok() && tk->VerifierKey() == key->VerifierKey()) trusted = true;
  }
  if (trusted) {
    trusted_witnesses_.push_back(*key);
  } else {
    report_.notes.push_back("witness " + key->name() +
                            " is not among the trusted witnesses; its cosignatures do not count");
  }
  witness_keys_.push_back(std::move(*key));
}

void ArchiveVerifier::CheckpointLine(std::string_view b64) {
  auto note_text = internal::DecodeCanonicalBase64(b64);
  if (!note_text) {
    Problem("audit.archive_checkpoint_invalid",
            "checkpoint on line " + Num(line_no_) + ": not canonical base64",
            "第 " + Num(line_no_) + " 行的检查点不是规范的 base64");
    return;
  }
  auto note = ParseSignedNote(*note_text);
  if (!note.ok()) {
    Problem("audit.archive_checkpoint_invalid",
            "checkpoint on line " + Num(line_no_) + ": " + note.error().message,
            "第 " + Num(line_no_) + " 行的检查点: " + note.error().message_zh);
    return;
  }
  auto cp = ParseCheckpointBody(note->text);
  if (!cp.ok()) {
    Problem("audit.archive_checkpoint_invalid",
            "checkpoint on line " + Num(line_no_) + ": " + cp.error().message,
            "第 " + Num(line_no_) + " 行的检查点: " + cp.error().message_zh);
    return;
  }
  const std::string name = "checkpoint size " + Num(cp->size);
  const std::string name_zh = "大小为 " + Num(cp->size) + " 的检查点";
  bool ok = true;
  if (cp->origin != report_.origin) {
    Problem("audit.archive_checkpoint_invalid",
            name + ": origin '" + cp->origin + "' is not the archive's",
            name_zh + ": 来源标识与归档不符");
    ok = false;
  }
  if (!checkpoints_.empty() && cp->size <= checkpoints_.back().size) {
    Problem("audit.archive_checkpoint_invalid", name + ": checkpoint sizes must increase",
            name_zh + ": 检查点大小必须递增");
    return;
  }
  if (cp->size == 0) {
    Problem("audit.archive_checkpoint_invalid", name + ": empty tree", name_zh + ": 空树");
    return;
  }
  CheckpointInfo info{cp->size, cp->root, {}};
  bool log_signed = false;
  for (const NoteSignature& sig : note->signatures) {
    if (log_key_ && sig.name == log_key_->name() && sig.key_id == log_key_->key_id()) {
      if (log_key_->Verify(note->text, sig.signature)) {
        log_signed = true;
      } else {
        Problem("audit.archive_signature_invalid", name + ": log signature does not verify",
                name_zh + ": 日志签名验证失败");
        ok = false;
      }
      continue;
    }
    const NoteVerifier* witness = nullptr;
    for (const auto& w : witness_keys_) {
      if (sig.name == w.name() && sig.key_id == w.key_id()) witness = &w;
    }
    if (witness == nullptr) {
      Problem("audit.archive_signature_invalid",
              name + ": signature from unknown key '" + sig.name.substr(0, 80) + "'",
              name_zh + ": 存在来自未知密钥的签名");
      ok = false;
      continue;
    }
    if (!witness->Verify(note->text, sig.signature)) {
      Problem("audit.archive_signature_invalid",
              name + ": cosignature by " + sig.name + " does not verify",
              name_zh + ": 见证方 " + sig.name + " 的副署验证失败");
      ok = false;
      continue;
    }
    ++report_.cosignatures_verified;
    for (const auto& t : trusted_witnesses_) {
      if (t.name() == witness->name() && t.key_id() == witness->key_id())
        info.witnesses.insert(t.name());
    }
  }
  if (!log_signed) {
    Problem("audit.archive_signature_invalid", name + ": no valid signature by the log key",
            name_zh + ": 没有日志密钥的有效签名");
    ok = false;
  }
  if (ok) ++report_.checkpoints_verified;
  checkpoints_.push_back(std::move(info));
}

void ArchiveVerifier::ConsistencyLine(const std::vector<std::string_view>& f) {
  auto a = internal::ParseCanonicalU64(f[1]);
  auto b = internal::ParseCanonicalU64(f[2]);
  auto proof = DecodeHashes(f[3]);
  if (!a || !b || !proof) {
    LineProblem("consistency line needs two canonical sizes and base64 hashes",
                "一致性证明行格式错误");
    return;
  }
  const std::string name = "consistency " + Num(*a) + " -> " + Num(*b);
  size_t pair = checkpoints_.size();
  for (size_t i = 0; i + 1 < checkpoints_.size(); ++i) {
    if (checkpoints_[i].size == *a && checkpoints_[i + 1].size == *b) pair = i;
  }
  if (pair == checkpoints_.size()) {
    Problem("audit.archive_proof_invalid",
            name + ": does not join two consecutive checkpoints of the archive",
            "一致性证明 " + Num(*a) + " -> " + Num(*b) + " 没有连接归档中相邻的两个检查点");
    return;
  }
  if (!consistency_done_.insert(pair).second) {
    Problem("audit.archive_malformed", name + ": listed twice", "一致性证明重复");
    return;
  }
  Status s = VerifyConsistency(hasher_, *a, *b, *proof, checkpoints_[pair].root,
                               checkpoints_[pair + 1].root);
  if (!s.ok()) {
    Problem("audit.archive_proof_invalid", name + ": " + s.error().message,
            "一致性证明 " + Num(*a) + " -> " + Num(*b) + ": " + s.error().message_zh);
    return;
  }
  ++report_.consistency_proofs_verified;
}

void ArchiveVerifier::EntryLine(const std::vector<std::string_view>& f) {
  ++entry_lines_;
  const uint64_t expected = next_entry_++;
  auto index = internal::ParseCanonicalU64(f[1]);
  if (!index || *index != expected) {
    Problem("audit.archive_entry_invalid",
            "entry " + Num(expected) + ": line " + Num(line_no_) + " has index '" +
                std::string(f[1].substr(0, 24)) +
                "' (entries must be consecutive from the range start)",
            "条目 " + Num(expected) + ": 第 " + Num(line_no_) +
                " 行的序号错误（条目必须从范围起点连续排列）");
    return;
  }
  const std::string name = "entry " + Num(expected);
  const std::string name_zh = "条目 " + Num(expected);
  if (expected >= report_.end) {
    Problem("audit.archive_entry_invalid", name + ": beyond the archive range",
            name_zh + ": 超出归档范围");
    return;
  }
  auto bytes = DecodeBytes(f[2]);
  if (!bytes) {
    Problem("audit.archive_entry_invalid", name + ": entry bytes are not canonical base64",
            name_zh + ": 条目不是规范的 base64");
    return;
  }
  bool ok = true;
  if (auto event = DecodeEntry(*bytes); !event.ok()) {
    Problem("audit.archive_entry_invalid", name + ": " + event.error().message,
            name_zh + ": " + event.error().message_zh);
    ok = false;
  }
  auto size = internal::ParseCanonicalU64(f[3]);
  auto proof = DecodeHashes(f[4]);
  if (!size || !proof) {
    Problem("audit.archive_entry_invalid", name + ": malformed tree size or inclusion proof",
            name_zh + ": 树大小或包含证明格式错误");
    return;
  }
  const CheckpointInfo* cp = FindCheckpoint(*size);
  if (cp == nullptr) {
    Problem(
        "audit.archive_entry_invalid",
        name + ": refers to tree size " + Num(*size) + ", which no checkpoint of the archive has",
        name_zh + ": 引用的树大小 " + Num(*size) + " 在归档中没有对应的检查点");
    return;
  }
  auto root = RootFromInclusionProof(hasher_, expected, *size, hasher_.HashLeaf(*bytes), *proof);
  if (!root.ok()) {
    Problem("audit.archive_proof_invalid",
            name + ": inclusion proof malformed: " + root.error().message,
            name_zh + ": 包含证明格式错误: " + root.error().message_zh);
    return;
  }
  if (*root != cp->root) {
    Problem("audit.archive_proof_invalid",
            name + ": leaf hash not included in checkpoint size " + Num(*size),
            name_zh + ": 叶子哈希未包含在大小为 " + Num(*size) + " 的检查点中");
    return;
  }
  if (ok) ++report_.entries_verified;
}

void ArchiveVerifier::EndLine(std::string_view count) {
  auto n = internal::ParseCanonicalU64(count);
  if (!n || *n != entry_lines_ || *n != report_.end - report_.start) {
    Problem("audit.archive_incomplete",
            "end line declares " + std::string(count.substr(0, 24)) + " entries; the archive has " +
                Num(entry_lines_) + " for range [" + Num(report_.start) + ", " + Num(report_.end) +
                ")",
            "结束行声明的条目数与归档内容不符");
  }
}

void ArchiveVerifier::Finish() {
  if (phase_ != Phase::kDone) {
    Problem("audit.archive_incomplete", "archive is truncated: no end line",
            "归档被截断：缺少结束行");
  }
  if (checkpoints_.empty() && phase_ > Phase::kLogKey) {
    Problem("audit.archive_incomplete", "archive has no checkpoint", "归档中没有检查点");
  }
  for (size_t i = 0; i + 1 < checkpoints_.size(); ++i) {
    if (!consistency_done_.count(i)) {
      Problem(
          "audit.archive_incomplete",
          "missing consistency proof " + Num(checkpoints_[i].size) + " -> " +
              Num(checkpoints_[i + 1].size),
          "缺少一致性证明 " + Num(checkpoints_[i].size) + " -> " + Num(checkpoints_[i + 1].size));
    }
  }
  if (phase_ > Phase::kRange && next_entry_ < report_.end) {
    Problem("audit.archive_incomplete",
            "entries " + Num(next_entry_) + ".." + Num(report_.end - 1) + " are missing",
            "缺少条目 " + Num(next_entry_) + ".." + Num(report_.end - 1));
  }
  if (!checkpoints_.empty() && !checkpoints_.back().witnesses.empty()) {
    std::string list;
    for (const auto& w : checkpoints_.back().witnesses) list += (list.empty() ? "" : ", ") + w;
    report_.notes.push_back("newest checkpoint (size " + Num(checkpoints_.back().size) +
                            ") cosigned by " + list);
  }
  if (options_.min_cosignatures > 0) {
    const size_t have = checkpoints_.empty() ? 0 : checkpoints_.back().witnesses.size();
    if (have < options_.min_cosignatures) {
      Problem("audit.archive_quorum",
              "newest checkpoint has " + Num(have) + " trusted cosignature(s), " +
                  Num(options_.min_cosignatures) + " required",
              "最新检查点只有 " + Num(have) + " 个受信任的副署，要求 " +
                  Num(options_.min_cosignatures) + " 个");
    }
  }
  if (problem_count_ > report_.problems.size()) {
    report_.notes.push_back(Num(problem_count_ - report_.problems.size()) +
                            " further problem(s) not listed");
  }
}

}  // namespace

ArchiveReport VerifyArchive(std::istream& in, const ArchiveVerifyOptions& options) {
  ArchiveReport report;
  ArchiveVerifier(options, report).Run(in);
  return report;
}

ArchiveReport VerifyArchive(const std::filesystem::path& path,
                            const ArchiveVerifyOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ArchiveReport report;
    report.problems.push_back(MakeError(ErrorKind::kNotFound, "audit.archive_unreadable",
                                        "cannot open archive " + path.string(),
                                        "无法打开归档 " + path.string()));
    return report;
  }
  return VerifyArchive(in, options);
}

std::string ArchiveReport::Summary() const {
  std::string out = "archive: " + origin + " (" + std::string(HashAlgorithmName(hash)) +
                    "), entries [" + Num(start) + ", " + Num(end) + ")\n";
  out += "verified: " + Num(entries_verified) + " entries, " + Num(checkpoints_verified) +
         " checkpoints, " + Num(cosignatures_verified) + " cosignatures, " +
         Num(consistency_proofs_verified) + " consistency proofs\n";
  out += ok() ? "result: OK\n" : "result: FAILED (" + Num(problems.size()) + " problem(s))\n";
  for (const auto& p : problems) out += "  problem: " + p.message + "\n";
  for (const auto& n : notes) out += "  note: " + n + "\n";
  return out;
}

}  // namespace gongshu::audit
