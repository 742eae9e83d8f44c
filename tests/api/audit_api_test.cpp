// The audit log over HTTP: checkpoints, scoped entries, proofs, admin changes, exports verified
// offline by the `gongshu audit verify` binary (and tampered with), witness cosigning, and the
// fail-closed path when the log cannot be written.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "api_fixture.h"
#include "audit/checkpoint.h"
#include "audit/signed_note.h"
#include "audit_check.h"
#include "core/crypto.h"
#include "core/encoding.h"

namespace gongshu::testing {
namespace {

uint64_t AuditIndex(const HttpResult& r) {
  const std::string h = r.Header("x-audit-index");
  EXPECT_FALSE(h.empty()) << r.status << " " << r.body.substr(0, 300);
  return h.empty() ? UINT64_MAX : std::stoull(h);
}

class AuditApiTest : public ApiTest {
 protected:
  static std::filesystem::path DataDir() { return Dir().path() / "data"; }
  static AuditReader Reader() { return AuditReader(Client(), Admin(), LogVkeyOf(DataDir())); }
  static AuditEntryView Entry(uint64_t index) {
    auto v = Reader().Entries(index, index + 1);
    EXPECT_EQ(v.size(), 1u) << "entry " << index;
    return v.empty() ? AuditEntryView{} : v[0];
  }
  // The archive of [start, end) as exported by `as`.
  static std::string ExportArchive(uint64_t start, uint64_t end) {
    auto r = Client().Get("/api/v1/audit/export?start=" + std::to_string(start) + "&end=" + std::to_string(end), Admin());
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    return r.body;
  }
  static CliResult Verify(const std::string& archive, std::vector<std::string> extra = {}) {
    const std::filesystem::path file = Dir().Write("archive-" + std::to_string(++files_), archive);
    std::vector<std::string> args = {"audit", "verify", file.string(), "--log-key", LogVkeyOf(DataDir())};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunGongshu(args);
  }
  static inline int files_ = 0;
};

TEST_F(AuditApiTest, EveryRecordsRequestHasAnEntryIncludedInTheCheckpoint) {
  auto ok = Get("/api/v1/resources/cities/records?limit=2");
  ASSERT_EQ(ok.status, 200) << ok.body;
  const uint64_t i = AuditIndex(ok);
  auto denied = Get("/api/v1/resources/closed/records");  // 不予开放: not even discoverable anonymously
  EXPECT_EQ(denied.status, 404);
  const uint64_t j = AuditIndex(denied);
  auto bad = Get("/api/v1/resources/cities/records?where=" + UrlEncode("nosuchfield = 1"));
  EXPECT_GE(bad.status, 400);
  const uint64_t k = AuditIndex(bad);
  EXPECT_LT(i, j);
  EXPECT_LT(j, k);

  AuditReader reader = Reader();
  const VerifiedCheckpoint cp = reader.Checkpoint(k + 1);
  AuditEntryView e = Entry(i);
  EXPECT_EQ(e.event.request_id, ok.Header("x-request-id"));
  EXPECT_EQ(e.event.decision_id, ok.Header("x-decision-id"));
  EXPECT_EQ(e.event.channel, audit::Channel::kOpen);
  EXPECT_EQ(e.event.action, "records.read");
  EXPECT_EQ(e.event.resource_id, "cities");
  EXPECT_EQ(e.event.resource_version, "1");
  EXPECT_EQ(e.event.decision, audit::Decision::kAllow);
  EXPECT_EQ(e.event.rows_returned, 2u);
  EXPECT_EQ(e.event.fields, (std::vector<std::string>{"code", "name", "population"}));
  EXPECT_EQ(e.event.principal_id, "anonymous");
  // The response hash is SHA-256 of exactly the bytes the client received.
  Sha256Digest body_hash = Sha256(ok.body);
  EXPECT_TRUE(std::equal(body_hash.begin(), body_hash.end(), e.event.response_hash.begin()));
  EXPECT_TRUE(reader.Included(e, cp));

  AuditEntryView d = Entry(j);
  EXPECT_EQ(d.event.decision, audit::Decision::kDeny);
  EXPECT_EQ(d.event.resource_id, "closed");
  EXPECT_TRUE(d.event.fields.empty());
  EXPECT_EQ(d.event.rows_returned, 0u);
  EXPECT_TRUE(reader.Included(d, cp));
  AuditEntryView f = Entry(k);
  EXPECT_EQ(f.event.decision, audit::Decision::kError);  // allowed, then failed: still one entry
  EXPECT_TRUE(reader.Included(f, cp));

  // The checkpoint as text (a C2SP signed note) and as JSON say the same.
  auto text = Get("/api/v1/audit/checkpoint");
  ASSERT_EQ(text.status, 200);
  EXPECT_EQ(text.Header("content-type").rfind("text/plain", 0), 0u);
  auto json = Get("/api/v1/audit/checkpoint?format=json");
  ASSERT_EQ(json.status, 200);
  auto v = Json(json);
  EXPECT_EQ(v.at("log_key").as_string(), LogVkeyOf(DataDir()));
  EXPECT_EQ(v.at("hash").as_string(), "sha256");
  EXPECT_EQ(v.at("signatures").at(0).at("kind").as_string(), "log");
  auto parsed = audit::ParseSignedNote(std::string(v.at("note").as_string()));
  ASSERT_TRUE(parsed.ok());
  auto body = audit::ParseCheckpointBody(parsed->text);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->size, v.at("size").to_number<uint64_t>());
  EXPECT_TRUE(std::string(v.at("origin").as_string()).starts_with("gongshu/"));
}

TEST_F(AuditApiTest, LeafBytesRecomputeTheLeafHash) {
  auto r = Client().Get("/api/v1/audit/entries?start=0&end=5", Admin());
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r);
  ASSERT_EQ(v.at("entries").as_array().size(), 5u);
  const audit::TreeHasher hasher(audit::HashAlgorithm::kSha256);
  for (const auto& e : v.at("entries").as_array()) {
    auto leaf = Base64Decode(std::string(e.at("leaf").as_string()));
    ASSERT_TRUE(leaf);
    EXPECT_EQ(Base64Encode(audit::AsBytes(hasher.HashLeaf(*leaf))), e.at("leaf_hash").as_string());
  }
  // Paging: at most 1000 per request, `next` says where to go on.
  auto page = Json(Client().Get("/api/v1/audit/entries?start=0&end=2", Admin()));
  EXPECT_EQ(page.at("next").to_number<uint64_t>(), 2u);
  ExpectError(Client().Get("/api/v1/audit/entries?start=0&end=1001", Admin()), 400, "audit.range_invalid");
  ExpectError(Client().Get("/api/v1/audit/entries?start=5&end=2", Admin()), 400, "audit.range_invalid");
  ExpectError(Client().Get("/api/v1/audit/entries?start=x", Admin()), 400, "param.not_integer");
  ExpectError(Get("/api/v1/audit/entries"), 401, "auth.required");
}

TEST_F(AuditApiTest, AdminChangesAreLoggedWithChainedBeforeAndAfterHashes) {
  auto c = AdminPost("/api/v1/resources",
                     R"({"id":"audited","title_zh":"审计测试","provider_id":"test-bureau","subject":"population",)"
                     R"("update_cycle":"yearly","share":"unconditional","open":"unconditional",)"
                     R"("fields":[{"name":"code","title_zh":"代码","type":"string","level":"L1"}]})");
  ASSERT_EQ(c.status, 201) << c.body;
  auto u = Upload("audited", "code\n1\n2\n", "filename=a.csv&format=csv");
  ASSERT_EQ(u.status, 201) << u.body;
  auto p = AdminPost("/api/v1/resources/audited/publish", "");
  ASSERT_EQ(p.status, 200) << p.body;
  auto upd = Client().Request("PUT", "/api/v1/resources/audited",
                              R"({"title_zh":"审计测试（改）","provider_id":"test-bureau","subject":"population",)"
                              R"("update_cycle":"yearly","share":"unconditional","open":"unconditional",)"
                              R"("fields":[{"name":"code","title_zh":"代码","type":"string","level":"L1"}]})",
                              [] {
                                auto h = Admin();
                                h["content-type"] = "application/json";
                                return h;
                              }());
  ASSERT_EQ(upd.status, 200) << upd.body;
  auto w = AdminPost("/api/v1/resources/audited/withdraw", "");
  ASSERT_EQ(w.status, 200) << w.body;

  AuditReader reader = Reader();
  auto entries = reader.Entries(0, reader.TreeSize());
  std::vector<AuditEntryView> changes;
  for (const auto& e : entries) {
    if (e.event.channel == audit::Channel::kAdmin && e.event.object_id == "audited") changes.push_back(e);
  }
  std::vector<std::string> kinds;
  for (const auto& e : changes) kinds.push_back(e.event.kind);
  ASSERT_EQ(kinds, (std::vector<std::string>{"resource.created", "version.published", "resource.published",
                                             "resource.updated", "resource.withdrawn"}));
  const audit::Digest32 zero{};
  EXPECT_EQ(changes[0].event.before_hash, zero) << "created: nothing before";
  for (size_t n = 0; n < changes.size(); ++n) {
    const auto& e = changes[n].event;
    EXPECT_NE(e.after_hash, zero) << e.kind;
    EXPECT_FALSE(e.principal_id.empty()) << e.kind;
    EXPECT_NE(e.principal_id, "console") << e.kind << ": the acting user is named";
    EXPECT_EQ(e.organisation_id, kTestAuthorityOrg) << e.kind;
    EXPECT_FALSE(e.request_id.empty()) << e.kind;
    EXPECT_EQ(e.resource_id, "audited");
    // The state a change starts from is the state the previous one left (R-ADM-01: a change made
    // outside the platform shows up as a mismatch).
    if (n > 0) {
      EXPECT_EQ(e.before_hash, changes[n - 1].event.after_hash) << changes[n - 1].event.kind << " -> " << e.kind;
    }
  }
  EXPECT_EQ(changes[1].event.resource_version, "1");
  EXPECT_EQ(changes[0].event.request_id, c.Header("x-request-id"));
}

TEST_F(AuditApiTest, OrganisationsSeeOnlyTheirOwnAndTheirResourcesEntries) {
  EnsureOrganisation("audit-a", "department");
  EnsureOrganisation("audit-c", "department");
  TestUser a = CreateUser("audit-a", {"department_consumer"});
  TestUser c = CreateUser("audit-c", {"department_consumer"});
  TestUser steward = CreateUser("test-bureau", {"department_steward"});
  TestUser auditor = CreateUser(kTestAuthorityOrg, {"auditor"});
  auto by_c = Client().Get("/api/v1/resources/cities/records?limit=1", c.Bearer());  // C reads test-bureau's data
  const uint64_t ci = AuditIndex(by_c);
  auto by_a = Client().Get("/api/v1/resources/cities/records?limit=1", a.Bearer());
  const uint64_t ai = AuditIndex(by_a);
  const std::string range = "/api/v1/audit/entries?start=" + std::to_string(std::min(ci, ai)) +
                            "&end=" + std::to_string(std::max(ci, ai) + 1);
  auto indexes = [&](const std::map<std::string, std::string>& who) {
    auto r = Client().Get(range, who);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<uint64_t> out;
    const boost::json::value v = Json(r);  // the loop below must not outlive it
    for (const auto& e : v.at("entries").as_array()) out.insert(e.at("index").to_number<uint64_t>());
    return out;
  };
  std::set<uint64_t> seen_by_a = indexes(a.Bearer());
  EXPECT_TRUE(seen_by_a.contains(ai));
  EXPECT_FALSE(seen_by_a.contains(ci)) << "A must not see the entry of C reading B's data";
  std::set<uint64_t> seen_by_c = indexes(c.Bearer());
  EXPECT_TRUE(seen_by_c.contains(ci));
  EXPECT_FALSE(seen_by_c.contains(ai));
  std::set<uint64_t> seen_by_provider = indexes(steward.Bearer());  // B provides the resource
  EXPECT_TRUE(seen_by_provider.contains(ci));
  EXPECT_TRUE(seen_by_provider.contains(ai));
  std::set<uint64_t> seen_by_auditor = indexes(auditor.Bearer());
  EXPECT_TRUE(seen_by_auditor.contains(ci) && seen_by_auditor.contains(ai));
  ExpectError(Get(range), 401, "auth.required");

  // An organisation exports its own entries (and verifies them offline), not other ones'.
  VerifiedCheckpoint cp = Reader().Checkpoint(std::max(ci, ai) + 1);
  auto own = Client().Get("/api/v1/audit/export?start=" + std::to_string(ai) + "&end=" + std::to_string(ai + 1),
                          a.Bearer());
  ASSERT_EQ(own.status, 200) << own.body;
  CliResult verified = Verify(own.body);
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  ExpectError(Client().Get("/api/v1/audit/export?start=" + std::to_string(ci) + "&end=" + std::to_string(ci + 1),
                           a.Bearer()),
              403, "audit.export_forbidden");
  // Statistics per organisation are for auditors and the authority.
  ExpectError(Client().Get("/api/v1/stats/usage?by=organisation", a.Bearer()), 403, "audit.forbidden");
  auto orgs = Client().Get("/api/v1/stats/usage?by=organisation", auditor.Bearer());
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  bool found_c = false;
  const boost::json::value org_rows = Json(orgs);
  for (const auto& row : org_rows.at("results").as_array()) {
    if (row.at("organisation_id").as_string() == "audit-c") found_c = row.at("calls").to_number<uint64_t>() >= 1;
  }
  EXPECT_TRUE(found_c) << orgs.body;
  (void)cp;
}

TEST_F(AuditApiTest, MalformedProofParametersAre4xx) {
  Get("/api/v1/resources/cities/records?limit=1");
  VerifiedCheckpoint cp = Reader().Checkpoint(1);
  ASSERT_GT(cp.size, 1u);
  const std::string n = std::to_string(cp.size);
  struct Case {
    std::string target;
    std::string code;
  };
  for (const Case& c : std::vector<Case>{
           {"/api/v1/audit/proof/inclusion?index=" + n + "&size=" + n, "audit.range_invalid"},  // index = size
           {"/api/v1/audit/proof/inclusion?index=0&size=0", "audit.range_invalid"},
           {"/api/v1/audit/proof/inclusion?index=0&size=" + std::to_string(cp.size + 1000000), "audit.range_invalid"},
           {"/api/v1/audit/proof/inclusion?index=99999999999999999999999&size=2", "param.not_integer"},
           {"/api/v1/audit/proof/inclusion?index=-1&size=2", "param.out_of_range"},
           {"/api/v1/audit/proof/inclusion?index=abc&size=2", "param.not_integer"},
           {"/api/v1/audit/proof/inclusion?index=1.5&size=2", "param.not_integer"},
           {"/api/v1/audit/proof/inclusion?size=2", "param.required"},
           {"/api/v1/audit/proof/inclusion?index=0&size=2&extra=1", "param.unknown"},
           {"/api/v1/audit/proof/consistency?from=2&to=1", "audit.range_invalid"},
           {"/api/v1/audit/proof/consistency?from=0&to=1", "audit.range_invalid"},
           {"/api/v1/audit/proof/consistency?from=1&to=" + std::to_string(cp.size + 1000000), "audit.range_invalid"},
           {"/api/v1/audit/proof/consistency?from=1&to=18446744073709551616", "param.not_integer"},
           {"/api/v1/audit/proof/consistency?from=x&to=2", "param.not_integer"},
       }) {
    auto r = Get(c.target);
    EXPECT_GE(r.status, 400) << c.target;
    EXPECT_LT(r.status, 500) << c.target;
    if (!c.code.empty() && c.code != "param.unknown") ExpectError(r, 400, c.code);
  }
  // Well-formed ones verify, including the degenerate equal-size consistency proof.
  auto same = Json(Get("/api/v1/audit/proof/consistency?from=" + n + "&to=" + n));
  EXPECT_TRUE(same.at("hashes").as_array().empty());
  auto inc = Get("/api/v1/audit/proof/inclusion?index=0");  // size: the latest checkpoint's
  ASSERT_EQ(inc.status, 200) << inc.body;
  EXPECT_TRUE(Json(inc).at("checkpoint").is_string());
}

// Flips one character of `line_prefix`'s line in `archive` at `offset` from the end of the line
// (0 = last character), keeping it a base64 character so that the change is a different value.
std::string Flip(const std::string& archive, const std::string& line_prefix, size_t from_end) {
  std::string out = archive;
  size_t at = out.find("\n" + line_prefix);
  EXPECT_NE(at, std::string::npos) << line_prefix;
  size_t eol = out.find('\n', at + 1);
  size_t pos = eol - 1 - from_end;
  out[pos] = out[pos] == 'A' ? 'B' : 'A';
  return out;
}

TEST_F(AuditApiTest, ExportVerifiesOfflineAndAnySingleByteChangeIsNamed) {
  for (int n = 0; n < 3; ++n) Get("/api/v1/resources/cities/records?limit=1");
  VerifiedCheckpoint cp = Reader().Checkpoint(4);
  const std::string archive = ExportArchive(0, cp.size);
  ASSERT_TRUE(archive.starts_with("gongshu-audit-archive 1\n")) << archive.substr(0, 200);
  CliResult ok = Verify(archive);
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("result: OK"), std::string::npos) << ok.out;

  // An entry's bytes: the base64 entry is the third field of "entry 2 …".
  {
    std::string t = archive;
    size_t at = t.find("\nentry 2 ");
    ASSERT_NE(at, std::string::npos);
    size_t field = at + std::string("\nentry 2 ").size() + 10;
    t[field] = t[field] == 'A' ? 'B' : 'A';
    CliResult r = Verify(t);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.out.find("entry 2"), std::string::npos) << r.out;
  }
  // An inclusion proof: the last field of "entry 3 …".
  {
    CliResult r = Verify(Flip(archive, "entry 3 ", 5));
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.out.find("entry 3"), std::string::npos) << r.out;
  }
  // A checkpoint body: its size or root (inside the base64 of the first "checkpoint" line).
  {
    std::string t = archive;
    size_t at = t.find("\ncheckpoint ");
    size_t start = at + std::string("\ncheckpoint ").size();
    size_t eol = t.find('\n', start);
    auto note = Base64Decode(t.substr(start, eol - start));
    ASSERT_TRUE(note);
    std::string changed = *note;
    size_t root_line = changed.find('\n', changed.find('\n') + 1) + 1;  // third line: the root
    changed[root_line + 3] = changed[root_line + 3] == 'A' ? 'B' : 'A';
    t.replace(start, eol - start, Base64Encode(changed));
    CliResult r = Verify(t);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.out.find("checkpoint"), std::string::npos) << r.out;
  }
  // A signature: one character of the signature line inside the checkpoint note.
  {
    std::string t = archive;
    size_t at = t.find("\ncheckpoint ");
    size_t start = at + std::string("\ncheckpoint ").size();
    size_t eol = t.find('\n', start);
    auto note = Base64Decode(t.substr(start, eol - start));
    ASSERT_TRUE(note);
    std::string changed = *note;
    size_t sig_end = changed.size() - 1;  // the note ends with the signature line's "\n"
    changed[sig_end - 10] = changed[sig_end - 10] == 'A' ? 'B' : 'A';
    t.replace(start, eol - start, Base64Encode(changed));
    CliResult r = Verify(t);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.out.find("checkpoint size"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("signature"), std::string::npos) << r.out;
  }
  // A truncated archive.
  {
    CliResult r = Verify(archive.substr(0, archive.size() / 2));
    EXPECT_NE(r.exit_code, 0);
  }
  // Exports need a signed checkpoint covering the range, and a non-empty range.
  ExpectError(Client().Get("/api/v1/audit/export?start=3&end=3", Admin()), 400, "audit.range_invalid");
  ExpectError(Get("/api/v1/audit/export?start=0&end=1"), 401, "auth.required");
}

TEST_F(AuditApiTest, UsageStatisticsComeFromTheLog) {
  auto before = Json(Get("/api/v1/stats/usage?by=resource"));
  const uint64_t calls0 = before.at("total").at("calls").to_number<uint64_t>();
  const uint64_t downloads0 = before.at("total").at("downloads").to_number<uint64_t>();
  ASSERT_EQ(Get("/api/v1/resources/cities/records?limit=3").status, 200);
  ASSERT_EQ(Get("/api/v1/resources/cities/export.csv").status, 200);
  auto after = Json(Get("/api/v1/stats/usage?by=resource"));
  EXPECT_EQ(after.at("total").at("calls").to_number<uint64_t>(), calls0 + 2);
  EXPECT_EQ(after.at("total").at("downloads").to_number<uint64_t>(), downloads0 + 1);
  bool cities = false;
  for (const auto& row : after.at("results").as_array()) {
    EXPECT_NE(row.at("resource_id").as_string(), "closed") << "an undiscoverable resource is not listed";
    if (row.at("resource_id").as_string() == "cities") cities = row.at("rows").to_number<uint64_t>() >= 3;
  }
  EXPECT_TRUE(cities);
  auto days = Json(Get("/api/v1/stats/usage?by=day"));
  EXPECT_FALSE(days.at("results").as_array().empty());
  ExpectError(Get("/api/v1/stats/usage?by=week"), 400, "param.bad_by");
  ExpectError(Get("/api/v1/stats/usage?from=2026-13"), 400, "param.bad_date");
  ExpectError(Get("/api/v1/stats/usage?by=organisation"), 401, "auth.required");
}

// ---- servers of their own ----

// An auditor's witness cosigns the server's checkpoints (R-LOG-08) with the CLI.
TEST(AuditWitnessTest, WitnessCosignsAndTheArchiveMeetsTheQuorum) {
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  const std::filesystem::path wdir = dir.path() / "witness";
  std::filesystem::create_directories(data);
  std::string witness_vkey;
  {
    ServerProcess first(data.string());
    const std::string url = "http://127.0.0.1:" + std::to_string(first.port());
    CliResult init = RunGongshu({"audit", "witness", "init", "--dir", wdir.string(), "--name",
                                 "audit-bureau.test/witness", "--server", url});
    ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(init.out, m, std::regex(R"((audit-bureau\.test/witness\+[0-9a-f]{8}\+\S+))")))
        << init.out;
    witness_vkey = m[1];
    EXPECT_EQ(first.Stop(), 0);
  }
  ServerProcess server(data.string(), "serve", {"--audit-witness", witness_vkey});
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  HttpClient http = server.client();
  std::map<std::string, std::string> admin{{"authorization", server.admin_header()}};
  // An auditor of the authority submits cosignatures.
  auto user = http.Post("/api/v1/users",
                        R"({"username":"witness-auditor","organisation_id":"test-authority","roles":["auditor"],)"
                        R"("password":"auditor-password-123"})",
                        "application/json", admin);
  ASSERT_EQ(user.status, 201) << user.body;
  auto login = http.Post("/api/v1/auth/login", R"({"username":"witness-auditor","password":"auditor-password-123"})",
                         "application/json");
  std::string cookie = login.Header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto token = http.Post("/api/v1/tokens", R"({"name":"witness","expires_in_days":1})", "application/json",
                         {{"cookie", cookie}, {"origin", url}});
  ASSERT_EQ(token.status, 201) << token.body;
  boost::system::error_code ec;
  const std::string auditor_token(boost::json::parse(token.body, ec).at("token").as_string());
  const std::filesystem::path token_file = dir.Write("token", auditor_token + "\n");

  auto keys = boost::json::parse(http.Get("/api/v1/audit/witness-keys").body, ec);
  ASSERT_EQ(keys.at("witness_keys").as_array().size(), 1u);
  EXPECT_EQ(keys.at("witness_keys").at(0).as_string(), witness_vkey);

  AuditReader reader(http, admin, LogVkeyOf(data));
  CliResult first = RunGongshu({"audit", "witness", "cosign", "--dir", wdir.string(), "--server", url,
                                "--token-file", token_file.string()});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  // The log grows; the witness checks consistency with what it cosigned before.
  auto t0 = boost::json::parse(http.Get("/api/v1/audit/checkpoint?format=json").body, ec);
  const uint64_t size0 = t0.at("size").to_number<uint64_t>();
  bool cosigned = false;
  for (const auto& s : t0.at("signatures").as_array()) cosigned = cosigned || s.at("kind").as_string() == "cosignature";
  EXPECT_TRUE(cosigned) << t0;
  const std::string old_note(t0.at("note").as_string());
  for (int n = 0; n < 3; ++n) {
    auto r = http.Get("/api/v1/resources/nothing-here/records");  // refused, logged all the same
    EXPECT_EQ(r.status, 404);
  }
  VerifiedCheckpoint grown = reader.Checkpoint(size0 + 3);
  CliResult second = RunGongshu({"audit", "witness", "cosign", "--dir", wdir.string(), "--server", url,
                                 "--token-file", token_file.string()});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  // Rolling back to an older checkpoint is refused by the witness.
  const std::filesystem::path old_file = dir.Write("old-checkpoint", old_note);
  CliResult rollback = RunGongshu({"audit", "witness", "cosign", "--dir", wdir.string(), "--checkpoint",
                                   old_file.string(), "--no-submit"});
  EXPECT_NE(rollback.exit_code, 0);
  EXPECT_NE(rollback.err.find("witness_rollback"), std::string::npos) << rollback.err;
  // A cosignature that does not verify is refused by the server.
  auto forged = http.Post("/api/v1/audit/cosignatures",
                          R"({"size":)" + std::to_string(grown.size) +
                              R"(,"cosignature":"— audit-bureau.test/witness AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})",
                          "application/json", {{"authorization", "Bearer " + auditor_token}});
  EXPECT_GE(forged.status, 400) << forged.body;
  EXPECT_LT(forged.status, 500) << forged.body;
  // Only auditors submit.
  auto by_admin_anon = http.Post("/api/v1/audit/cosignatures", R"({"size":1,"cosignature":"x"})", "application/json");
  EXPECT_EQ(by_admin_anon.status, 401);

  // The archive carries the cosignature: a quorum of one trusted witness is met.
  auto cp_now = boost::json::parse(http.Get("/api/v1/audit/checkpoint?format=json").body, ec);
  const uint64_t size = cp_now.at("size").to_number<uint64_t>();
  auto archive = http.Get("/api/v1/audit/export?start=0&end=" + std::to_string(size), admin);
  ASSERT_EQ(archive.status, 200) << archive.body;
  const std::filesystem::path file = dir.Write("archive", archive.body);
  CliResult quorum = RunGongshu({"audit", "verify", file.string(), "--log-key", LogVkeyOf(data), "--witness-key",
                                 witness_vkey, "--quorum", "1"});
  EXPECT_EQ(quorum.exit_code, 0) << quorum.out << quorum.err;
  EXPECT_EQ(quorum.out.find(" 0 cosignatures"), std::string::npos) << quorum.out;
  CliResult two = RunGongshu({"audit", "verify", file.string(), "--log-key", LogVkeyOf(data), "--witness-key",
                              witness_vkey, "--quorum", "2"});
  EXPECT_NE(two.exit_code, 0) << two.out;
  VerifyAuditTrail(server, data);
}

// R-LOG-06: when the log cannot write, data endpoints answer 503 and serve nothing, admin changes
// are not made, and nothing acknowledged is lost. Running as root, file permissions cannot stop
// writes, so the server's test hook (GONGSHU_AUDIT_FAULT_FILE, api/audit_system.h) fails them.
TEST(AuditFailureTest, AnUnwritableLogRefusesDataAndChangesThenRecovers) {
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  std::filesystem::create_directories(data);
  const std::filesystem::path fault = dir.path() / "fault";
  ::setenv("GONGSHU_AUDIT_FAULT_FILE", fault.c_str(), 1);
  ServerProcess server(data.string());
  ::unsetenv("GONGSHU_AUDIT_FAULT_FILE");
  HttpClient http = server.client();
  std::map<std::string, std::string> admin{{"authorization", server.admin_header()}, {"content-type", "application/json"}};
  auto org = http.Request("POST", "/api/v1/organisations", R"({"id":"fault-bureau","name_zh":"测试局","kind":"department"})", admin);
  ASSERT_EQ(org.status, 201) << org.body;
  auto make = [](const std::string& title) {
    return R"({"id":"faulty","title_zh":")" + title +
           R"(","provider_id":"fault-bureau","subject":"population","update_cycle":"yearly","share":"unconditional",)"
           R"("open":"unconditional","fields":[{"name":"code","title_zh":"代码","type":"string","level":"L1"}]})";
  };
  ASSERT_EQ(http.Request("POST", "/api/v1/resources", make("原名"), admin).status, 201);
  auto up = http.Request("POST", "/api/v1/resources/faulty/versions?format=csv", "code\n1\n2\n",
                         {{"authorization", server.admin_header()}, {"content-type", "text/csv"}});
  ASSERT_EQ(up.status, 201) << up.body;
  ASSERT_EQ(http.Request("POST", "/api/v1/resources/faulty/publish", "", admin).status, 200);
  ASSERT_EQ(http.Get("/api/v1/resources/faulty/records").status, 200);

  { std::ofstream(fault) << "fail"; }
  auto refused = http.Get("/api/v1/resources/faulty/records");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.body.find("\"results\""), std::string::npos) << "no data may leave: " << refused.body;
  EXPECT_NE(refused.body.find("audit.unavailable"), std::string::npos) << refused.body;
  EXPECT_TRUE(refused.Header("x-audit-index").empty());
  auto refused_export = http.Get("/api/v1/resources/faulty/export.csv");
  EXPECT_EQ(refused_export.status, 503);
  EXPECT_TRUE(refused_export.body.starts_with("{\"error\"")) << "no CSV may leave: " << refused_export.body;
  EXPECT_EQ(refused_export.body.find("code\n1"), std::string::npos);
  auto denied = http.Get("/api/v1/resources/nothing/records");  // a denial cannot be logged either
  EXPECT_EQ(denied.status, 503);
  auto changed = http.Request("PUT", "/api/v1/resources/faulty", make("新名"), admin);
  EXPECT_EQ(changed.status, 503) << changed.body;
  auto version = http.Request("POST", "/api/v1/resources/faulty/versions?format=csv", "code\n3\n",
                              {{"authorization", server.admin_header()}, {"content-type", "text/csv"}});
  EXPECT_EQ(version.status, 503) << version.body;
  auto metrics = http.Get("/metrics");
  EXPECT_NE(metrics.body.find("gongshu_audit_healthy"), std::string::npos);

  std::filesystem::remove(fault);
  auto detail = http.Get("/api/v1/resources/faulty");
  ASSERT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("原名"), std::string::npos) << "the refused change was rolled back";
  EXPECT_EQ(detail.body.find("新名"), std::string::npos);
  auto back = http.Get("/api/v1/resources/faulty/records");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(boost::json::parse(back.body).at("results").as_array().size(), 2u) << "version 2 was never published";
  EXPECT_FALSE(back.Header("x-audit-index").empty());
  VerifyAuditTrail(server, data);  // every served request has its entry; the refused ones none
  EXPECT_EQ(server.Stop(), 0);
}

// The platform does not start on a log it cannot open as configured.
TEST(AuditStartupTest, RefusesToStartWithAnUnusableLog) {
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  std::filesystem::create_directories(data);
  {
    ServerProcess server(data.string());
    ASSERT_EQ(server.client().Get("/api/v1/resources/x/records").status, 404);
    EXPECT_EQ(server.Stop(), 0);
  }
  try {
    ServerProcess wrong_hash(data.string(), "serve", {"--audit-hash", "sm3"}, Bootstrap::kNone);
    ADD_FAILURE() << "started with --audit-hash sm3 on a SHA-256 log";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("audit log"), std::string::npos) << e.what();
  }
  // Another log key: the stored checkpoint was not signed by it.
  const std::filesystem::path key = data / "keys" / "audit-log.key";
  std::filesystem::rename(key, dir.path() / "saved.key");
  std::filesystem::remove(data / "keys" / "audit-log.key.vkey");
  try {
    ServerProcess wrong_key(data.string(), "serve", {}, Bootstrap::kNone);
    ADD_FAILURE() << "started with a new log key";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("key"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gongshu::testing
