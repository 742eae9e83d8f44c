#pragma once
// The audit log seen through the HTTP API, and the suite-wide check that every data request
// left exactly one entry (issue 4, R-LOG-03): "every data request in the HTTP test suite produces
// exactly one entry whose inclusion in the next checkpoint verifies (allowed and denied alike)".
//
// Every HttpClient exchange of the process is observed (support/http_client.h). At the end of a
// suite, VerifyAuditTrail(server, data_dir):
//   1. waits for a signed checkpoint covering the whole log and verifies its signature with the
//      log key read from DATA_DIR/keys (pinned: not the key the server announces);
//   2. for every response that carried X-Audit-Index: the entry at that index names the
//      response's X-Request-Id, and its inclusion proof (from the API, against the leaf hash
//      recomputed from the entry's bytes) verifies against that checkpoint;
//   3. every response of a data endpoint (records, export.*) carried X-Audit-Index, except a
//      503 audit.unavailable (fail closed: refused, nothing served, nothing recorded) and the
//      requests the HTTP layer refuses before any handler runs (codes "http.*": a malformed
//      target or encoding never reaches a data endpoint);
//   4. the data-access entries of the log (channels share / open / operation) are exactly the
//      observed data responses: each request id appears once, none is missing, none is extra.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "audit/audit_event.h"
#include "audit/tree_hasher.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace gongshu::testing {

struct AuditEntryView {
  uint64_t index = 0;
  std::string leaf;  // the exact leaf bytes (decoded from base64)
  audit::AuditEvent event;
};

struct VerifiedCheckpoint {
  uint64_t size = 0;
  audit::Hash root{};
  std::string note;
};

class AuditReader {
 public:
  // `auth`: headers of a caller that sees every entry (an authority administrator or auditor).
  // `log_vkey`: the key checkpoints must be signed with; empty: the server's announced key.
  AuditReader(HttpClient client, std::map<std::string, std::string> auth, std::string log_vkey = "");

  uint64_t TreeSize() const;
  // The latest checkpoint once its size is at least `at_least` (polls for up to 20 s), with its
  // log signature verified. Fails the test (size 0) if none verifies.
  VerifiedCheckpoint Checkpoint(uint64_t at_least = 0) const;
  // Entries [start, end) with their leaf bytes re-encoded and compared with the JSON form.
  std::vector<AuditEntryView> Entries(uint64_t start, uint64_t end) const;
  ::testing::AssertionResult Included(const AuditEntryView& e, const VerifiedCheckpoint& cp) const;
  ::testing::AssertionResult Consistent(const VerifiedCheckpoint& older, const VerifiedCheckpoint& newer) const;

  const std::string& log_vkey() const { return log_vkey_; }
  audit::HashAlgorithm hash() const { return hash_; }

 private:
  HttpClient client_;
  std::map<std::string, std::string> auth_;
  std::string log_vkey_;
  audit::HashAlgorithm hash_ = audit::HashAlgorithm::kSha256;
};

// The log's checkpoint vkey as written to DATA_DIR/keys/audit-log.key.vkey.
std::string LogVkeyOf(const std::filesystem::path& data_dir);

// Data endpoints whose every response must carry X-Audit-Index.
bool IsDataEndpoint(const std::string& target);

// The suite-wide check described above, for the responses of `server` observed so far (they
// are forgotten afterwards). Call before stopping the server.
void VerifyAuditTrail(const ServerProcess& server, const std::filesystem::path& data_dir);

}  // namespace gongshu::testing
