#include "audit_check.h"

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "audit/checkpoint.h"
#include "audit/merkle_proof.h"
#include "audit/note_verifier.h"
#include "audit/signed_note.h"
#include "core/encoding.h"
#include "support/temp_dir.h"

namespace gongshu::testing {

namespace {

// One observed response that matters to the check.
struct Observed {
  std::string method;
  std::string target;  // "" for raw exchanges
  int status = 0;
  std::string request_id;
  std::string error_code;                 // of an error envelope, if any
  std::optional<uint64_t> audit_index;
};

std::mutex g_mu;
std::map<uint16_t, std::vector<Observed>> g_observed;  // by server port; guarded by g_mu

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<uint64_t> ParseIndex(const std::string& s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

std::string ErrorCode(const std::string& body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error") || !v.at("error").is_object()) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("code") && e.at("code").is_string() ? std::string(e.at("code").as_string()) : "";
}

// Header blocks of the responses in a raw exchange that carry X-Audit-Index.
void ObserveRaw(uint16_t port, const std::string& raw) {
  const std::string lower = Lower(raw);
  size_t pos = 0;
  while ((pos = lower.find("\r\nx-audit-index:", pos)) != std::string::npos) {
    size_t block_start = lower.rfind("http/1.", pos);
    size_t block_end = lower.find("\r\n\r\n", pos);
    if (block_start == std::string::npos || block_end == std::string::npos) break;
    auto header = [&](const std::string& name) -> std::string {
      size_t at = lower.find("\r\n" + name + ":", block_start);
      if (at == std::string::npos || at > block_end) return "";
      size_t v = at + 2 + name.size() + 1;
      size_t eol = raw.find("\r\n", v);
      std::string value = raw.substr(v, eol - v);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    };
    Observed o;
    o.method = "RAW";
    o.status = std::atoi(raw.substr(block_start + 9, 3).c_str());
    o.request_id = header("x-request-id");
    o.audit_index = ParseIndex(header("x-audit-index"));
    std::lock_guard lock(g_mu);
    g_observed[port].push_back(std::move(o));
    pos = block_end;
  }
}

void ObserveResponse(uint16_t port, const std::string& method, const std::string& target, const HttpResult& r,
                     const std::string& raw) {
  if (method == "RAW") {
    ObserveRaw(port, raw);
    return;
  }
  const std::string index = r.Header("x-audit-index");
  if (index.empty() && !IsDataEndpoint(target)) return;
  Observed o;
  o.method = method;
  o.target = target;
  o.status = r.status;
  o.request_id = r.Header("x-request-id");
  o.audit_index = ParseIndex(index);
  if (r.status >= 400) o.error_code = ErrorCode(r.body);
  std::lock_guard lock(g_mu);
  g_observed[port].push_back(std::move(o));
}

// Installed when the test binary starts: every HttpClient exchange is observed from then on.
const bool g_installed = [] {
  SetResponseObserver(ObserveResponse);
  return true;
}();

boost::json::value ParseJson(const HttpResult& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec) return boost::json::value();
  return v;
}

std::vector<audit::Hash> Hashes(const boost::json::value& v) {
  std::vector<audit::Hash> out;
  if (!v.is_array()) return out;
  for (const auto& h : v.as_array()) {
    auto bytes = Base64Decode(std::string(h.as_string()));
    auto hash = bytes ? audit::HashFromBytes(*bytes) : std::nullopt;
    if (hash) out.push_back(*hash);
  }
  return out;
}

}  // namespace

bool IsDataEndpoint(const std::string& target) {
  static const std::regex re(R"(^/api/v1/resources/[^/?]+/(records|export\.(csv|json|ndjson|parquet))(\?.*)?$)");
  return std::regex_match(target, re);
}

std::string LogVkeyOf(const std::filesystem::path& data_dir) {
  std::string v = ReadFile(data_dir / "keys" / "audit-log.key.vkey");
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

AuditReader::AuditReader(HttpClient client, std::map<std::string, std::string> auth, std::string log_vkey)
    : client_(std::move(client)), auth_(std::move(auth)), log_vkey_(std::move(log_vkey)) {
  HttpResult keys = client_.Get("/api/v1/audit/witness-keys", auth_);
  EXPECT_EQ(keys.status, 200) << keys.body;
  auto v = ParseJson(keys);
  if (!v.is_object()) return;
  if (log_vkey_.empty()) log_vkey_ = std::string(v.at("log_key").as_string());
  EXPECT_EQ(std::string(v.at("log_key").as_string()), log_vkey_) << "the server announces another log key";
  if (auto h = audit::ParseHashAlgorithm(std::string(v.at("hash").as_string()))) hash_ = *h;
}

uint64_t AuditReader::TreeSize() const {
  HttpResult r = client_.Get("/api/v1/audit/entries?start=0&end=0", auth_);
  EXPECT_EQ(r.status, 200) << r.body;
  auto v = ParseJson(r);
  return v.is_object() ? v.at("tree_size").to_number<uint64_t>() : 0;
}

VerifiedCheckpoint AuditReader::Checkpoint(uint64_t at_least) const {
  VerifiedCheckpoint out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string note;
  for (;;) {
    HttpResult r = client_.Get("/api/v1/audit/checkpoint", auth_);
    if (r.status == 200) {
      auto parsed = audit::ParseSignedNote(r.body);
      auto body = parsed.ok() ? audit::ParseCheckpointBody(parsed->text) : Result<audit::Checkpoint>(parsed.error());
      if (body.ok() && body->size >= at_least) {
        note = r.body;
        auto verifier = audit::NoteVerifier::Parse(log_vkey_);
        EXPECT_TRUE(verifier.ok()) << log_vkey_;
        if (!verifier.ok()) return out;
        std::vector<audit::NoteVerifier> vs{*verifier};
        auto verified = audit::VerifySignedNote(*parsed, vs);
        EXPECT_TRUE(verified.ok()) << "checkpoint signature does not verify:\n" << note;
        if (!verified.ok()) return out;
        out.size = body->size;
        out.root = body->root;
        out.note = note;
        return out;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "no checkpoint of size >= " << at_least << " was signed; last answer " << r.status << " "
                    << r.body.substr(0, 300);
      return out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::vector<AuditEntryView> AuditReader::Entries(uint64_t start, uint64_t end) const {
  std::vector<AuditEntryView> out;
  uint64_t next = start;
  while (next < end) {
    const uint64_t page_end = std::min(end, next + 1000);
    HttpResult r = client_.Get("/api/v1/audit/entries?start=" + std::to_string(next) +
                                   "&end=" + std::to_string(page_end),
                               auth_);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    auto v = ParseJson(r);
    if (r.status != 200 || !v.is_object()) return out;
    EXPECT_EQ(v.at("hidden").to_number<uint64_t>(), 0u) << "the reader must see every entry";
    for (const auto& item : v.at("entries").as_array()) {
      AuditEntryView e;
      e.index = item.at("index").to_number<uint64_t>();
      auto leaf = Base64Decode(std::string(item.at("leaf").as_string()));
      EXPECT_TRUE(leaf.has_value());
      e.leaf = leaf.value_or("");
      auto decoded = audit::DecodeEntry(e.leaf);
      EXPECT_TRUE(decoded.ok()) << "entry " << e.index << " leaf bytes do not decode";
      if (decoded.ok()) e.event = *decoded;
      // The JSON form says the same as the bytes.
      const auto& j = item.at("entry").as_object();
      EXPECT_EQ(std::string(j.at("request_id").as_string()), e.event.request_id) << "entry " << e.index;
      EXPECT_EQ(std::string(j.at("decision").as_string()), std::string(audit::DecisionName(e.event.decision)));
      out.push_back(std::move(e));
    }
    if (page_end > v.at("end").to_number<uint64_t>()) break;  // the log is shorter than asked
    next = page_end;
  }
  return out;
}

::testing::AssertionResult AuditReader::Included(const AuditEntryView& e, const VerifiedCheckpoint& cp) const {
  HttpResult r = client_.Get("/api/v1/audit/proof/inclusion?index=" + std::to_string(e.index) +
                             "&size=" + std::to_string(cp.size), auth_);
  if (r.status != 200) return ::testing::AssertionFailure() << "inclusion proof: " << r.status << " " << r.body;
  auto v = ParseJson(r);
  const audit::TreeHasher hasher(hash_);
  const audit::Hash leaf = hasher.HashLeaf(e.leaf);  // recomputed from the entry's bytes
  std::vector<audit::Hash> proof = Hashes(v.at("hashes"));
  Status st = audit::VerifyInclusion(hasher, e.index, cp.size, leaf, proof, cp.root);
  if (!st.ok()) {
    return ::testing::AssertionFailure() << "entry " << e.index << " not included in checkpoint " << cp.size << ": "
                                         << st.error().message;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult AuditReader::Consistent(const VerifiedCheckpoint& older,
                                                   const VerifiedCheckpoint& newer) const {
  if (older.size == 0) return ::testing::AssertionSuccess();
  if (older.size > newer.size) {
    return ::testing::AssertionFailure() << "checkpoint went back from " << older.size << " to " << newer.size;
  }
  HttpResult r = client_.Get("/api/v1/audit/proof/consistency?from=" + std::to_string(older.size) +
                             "&to=" + std::to_string(newer.size), auth_);
  if (r.status != 200) return ::testing::AssertionFailure() << "consistency proof: " << r.status << " " << r.body;
  auto v = ParseJson(r);
  std::vector<audit::Hash> proof = Hashes(v.at("hashes"));
  const audit::TreeHasher hasher(hash_);
  Status st = audit::VerifyConsistency(hasher, older.size, newer.size, proof, older.root, newer.root);
  if (!st.ok()) {
    return ::testing::AssertionFailure() << "checkpoints " << older.size << " -> " << newer.size
                                         << " inconsistent: " << st.error().message;
  }
  return ::testing::AssertionSuccess();
}

void VerifyAuditTrail(const ServerProcess& server, const std::filesystem::path& data_dir) {
  std::vector<Observed> observed;
  {
    std::lock_guard lock(g_mu);
    observed = std::move(g_observed[server.port()]);
    g_observed.erase(server.port());
  }
  SCOPED_TRACE("audit trail check of the server on port " + std::to_string(server.port()));
  AuditReader reader(server.client(), {{"authorization", server.admin_header()}}, LogVkeyOf(data_dir));
  const uint64_t size = reader.TreeSize();
  const VerifiedCheckpoint cp = reader.Checkpoint(size);
  ASSERT_GE(cp.size, size);
  std::vector<AuditEntryView> entries = reader.Entries(0, cp.size);
  ASSERT_EQ(entries.size(), cp.size);

  auto is_data = [](audit::Channel c) {
    return c == audit::Channel::kShare || c == audit::Channel::kOpen || c == audit::Channel::kOperation;
  };
  std::set<std::string> data_requests;  // request ids of observed responses whose entry is a data access
  std::set<uint64_t> checked;
  for (const Observed& o : observed) {
    const std::string what = (o.method + " " + o.target + " -> " + std::to_string(o.status) + " (request " +
                              o.request_id + ")");
    if (!o.audit_index) {
      // 3. Data endpoints answer with their entry's index, unless the log refused the entry.
      // Requests the HTTP layer refuses before any handler runs (malformed target or encoding:
      // codes "http.*") never reach a data endpoint.
      if (IsDataEndpoint(o.target) && !o.error_code.starts_with("http.")) {
        EXPECT_TRUE(o.status == 503 && o.error_code == "audit.unavailable")
            << "a data response without X-Audit-Index: " << what;
      }
      continue;
    }
    // 2. The entry at the index is this request's, and it is in the checkpoint.
    ASSERT_LT(*o.audit_index, entries.size()) << what;
    const AuditEntryView& e = entries[*o.audit_index];
    EXPECT_EQ(e.event.request_id, o.request_id) << "entry " << e.index << " belongs to another request: " << what;
    if (checked.insert(e.index).second) {
      EXPECT_TRUE(reader.Included(e, cp)) << what;
    }
    if (is_data(e.event.channel)) {
      EXPECT_TRUE(data_requests.insert(o.request_id).second) << "two data responses share request id: " << what;
    }
  }
  // 4. The log's data-access entries are exactly the observed data requests, one each.
  std::map<std::string, int> per_request;
  size_t data_entries = 0;
  for (const auto& e : entries) {
    if (!is_data(e.event.channel)) continue;
    ++data_entries;
    ++per_request[e.event.request_id];
    EXPECT_TRUE(data_requests.contains(e.event.request_id))
        << "entry " << e.index << " (" << e.event.action << ", request " << e.event.request_id
        << ") matches no data response seen by the tests";
  }
  for (const auto& [request, n] : per_request) EXPECT_EQ(n, 1) << "request " << request << " has " << n << " entries";
  EXPECT_EQ(data_entries, data_requests.size()) << "data-access entries vs data requests";
  std::printf("[ audit    ] %zu data requests, each with exactly one entry included in checkpoint %llu\n",
              data_requests.size(), static_cast<unsigned long long>(cp.size));
}

}  // namespace gongshu::testing
