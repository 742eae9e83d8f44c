// /api/v1/audit: the tamper-evident log as auditors and organisations see it (docs/audit.md).
//
//   GET  /api/v1/audit/checkpoint               signed checkpoint note (text/plain), ?format=json
//   GET  /api/v1/audit/entries?start&end         entries decoded + exact leaf bytes (base64); scoped
//   GET  /api/v1/audit/proof/inclusion?index&size
//   GET  /api/v1/audit/proof/consistency?from&to
//   GET  /api/v1/audit/export?start&end          self-contained archive for `gongshu audit verify`
//   POST /api/v1/audit/cosignatures              a witness cosignature for a checkpoint (verified)
//   GET  /api/v1/audit/witness-keys              the log's vkey and the accepted witness vkeys
//   GET  /api/v1/stats/usage?by&from&to          calls, rows, denials, downloads from the log
//
// Checkpoints, proofs and keys are public: they are hashes and signatures, and anyone must be
// able to check the log. Entries name organisations, resources and decisions, so they are
// scoped: an organisation sees the entries where it is the requester or the provider of the
// resource (R-MON-01); auditors and the data authority see all; anonymous callers none (401).
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <limits>

#include "api/audit_system.h"
#include "api/error_response.h"
#include "api/request_params.h"
#include "api/resource_access.h"
#include "api/routes.h"
#include "audit/archive.h"
#include "audit/audit_event.h"
#include "audit/signed_note.h"
#include "core/crypto.h"
#include "core/encoding.h"
#include "core/json_writer.h"

namespace gongshu::api {

namespace {

using policy::OrganisationKind;
using policy::Principal;
using policy::Role;

constexpr int64_t kMaxIndex = std::numeric_limits<int64_t>::max();
constexpr uint64_t kMaxEntriesPage = 1000;
constexpr uint64_t kDefaultEntriesPage = 100;
constexpr uint64_t kMaxExportEntries = 100000;  // ~120 MB of archive

Error RangeError(const std::string& en, const std::string& zh) {
  return MakeError(ErrorKind::kInvalidArgument, "audit.range_invalid", en, zh);
}

// A tree size the log has not reached yet.
Status WithinLog(const std::string& name, uint64_t value, uint64_t log_size) {
  if (value <= log_size) return Ok();
  return RangeError(name + " " + std::to_string(value) + " exceeds the log's " + std::to_string(log_size) + " entries.",
                    name + " " + std::to_string(value) + " 超出日志条目数 " + std::to_string(log_size) + "。");
}

Error Unavailable() {
  return MakeError(ErrorKind::kUnavailable, "audit.unavailable", "The audit log is not available.", "审计日志不可用。");
}

Result<AuditSystem*> System(AppContext& ctx) {
  if (ctx.audit_system == nullptr) return Unavailable();
  return ctx.audit_system;
}

std::string B64(const audit::Hash& h) { return Base64Encode(audit::AsBytes(h)); }

bool IsZero(const audit::Digest32& d) {
  for (uint8_t b : d) {
    if (b != 0) return false;
  }
  return true;
}

// Auditors and the data authority see every entry and every organisation's statistics.
bool SeesAll(const Principal& p) {
  if (p.IsAdministrator() || p.Has(Role::kAuditor)) return true;
  return p.Has(Role::kAuthorityAdmin) && p.organisation_kind == OrganisationKind::kAuthority;
}

// R-MON-01: a party sees the records where it is the requester or the provider.
bool Visible(const Principal& p, const audit::AuditEvent& e, const catalog::CatalogSnapshot& snap) {
  if (SeesAll(p)) return true;
  const std::string& org = p.organisation_id;
  if (org.empty()) return false;
  if (e.organisation_id == org) return true;
  if (!e.resource_id.empty()) {
    const catalog::Resource* r = snap.Find(e.resource_id);
    if (r != nullptr && r->provider_id == org) return true;
  }
  return e.kind.starts_with("organisation.") && e.object_id == org;
}

Result<Principal> SignedIn(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(RequireSignedIn(p));
  return p;
}

Status RequireAuditor(const Principal& p) {
  GS_RETURN_IF_ERROR(RequireSignedIn(p));
  if (SeesAll(p)) return Ok();
  return MakeError(ErrorKind::kForbidden, "audit.forbidden", "Only auditors and the data authority may do this.",
                   "只有审计人员和数据管理机构可以执行此操作。");
}

// A non-negative integer parameter; `fallback` when absent.
Result<uint64_t> Index(const HttpRequest& req, std::string_view name, std::optional<uint64_t> fallback) {
  GS_ASSIGN_OR_RETURN(std::optional<int64_t> v, IntParam(req, name, 0, kMaxIndex));
  if (v) return static_cast<uint64_t>(*v);
  if (fallback) return *fallback;
  return BadRequest("param.required", "Parameter '" + std::string(name) + "' is required.",
                    "缺少参数“" + std::string(name) + "”。");
}

uint64_t CheckpointSize(AuditSystem& sys) {
  auto cp = sys.checkpointer().Latest();
  return cp ? cp->checkpoint.size : 0;
}

void WriteHashes(JsonWriter& w, std::string_view key, const std::vector<audit::Hash>& hashes) {
  w.Key(key).BeginArray();
  for (const auto& h : hashes) w.String(B64(h));
  w.EndArray();
}

void WriteEvent(JsonWriter& w, const audit::AuditEvent& e) {
  w.BeginObject();
  w.Field("version", static_cast<int64_t>(audit::kAuditEntryVersion));
  w.Field("time", FormatIsoTime(e.time_micros)).Field("time_micros", e.time_micros);
  w.Field("request_id", e.request_id).Field("decision_id", e.decision_id);
  w.Field("principal_id", e.principal_id).Field("organisation_id", e.organisation_id);
  w.Field("channel", audit::ChannelName(e.channel)).Field("action", e.action);
  w.Field("resource_id", e.resource_id).Field("resource_version", e.resource_version);
  w.Key("fields").BeginArray();
  for (const auto& f : e.fields) w.String(f);
  w.EndArray();
  w.Key("masks").BeginArray();
  for (const auto& m : e.masks) w.String(m);
  w.EndArray();
  w.Field("purpose", e.purpose).Field("grant_id", e.grant_id);
  w.Field("decision", audit::DecisionName(e.decision)).Field("rows_returned", e.rows_returned);
  w.Key("response_hash");
  if (IsZero(e.response_hash)) {
    w.Null();
  } else {
    w.String(HexEncode(std::string_view(reinterpret_cast<const char*>(e.response_hash.data()), 32)));
  }
  w.Key("admin");
  if (e.HasAdminSection()) {
    auto hex = [](const audit::Digest32& d) -> std::string {
      return IsZero(d) ? std::string() : HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), 32));
    };
    w.BeginObject().Field("kind", e.kind).Field("object_id", e.object_id);
    w.Field("before_hash", hex(e.before_hash)).Field("after_hash", hex(e.after_hash)).EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

// ---- checkpoint ----

Result<HttpResponse> GetCheckpoint(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"format"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  std::string_view format = req.Query("format").value_or("");
  if (format.empty() && req.headers.GetOr("accept", "").find("application/json") != std::string_view::npos) {
    format = "json";
  }
  if (!format.empty() && format != "json" && format != "text") {
    return BadRequest("param.bad_format", "format must be text or json.", "format 须为 text 或 json。");
  }
  auto latest = sys->checkpointer().Latest();
  if (!latest) {
    return MakeError(ErrorKind::kNotFound, "audit.no_checkpoint",
                     "No checkpoint has been signed yet: the log is empty.", "尚未签署检查点：日志为空。");
  }
  if (format != "json") {
    HttpResponse r = HttpResponse::Text(latest->note, "text/plain; charset=utf-8");
    r.headers.Set("cache-control", "no-store");
    r.headers.Set("access-control-allow-origin", "*");
    return r;
  }
  const audit::NoteVerifier log_key = sys->checkpointer().LogVerifier();
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Field("origin", latest->checkpoint.origin).Field("size", latest->checkpoint.size);
  w.Field("root", B64(latest->checkpoint.root)).Field("root_hex", audit::HashToHex(latest->checkpoint.root));
  w.Field("hash", audit::HashAlgorithmName(sys->log().hash_algorithm()));
  w.Field("log_key", log_key.VerifierKey());
  w.Field("note", latest->note);
  w.Key("signatures").BeginArray();
  if (auto note = audit::ParseSignedNote(latest->note); note.ok()) {
    for (const auto& sig : note->signatures) {
      char id[9];
      std::snprintf(id, sizeof id, "%08x", sig.key_id);
      w.BeginObject().Field("name", sig.name).Field("key_id", std::string(id));
      if (sig.name == log_key.name() && sig.key_id == log_key.key_id()) {
        w.Field("kind", "log");
      } else {
        bool witness = false;
        for (const auto& v : sys->checkpointer().witnesses()) {
          witness = witness || (v.name() == sig.name && v.key_id() == sig.key_id);
        }
        w.Field("kind", witness ? "cosignature" : "unknown");
        if (auto t = audit::NoteVerifier::CosignatureTimestamp(sig.signature); witness && t) {
          w.Field("timestamp", *t);
        }
      }
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("cache-control", "no-store");
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> GetWitnessKeys(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Field("origin", sys->log().origin());
  w.Field("hash", audit::HashAlgorithmName(sys->log().hash_algorithm()));
  w.Field("log_key", sys->log_vkey());
  w.Key("witness_keys").BeginArray();
  for (const auto& k : sys->witness_vkeys()) w.String(k);
  w.EndArray();
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

// ---- entries ----

Result<HttpResponse> GetEntries(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Principal p, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"start", "end"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  const uint64_t size = sys->log().Size();
  GS_ASSIGN_OR_RETURN(uint64_t start, Index(req, "start", 0));
  GS_ASSIGN_OR_RETURN(uint64_t end, Index(req, "end", std::max(start, std::min(size, start + kDefaultEntriesPage))));
  if (start > end) return RangeError("start must not exceed end.", "start 不能大于 end。");
  if (end - start > kMaxEntriesPage) {
    return RangeError("At most " + std::to_string(kMaxEntriesPage) + " entries per request.",
                      "每次最多返回 " + std::to_string(kMaxEntriesPage) + " 个条目。");
  }
  if (end > size) end = size;  // the log grows: a range reaching past its end is cut, not refused
  if (start > end) start = end;
  auto snap = ctx.catalog.Snapshot();
  const audit::TreeHasher hasher(sys->log().hash_algorithm());
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Field("start", start).Field("end", end).Field("tree_size", size);
  w.Key("next");
  if (end < size) {
    w.UInt(end);
  } else {
    w.Null();
  }
  w.Field("scope", SeesAll(p) ? "all" : "organisation");
  w.Key("entries").BeginArray();
  uint64_t hidden = 0;
  GS_RETURN_IF_ERROR(sys->log().ForEachEntry(start, end, [&](uint64_t index, std::string_view bytes) -> Status {
    GS_ASSIGN_OR_RETURN(audit::AuditEvent e, audit::DecodeEntry(bytes));
    if (!Visible(p, e, *snap)) {
      ++hidden;
      return Ok();
    }
    w.BeginObject();
    w.Field("index", index);
    w.Field("leaf", Base64Encode(bytes));
    w.Field("leaf_hash", B64(hasher.HashLeaf(bytes)));
    w.Key("entry");
    WriteEvent(w, e);
    w.EndObject();
    return Ok();
  }));
  w.EndArray();
  w.Field("hidden", hidden);
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("cache-control", "no-store");
  return r;
}

// ---- proofs ----

Result<HttpResponse> GetInclusionProof(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"index", "size"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  auto latest = sys->checkpointer().Latest();
  GS_ASSIGN_OR_RETURN(uint64_t index, Index(req, "index", std::nullopt));
  GS_ASSIGN_OR_RETURN(uint64_t size, Index(req, "size", latest ? std::optional(latest->checkpoint.size) : std::nullopt));
  if (size == 0) return RangeError("size must be at least 1.", "size 至少为 1。");
  if (index >= size) {
    return RangeError("index " + std::to_string(index) + " is not below size " + std::to_string(size) + ".",
                      "index " + std::to_string(index) + " 须小于 size " + std::to_string(size) + "。");
  }
  GS_RETURN_IF_ERROR(WithinLog("size", size, sys->log().Size()));
  GS_ASSIGN_OR_RETURN(std::vector<audit::Hash> proof, sys->log().InclusionProof(index, size));
  GS_ASSIGN_OR_RETURN(audit::Hash leaf, sys->log().LeafHash(index));
  GS_ASSIGN_OR_RETURN(audit::Hash root, sys->log().RootAt(size));
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Field("index", index).Field("size", size).Field("leaf_hash", B64(leaf));
  WriteHashes(w, "hashes", proof);
  w.Field("root", B64(root));
  // The signed checkpoint of this size, when it is the latest: the proof then verifies against it.
  w.Key("checkpoint");
  if (latest && latest->checkpoint.size == size) {
    w.String(latest->note);
  } else {
    w.Null();
  }
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

Result<HttpResponse> GetConsistencyProof(AppContext& ctx, HttpRequest& req) {
  GS_RETURN_IF_ERROR(OnlyParams(req, {"from", "to"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  auto latest = sys->checkpointer().Latest();
  GS_ASSIGN_OR_RETURN(uint64_t from, Index(req, "from", std::nullopt));
  GS_ASSIGN_OR_RETURN(uint64_t to, Index(req, "to", latest ? std::optional(latest->checkpoint.size) : std::nullopt));
  // RFC 9162 §2.1.4: a proof from the empty tree is meaningless.
  if (from == 0) return RangeError("from must be at least 1.", "from 至少为 1。");
  if (from > to) return RangeError("from must not exceed to.", "from 不能大于 to。");
  GS_RETURN_IF_ERROR(WithinLog("to", to, sys->log().Size()));
  GS_ASSIGN_OR_RETURN(std::vector<audit::Hash> proof, sys->log().ConsistencyProof(from, to));
  GS_ASSIGN_OR_RETURN(audit::Hash root_from, sys->log().RootAt(from));
  GS_ASSIGN_OR_RETURN(audit::Hash root_to, sys->log().RootAt(to));
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Field("from", from).Field("to", to);
  WriteHashes(w, "hashes", proof);
  w.Field("root_from", B64(root_from)).Field("root_to", B64(root_to));
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

// ---- export ----

// Streams a file and deletes it when done (or when the connection drops).
class FileBody final : public BodyStream {
 public:
  explicit FileBody(std::filesystem::path path) : path_(std::move(path)), in_(path_, std::ios::binary) {}
  ~FileBody() override {
    in_.close();
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  Result<bool> Next(std::string& out) override {
    if (!in_) return false;
    char buf[64 * 1024];
    in_.read(buf, sizeof buf);
    out.append(buf, static_cast<size_t>(in_.gcount()));
    if (in_.bad()) {
      return MakeError(ErrorKind::kUnavailable, "audit.archive_unreadable", "The archive could not be read back.",
                       "无法读取归档文件。");
    }
    return !in_.eof();
  }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
};

Result<HttpResponse> GetExport(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Principal p, SignedIn(ctx, req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"start", "end"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  GS_ASSIGN_OR_RETURN(uint64_t start, Index(req, "start", 0));
  GS_ASSIGN_OR_RETURN(uint64_t end, Index(req, "end", CheckpointSize(*sys)));
  if (start >= end) return RangeError("The range [start, end) must not be empty.", "区间 [start, end) 不能为空。");
  if (end - start > kMaxExportEntries) {
    return RangeError("At most " + std::to_string(kMaxExportEntries) + " entries per archive.",
                      "每个归档最多 " + std::to_string(kMaxExportEntries) + " 个条目。");
  }
  if (end > sys->log().Size()) {
    return RangeError("end " + std::to_string(end) + " exceeds the log's " + std::to_string(sys->log().Size()) +
                          " entries.",
                      "end " + std::to_string(end) + " 超出日志条目数 " + std::to_string(sys->log().Size()) + "。");
  }
  if (!SeesAll(p)) {
    // An archive must hold every entry of its range; others may export only ranges they may read.
    auto snap = ctx.catalog.Snapshot();
    GS_RETURN_IF_ERROR(sys->log().ForEachEntry(start, end, [&](uint64_t index, std::string_view bytes) -> Status {
      GS_ASSIGN_OR_RETURN(audit::AuditEvent e, audit::DecodeEntry(bytes));
      if (Visible(p, e, *snap)) return Ok();
      return MakeError(ErrorKind::kForbidden, "audit.export_forbidden",
                       "Entry " + std::to_string(index) +
                           " of this range concerns other organisations; export a range of your own entries, or "
                           "ask an auditor.",
                       "该区间的第 " + std::to_string(index) + " 个条目涉及其他机构；请导出仅含本机构条目的区间，或请审计人员导出。");
    }));
  }
  const std::filesystem::path path =
      ctx.staging_dir / ("audit-export-" + HexEncode(RandomBytes(8)) + ".archive");
  Status exported = audit::ExportArchive(sys->checkpointer(), {path, start, end});
  if (!exported.ok()) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return std::move(exported).error();
  }
  HttpResponse r;
  r.headers.Set("content-type", "text/plain; charset=utf-8");
  r.headers.Set("content-disposition", "attachment; filename=\"audit-" + std::to_string(start) + "-" +
                                           std::to_string(end) + ".archive\"");
  r.headers.Set("cache-control", "no-store");
  r.stream = std::make_unique<FileBody>(path);
  return r;
}

// ---- cosignatures ----

Result<HttpResponse> PostCosignature(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(RequireAuditor(p));
  GS_RETURN_IF_ERROR(OnlyParams(req, {}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  auto invalid = [] {
    return MakeError(ErrorKind::kInvalidArgument, "body.invalid",
                     "The body must be {\"size\": <tree size>, \"cosignature\": \"— <witness> <base64>\"}.",
                     "请求体须为 {\"size\": 树大小, \"cosignature\": \"— 见证方 base64\"}。");
  };
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) return invalid();
  const auto& o = v.as_object();
  for (const auto& kv : o) {
    if (kv.key() != "size" && kv.key() != "cosignature") return invalid();
  }
  auto size_it = o.find("size");
  auto line_it = o.find("cosignature");
  if (size_it == o.end() || line_it == o.end() || !line_it->value().is_string()) return invalid();
  uint64_t size = 0;
  if (size_it->value().is_uint64()) {
    size = size_it->value().as_uint64();
  } else if (size_it->value().is_int64() && size_it->value().as_int64() > 0) {
    size = static_cast<uint64_t>(size_it->value().as_int64());
  } else {
    return invalid();
  }
  std::string line(line_it->value().as_string());
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.empty() || line.size() > 4096 || line.find('\n') != std::string::npos) return invalid();
  GS_RETURN_IF_ERROR(sys->checkpointer().AddCosignature(size, line));
  GS_ASSIGN_OR_RETURN(audit::NoteSignature sig, audit::ParseSignatureLine(line));
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("size", size).Field("witness", sig.name);
  auto latest = sys->checkpointer().Latest();
  w.Key("checkpoint");
  if (latest && latest->checkpoint.size == size) {
    w.String(latest->note);
  } else {
    w.Null();
  }
  w.EndObject();
  return HttpResponse::Json(std::move(body), 201);
}

// ---- usage statistics ----

bool IsDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

Result<HttpResponse> GetUsage(AppContext& ctx, HttpRequest& req) {
  GS_ASSIGN_OR_RETURN(Principal p, ctx.auth.Authenticate(req));
  GS_RETURN_IF_ERROR(OnlyParams(req, {"by", "from", "to"}));
  GS_ASSIGN_OR_RETURN(AuditSystem * sys, System(ctx));
  std::string by(req.Query("by").value_or("resource"));
  if (by != "resource" && by != "organisation" && by != "day") {
    return BadRequest("param.bad_by", "by must be resource, organisation or day.", "by 须为 resource、organisation 或 day。");
  }
  std::string from(req.Query("from").value_or(""));
  std::string to(req.Query("to").value_or(""));
  if ((!from.empty() && !IsDay(from)) || (!to.empty() && !IsDay(to))) {
    return BadRequest("param.bad_date", "from and to are days, YYYY-MM-DD (China Standard Time).",
                      "from 和 to 须为日期 YYYY-MM-DD（北京时间）。");
  }
  // Per-organisation figures say who uses what: auditors and the authority only.
  if (by == "organisation") GS_RETURN_IF_ERROR(RequireAuditor(p));
  auto in_range = [&](const std::string& day) { return (from.empty() || day >= from) && (to.empty() || day <= to); };
  std::map<std::string, std::pair<audit::UsageCounts, uint64_t>> rows;  // key → (counts, downloads)
  audit::UsageCounts total;
  uint64_t total_downloads = 0;
  auto key_of = [&](const audit::UsageKey& k) {
    return by == "resource" ? k.resource_id : by == "organisation" ? k.organisation_id : k.day;
  };
  for (const auto& [k, c] : sys->usage().Cells()) {
    if (!in_range(k.day)) continue;
    rows[key_of(k)].first += c;
    total += c;
  }
  for (const auto& [k, c] : sys->downloads().Cells()) {
    if (!in_range(k.day)) continue;
    rows[key_of(k)].second += c.calls;
    total_downloads += c.calls;
  }
  auto snap = ctx.catalog.Snapshot();
  const bool all = SeesAll(p);
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("by", by);
  w.Key("from");
  from.empty() ? w.Null() : w.String(from);
  w.Key("to");
  to.empty() ? w.Null() : w.String(to);
  auto counts = [&](const audit::UsageCounts& c, uint64_t downloads) {
    w.Field("calls", c.calls).Field("rows", c.rows).Field("denials", c.denials).Field("masked", c.masked);
    w.Field("errors", c.errors).Field("downloads", downloads);
  };
  w.Key("results").BeginArray();
  for (const auto& [key, value] : rows) {
    if (by == "resource") {
      // Figures of resources the caller cannot discover would reveal them: left out (the total
      // still counts them).
      const catalog::Resource* r = key.empty() ? nullptr : snap->Find(key);
      if (!all && (r == nullptr || !ctx.policy.CanDiscover(p, *r))) continue;
      w.BeginObject().Field("resource_id", key);
      if (r != nullptr) w.Field("title_zh", r->title_zh).Field("title_en", r->title_en);
    } else if (by == "organisation") {
      w.BeginObject().Field("organisation_id", key);
    } else {
      w.BeginObject().Field("day", key);
    }
    counts(value.first, value.second);
    w.EndObject();
  }
  w.EndArray();
  w.Key("total").BeginObject();
  counts(total, total_downloads);
  w.EndObject();
  w.Field("log_size", sys->log().Size());
  w.EndObject();
  HttpResponse r = HttpResponse::Json(std::move(body));
  r.headers.Set("cache-control", "no-store");
  r.headers.Set("access-control-allow-origin", "*");
  return r;
}

}  // namespace

void RegisterAuditRoutes(Router& router, AppContext& ctx) {
  // Archives of an export interrupted by a crash.
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(ctx.staging_dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().starts_with("audit-export-")) std::filesystem::remove(it->path(), ec);
  }
  auto bind = [&ctx](Result<HttpResponse> (*fn)(AppContext&, HttpRequest&)) {
    return [&ctx, fn](HttpRequest& req) { return fn(ctx, req); };
  };
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/checkpoint", bind(GetCheckpoint)});
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/witness-keys", bind(GetWitnessKeys)});
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/entries", bind(GetEntries)});
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/proof/inclusion", bind(GetInclusionProof)});
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/proof/consistency", bind(GetConsistencyProof)});
  router.Add(Route{HttpMethod::kGet, "/api/v1/audit/export", bind(GetExport)});
  router.Add(Route{HttpMethod::kPost, "/api/v1/audit/cosignatures", bind(PostCosignature), BodyKind::kSmall});
  router.Add(Route{HttpMethod::kGet, "/api/v1/stats/usage", bind(GetUsage)});
}

}  // namespace gongshu::api
