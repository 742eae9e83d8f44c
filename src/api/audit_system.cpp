#include "api/audit_system.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "audit/audit_event.h"
#include "core/crypto.h"
#include "core/log.h"

namespace gongshu::api {

namespace fs = std::filesystem;

namespace {

Error ConfigError(const std::string& code, const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, code, en, zh);
}

// Wraps any failure to open the log into one message that says the platform will not start.
Error StartError(const fs::path& dir, const Error& cause) {
  Error e = cause;
  e.message = "The audit log in " + dir.string() + " cannot be opened, so the platform does not start: " +
              cause.message;
  e.message_zh = "无法打开审计日志 " + dir.string() + "，平台不予启动：" + cause.message_zh;
  return e;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "origin X" / "hash Y" from an existing log's identity file.
std::string IdentityValue(const std::string& identity, std::string_view key) {
  std::istringstream in(identity);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > key.size() && line.compare(0, key.size(), key) == 0 && line[key.size()] == ' ') {
      return line.substr(key.size() + 1);
    }
  }
  return "";
}

// "gongshu/<hostname>", keeping only characters a checkpoint origin may hold.
std::string DefaultOrigin() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "gongshu/localhost";
  std::string clean;
  for (const char* c = host; *c != '\0'; ++c) {
    const unsigned char u = static_cast<unsigned char>(*c);
    if (u > 0x20 && u < 0x7F && u != '+') clean.push_back(*c);
  }
  return "gongshu/" + (clean.empty() ? std::string("localhost") : clean);
}

// The key type of an existing key file ("PRIVATE+KEY+<name>+<id>+<base64>"), if readable.
std::optional<audit::NoteKeyType> ExistingKeyType(const fs::path& file) {
  auto text = ReadFile(file);
  if (!text) return std::nullopt;
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  auto signer = audit::NoteSigner::Parse(*text);
  if (!signer.ok()) return std::nullopt;
  return signer->type();
}

std::vector<std::string> ReadWitnessFile(const fs::path& file) {
  std::vector<std::string> keys;
  auto text = ReadFile(file);
  if (!text) return keys;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    keys.push_back(line.substr(start));
  }
  return keys;
}

// GONGSHU_AUDIT_FAULT_FILE (test hook, see the header): writes fail while the file exists.
std::function<int(audit::IoStep)> FaultHookFromEnvironment() {
  const char* path = std::getenv("GONGSHU_AUDIT_FAULT_FILE");
  if (path == nullptr || *path == '\0') return {};
  Log().warn("audit: test fault hook enabled: log writes fail while {} exists", path);
  fs::path file(path);
  return [file](audit::IoStep step) -> int {
    if (step != audit::IoStep::kWrite) return 0;
    std::error_code ec;
    return fs::exists(file, ec) ? EIO : 0;
  };
}

}  // namespace

Result<std::unique_ptr<AuditSystem>> AuditSystem::Open(const fs::path& data_dir, AuditOptions options,
                                                       const Clock& clock) {
  const fs::path dir = data_dir / "audit";
  const fs::path key_file = data_dir / "keys" / "audit-log.key";
  std::unique_ptr<AuditSystem> sys(new AuditSystem());

  // Identity: an existing log keeps its origin and hash; options may only repeat them.
  audit::AuditLogOptions lo;
  lo.directory = dir;
  std::optional<std::string> identity = ReadFile(dir / "LOG");
  const std::string existing_origin = identity ? IdentityValue(*identity, "origin") : "";
  const std::string existing_hash = identity ? IdentityValue(*identity, "hash") : "";
  if (identity && !options.origin.empty() && options.origin != existing_origin) {
    return StartError(dir, ConfigError("audit.identity_mismatch",
                                       "the log was created with origin '" + existing_origin +
                                           "'; --audit-origin '" + options.origin + "' cannot change it",
                                       "该日志创建时的标识为“" + existing_origin + "”，--audit-origin “" +
                                           options.origin + "”不能更改它"));
  }
  if (identity && !options.hash.empty() && options.hash != existing_hash) {
    return StartError(dir, ConfigError("audit.identity_mismatch",
                                       "the log was created with hash " + existing_hash + "; --audit-hash " +
                                           options.hash + " applies only when a log is created",
                                       "该日志创建时使用 " + existing_hash + " 哈希；--audit-hash " + options.hash +
                                           " 只在创建日志时生效"));
  }
  lo.origin = identity ? existing_origin : (options.origin.empty() ? DefaultOrigin() : options.origin);
  const std::string hash_name = identity ? existing_hash : (options.hash.empty() ? "sha256" : options.hash);
  auto hash = audit::ParseHashAlgorithm(hash_name);
  if (!hash) {
    return StartError(dir, ConfigError("audit.hash_unknown", "unknown hash algorithm '" + hash_name + "' (sha256 or sm3)",
                                       "未知的哈希算法“" + hash_name + "”（可选 sha256 或 sm3）"));
  }
  lo.hash = *hash;
  AuditSystem* self = sys.get();
  lo.on_durable = [self](uint64_t, const audit::AuditEvent& e) { self->Count(e); };
  lo.fault_hook = FaultHookFromEnvironment();
  auto log = audit::AuditLog::Open(std::move(lo));
  if (!log.ok()) return StartError(dir, log.error());
  sys->log_ = std::move(log).value();
  if (!identity) {
    Log().info("audit: created log {} ({}) in {}", sys->log_->origin(), hash_name, dir.string());
  }

  // Statistics of the entries already in the log; new ones arrive through on_durable.
  const uint64_t recovered = sys->log_->Size();
  Status scanned = sys->log_->ForEachEntry(0, recovered, [self](uint64_t, std::string_view bytes) -> Status {
    GS_ASSIGN_OR_RETURN(audit::AuditEvent e, audit::DecodeEntry(bytes));
    self->Count(e);
    return Ok();
  });
  if (!scanned.ok()) return StartError(dir, scanned.error());

  // Checkpoint key: an existing key keeps its type; --audit-signer only chooses for a new key.
  audit::NoteKeyType key_type = audit::NoteKeyType::kEd25519;
  const std::optional<audit::NoteKeyType> existing_type = ExistingKeyType(key_file);
  if (!options.signer.empty()) {
    auto wanted = options.signer == "ed25519" ? std::optional(audit::NoteKeyType::kEd25519)
                  : options.signer == "sm2"   ? std::optional(audit::NoteKeyType::kSm2)
                                              : std::nullopt;
    if (!wanted) {
      return StartError(dir, ConfigError("audit.signer_unknown", "unknown signer '" + options.signer + "' (ed25519 or sm2)",
                                         "未知的签名算法“" + options.signer + "”（可选 ed25519 或 sm2）"));
    }
    if (existing_type && *existing_type != *wanted) {
      return StartError(dir, ConfigError("audit.key_mismatch",
                                         "the log key " + key_file.string() + " is " +
                                             std::string(audit::NoteKeyTypeName(*existing_type)) +
                                             "; --audit-signer applies only when the key is created",
                                         "日志密钥 " + key_file.string() + " 为 " +
                                             std::string(audit::NoteKeyTypeName(*existing_type)) +
                                             " 类型；--audit-signer 只在创建密钥时生效"));
    }
    key_type = *wanted;
  } else if (existing_type) {
    key_type = *existing_type;
  }
  auto signer = audit::NoteSigner::LoadOrCreate(key_file, sys->log_->origin(), key_type);
  if (!signer.ok()) return StartError(dir, signer.error());

  audit::CheckpointerOptions co;
  co.interval = options.checkpoint_interval;
  co.clock = &clock;
  std::vector<std::string> witness_keys = ReadWitnessFile(dir / "witnesses");
  witness_keys.insert(witness_keys.end(), options.witness_keys.begin(), options.witness_keys.end());
  for (const auto& vkey : witness_keys) {
    auto v = audit::NoteVerifier::Parse(vkey);
    if (!v.ok()) return StartError(dir, v.error());
    if (v->type() != audit::NoteKeyType::kCosignatureV1) {
      return StartError(dir, ConfigError("audit.key_invalid", "witness key '" + vkey + "' is not a cosignature/v1 key",
                                         "见证密钥“" + vkey + "”不是 cosignature/v1 类型"));
    }
    co.witnesses.push_back(std::move(v).value());
  }
  auto cp = audit::Checkpointer::Open(*sys->log_, std::move(signer).value(), std::move(co));
  if (!cp.ok()) return StartError(dir, cp.error());
  sys->checkpointer_ = std::move(cp).value();
  if (Status health = sys->checkpointer_->Health(); !health.ok()) return StartError(dir, health.error());
  // Cover whatever recovery found at once, so exports and proofs work right after start.
  auto first = sys->checkpointer_->Tick(true);
  if (!first.ok()) return StartError(dir, first.error());
  sys->checkpointer_->Start();
  sys->trail_ = std::make_unique<audit::LogTrail>(*sys->log_, clock);
  Log().info("audit: log {} with {} entries, checkpoint key {}", sys->log_->origin(), recovered, sys->log_vkey());
  return sys;
}

AuditSystem::~AuditSystem() { Shutdown(); }

void AuditSystem::Count(const audit::AuditEvent& e) {
  usage_.Record(e);
  if (e.action.starts_with("export.")) downloads_.Record(e);
}

void AuditSystem::Shutdown() {
  if (shut_down_ || !log_) return;
  shut_down_ = true;
  if (checkpointer_) {
    checkpointer_->Stop();
    // Every acknowledged entry is covered by a signed checkpoint when the platform stops.
    auto last = checkpointer_->Tick(true);
    if (!last.ok()) Log().warn("audit: final checkpoint not signed: {}", last.error().message);
  }
  log_->Close();
}

catalog::ChangeRecorder AuditSystem::AdminChangeRecorder(const Clock& clock) {
  audit::AuditTrail* trail = trail_.get();
  return [trail, &clock](const catalog::CatalogChange& c) -> Status {
    auto digest = [](const std::string& state) {
      audit::Digest32 out{};
      if (state.empty()) return out;  // the object did not exist (before) / no longer exists
      Sha256Digest d = Sha256(state);
      std::copy(d.begin(), d.end(), out.begin());
      return out;
    };
    audit::AuditEvent e;
    e.time_micros = clock.NowMicros();
    e.request_id = c.actor.request_id;
    e.principal_id = c.actor.principal_id.empty() ? "console" : c.actor.principal_id;
    e.organisation_id = c.actor.organisation_id;
    e.channel = audit::Channel::kAdmin;
    e.action = "admin.change";  // what changed is in kind: resource.updated, user.created, …
    e.resource_id = c.resource_id;
    e.resource_version = c.resource_version;
    e.decision = audit::Decision::kAllow;
    e.kind = c.kind;
    e.object_id = c.object_id;
    e.before_hash = digest(c.before);
    e.after_hash = digest(c.after);
    GS_RETURN_IF_ERROR(trail->Record(e));
    return Ok();
  };
}

void AuditSystem::AddMetrics(Metrics& metrics) {
  AuditSystem* self = this;
  metrics.AddGauge("gongshu_audit_entries", "Entries in the audit log.",
                   [self] { return static_cast<double>(self->log_->Size()); });
  metrics.AddGauge("gongshu_audit_checkpoint_size", "Tree size of the latest signed audit checkpoint.", [self] {
    auto cp = self->checkpointer_->Latest();
    return cp ? static_cast<double>(cp->checkpoint.size) : 0.0;
  });
  metrics.AddGauge("gongshu_audit_append_failures_total",
                   "Audit entries the log could not write (each one refused its request or change).",
                   [self] { return static_cast<double>(self->trail_->failures()); });
  metrics.AddGauge("gongshu_audit_healthy", "1 while the audit log is writable and checkpoints are signed.", [self] {
    return self->log_->Healthy() && self->checkpointer_->Health().ok() ? 1.0 : 0.0;
  });
}

std::vector<std::string> AuditSystem::witness_vkeys() const {
  std::vector<std::string> out;
  for (const auto& w : checkpointer_->witnesses()) out.push_back(w.VerifierKey());
  return out;
}

}  // namespace gongshu::api
