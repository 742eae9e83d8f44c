#pragma once
// AuditSystem: the platform's audit log as the application runs it — the durable Merkle log in
// DATA_DIR/audit, its checkpoint key in DATA_DIR/keys, the Checkpointer signing a checkpoint at
// least every second while entries arrive, live usage statistics, and the AuditTrail services
// record through (docs/audit.md, "Operations").
//
// Open() refuses to start the platform when the log cannot be opened or recovered, when the
// key does not match the log, or when the stored checkpoint is no longer consistent with the
// log (lost or changed entries must be investigated before anything is served). Shutdown()
// signs a last checkpoint covering every entry, stops the signer and closes the log.
//
// Test hook: when the environment variable GONGSHU_AUDIT_FAULT_FILE names a path, every write to
// the log fails with EIO while a file exists at that path (the failure path of a full or broken
// disk, which running as root cannot otherwise provoke). Never set it in production.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/metrics.h"
#include "audit/audit_log.h"
#include "audit/checkpointer.h"
#include "audit/log_trail.h"
#include "audit/usage_stats.h"
#include "catalog/catalog_change.h"
#include "core/clock.h"
#include "core/result.h"

namespace gongshu::api {

struct AuditOptions {
  // Log identity (checkpoint origin line). "" = the existing log's, or "gongshu/<hostname>" for a
  // new log. Fixed for the life of a log: a different value for an existing log is refused.
  std::string origin;
  // "sha256" | "sm3"; "" = the existing log's, or sha256. Chosen when the log is created.
  std::string hash;
  // Checkpoint key type "ed25519" | "sm2"; "" = the existing key's, or ed25519.
  std::string signer;
  // Witness cosignature/v1 vkeys whose cosignatures are accepted, besides the ones listed in
  // DATA_DIR/audit/witnesses (one vkey per line, '#' starts a comment).
  std::vector<std::string> witness_keys;
  std::chrono::milliseconds checkpoint_interval{500};
};

class AuditSystem {
 public:
  static Result<std::unique_ptr<AuditSystem>> Open(const std::filesystem::path& data_dir, AuditOptions options,
                                                   const Clock& clock);
  ~AuditSystem();  // Shutdown()
  AuditSystem(const AuditSystem&) = delete;
  AuditSystem& operator=(const AuditSystem&) = delete;

  // Signs a final checkpoint, stops signing and closes the log (later records fail with 503).
  void Shutdown();

  audit::AuditLog& log() { return *log_; }
  const audit::AuditLog& log() const { return *log_; }
  audit::Checkpointer& checkpointer() { return *checkpointer_; }
  const audit::Checkpointer& checkpointer() const { return *checkpointer_; }
  audit::LogTrail& trail() { return *trail_; }
  // Calls, rows, denials per (resource, organisation, day), kept current as entries become durable.
  const audit::UsageStats& usage() const { return usage_; }
  // The same for downloads only (actions "export.*").
  const audit::UsageStats& downloads() const { return downloads_; }
  // The log's checkpoint vkey and the accepted witness vkeys, as published to auditors.
  std::string log_vkey() const { return checkpointer_->LogVerifier().VerifierKey(); }
  std::vector<std::string> witness_vkeys() const;

  // Records catalog changes (R-ADM-01) as admin entries: kind, object, actor, and SHA-256 of the
  // object's canonical JSON before and after. For Catalog / Importer::SetChangeRecorder.
  catalog::ChangeRecorder AdminChangeRecorder(const Clock& clock);

  // gongshu_audit_entries, _checkpoint_size, _append_failures_total (R-LOG-06: every refused
  // entry also refused its request; nothing is dropped silently), _healthy.
  void AddMetrics(Metrics& metrics);

 private:
  AuditSystem() = default;

  void Count(const audit::AuditEvent& e);

  audit::UsageStats usage_;      // before log_: the log's on_durable callback feeds them
  audit::UsageStats downloads_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<audit::Checkpointer> checkpointer_;
  std::unique_ptr<audit::LogTrail> trail_;
  bool shut_down_ = false;
};

}  // namespace gongshu::api
