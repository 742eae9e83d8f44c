// Platform benchmarks over HTTP, each against a reference measured in the same run
// (design/PERFORMANCE.md): (a) records query vs the same SQL in-process on DuckDB; (b) catalog
// search with two facets on 10,000 resources vs the /healthz floor; (c) streaming CSV export of
// flights-3m vs DuckDB COPY, with the server's RSS growth.
//
//   bench_platform --demo-data DIR [--catalog-data DIR] [--wrk-seconds N]
// DIR must hold the loaded demo (`gongshu demo --data DIR` once). The catalog data dir is created
// and seeded with 10,000 resources when missing.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "api/app.h"
#include "identity/actor.h"
#include "catalog/catalog_store.h"
#include "core/log.h"
#include "query/query.h"
#include "support/server_process.h"

using namespace gongshu;
using SteadyTime = std::chrono::steady_clock;

namespace {

double Ms(SteadyTime::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

long RssKb(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  }
  return -1;
}

struct WrkResult {
  double requests_per_sec = 0, p50_ms = 0, p99_ms = 0;
  std::string raw;
};

double ParseLatency(const std::string& s) {  // "1.23ms", "850.00us", "1.10s"
  double v = std::stod(s);
  if (s.find("us") != std::string::npos) return v / 1000;
  if (s.find("ms") != std::string::npos) return v;
  if (s.find('s') != std::string::npos) return v * 1000;
  return v;
}

WrkResult Wrk(uint16_t port, const std::string& path, int connections, int seconds) {
  std::string cmd = "wrk -t2 -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
                    "s --latency 'http://127.0.0.1:" + std::to_string(port) + path + "' 2>&1";
  WrkResult r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  while (p != nullptr && fgets(buf, sizeof buf, p) != nullptr) r.raw += buf;
  if (p != nullptr) pclose(p);
  std::smatch m;
  if (std::regex_search(r.raw, m, std::regex(R"(Requests/sec:\s+([\d.]+))"))) r.requests_per_sec = std::stod(m[1]);
  if (std::regex_search(r.raw, m, std::regex(R"(50%\s+([\d.]+\w+))"))) r.p50_ms = ParseLatency(m[1]);
  if (std::regex_search(r.raw, m, std::regex(R"(99%\s+([\d.]+\w+))"))) r.p99_ms = ParseLatency(m[1]);
  return r;
}

// Streams a GET's body and discards it, counting bytes and lines, as a download client would
// (the test client keeps the whole body in memory and would measure itself).
struct Download {
  int status = 0;
  size_t bytes = 0, lines = 0;
};

Download StreamedGet(uint16_t port, const std::string& target) {
  namespace asio = boost::asio;
  namespace http = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::connection, "close");
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  http::read_header(socket, buffer, parser);
  Download d;
  d.status = static_cast<int>(parser.get().result_int());
  std::vector<char> chunk(1 << 16);
  boost::beast::error_code ec;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    http::read(socket, buffer, parser, ec);
    if (ec && ec != http::error::need_buffer) break;
    const size_t n = chunk.size() - parser.get().body().size;
    d.bytes += n;
    d.lines += static_cast<size_t>(std::count(chunk.data(), chunk.data() + n, '\n'));
  }
  return d;
}

// ---- (a) records query ----
const char* kWhere = "distance > 1000";
const char* kOrder = "delay desc";

std::vector<double> InProcessRecords(api::Application& app, int runs) {
  auto snap = app.catalog().Snapshot();
  const catalog::Resource* r = snap->Find("flights");
  query::QueryScope scope;
  scope.table = r->current->table_name;
  for (const auto& f : r->fields) scope.fields.push_back({f.name, f.type, "", true});
  query::RecordsRequest req;
  req.where = kWhere;
  req.order_by = kOrder;
  req.limit = 100;
  auto compiled = query::CompileRecords(req, scope);
  if (!compiled.ok()) {
    std::fprintf(stderr, "compile failed: %s\n", compiled.error().message.c_str());
    std::exit(1);
  }
  auto session = std::move(app.engine().Acquire()).value();
  std::vector<double> times;
  for (int i = 0; i < runs + 3; ++i) {
    auto t0 = SteadyTime::now();
    auto stream = session->Stream(compiled->sql, compiled->params);
    size_t rows = 0;
    while (true) {
      auto c = (*stream)->Next();
      if (!c.ok() || *c == nullptr) break;
      rows += (*c)->size;
    }
    stream->reset();
    if (i >= 3) times.push_back(Ms(SteadyTime::now() - t0));  // first runs warm the caches
    if (rows == 0) std::fprintf(stderr, "warning: no rows\n");
  }
  return times;
}

std::vector<double> HttpRecords(uint16_t port, int runs) {
  testing::HttpClient client("127.0.0.1", port);
  std::string target = "/api/v1/resources/flights/records?where=" + testing::UrlEncode(kWhere) +
                       "&order_by=" + testing::UrlEncode(kOrder) + "&limit=100";
  std::vector<double> times;
  for (int i = 0; i < runs + 3; ++i) {
    auto t0 = SteadyTime::now();
    auto r = client.Get(target);
    if (r.status != 200) {
      std::fprintf(stderr, "HTTP %d: %s\n", r.status, r.body.substr(0, 300).c_str());
      std::exit(1);
    }
    if (i >= 3) times.push_back(Ms(SteadyTime::now() - t0));
  }
  return times;
}

// ---- (a') records query through a share grant: purpose, masks and a row filter (policy on) ----
// The demo's 民政厅 consumer holds a grant on population-registry for `subsistence-allowance`
// (一般4 fields masked, rows limited to county codes 33…). The reference runs the same compiled SQL —
// masks and row filter included — in-process, so the ratio is what HTTP, authentication, the policy
// decision and the audit entry add.
const char* kShareWhere = "sex = '女'";
const char* kShareOrder = "birth_date desc";
const char* kSharePurpose = "subsistence-allowance";

std::vector<double> InProcessShareRecords(api::Application& app, int runs) {
  auto snap = app.catalog().Snapshot();
  const catalog::Resource* r = snap->Find("population-registry");
  auto user = app.identity().FindUserByUsername(identity::Actor::Console(), "consumer");
  if (r == nullptr || !user.ok()) {
    std::fprintf(stderr, "the demo's population-registry or consumer is missing\n");
    std::exit(1);
  }
  policy::Principal p;
  p.kind = policy::PrincipalKind::kUser;
  p.id = p.user_id = user->id;
  p.organisation_id = user->organisation_id;
  p.organisation_kind = policy::OrganisationKind::kDepartment;
  p.roles = user->roles;
  policy::Decision d = app.policy().Decide(p, *r, policy::Channel::kShare, policy::Action::kRead, {}, kSharePurpose,
                                           SystemClock::Instance().Now());
  if (!d.allow) {
    std::fprintf(stderr, "no share grant for the demo consumer: %s\n", d.reason.message.c_str());
    std::exit(1);
  }
  query::QueryScope scope;
  scope.table = r->current->table_name;
  for (const auto& o : d.fields) scope.fields.push_back({o.name, r->FindField(o.name)->type, o.mask, true});
  for (const auto& rf : d.row_filters) scope.row_filters.push_back({rf.field, query::RowFilter::Op::kPrefix, rf.values});
  query::RecordsRequest req;
  req.where = kShareWhere;
  req.order_by = kShareOrder;
  req.limit = 100;
  auto compiled = query::CompileRecords(req, scope);
  if (!compiled.ok()) {
    std::fprintf(stderr, "compile failed: %s\n", compiled.error().message.c_str());
    std::exit(1);
  }
  auto session = std::move(app.engine().Acquire()).value();
  std::vector<double> times;
  for (int i = 0; i < runs + 3; ++i) {
    auto t0 = SteadyTime::now();
    auto stream = session->Stream(compiled->sql, compiled->params);
    while (true) {
      auto c = (*stream)->Next();
      if (!c.ok() || *c == nullptr) break;
    }
    stream->reset();
    if (i >= 3) times.push_back(Ms(SteadyTime::now() - t0));
  }
  return times;
}

std::vector<double> HttpShareRecords(uint16_t port, const std::string& token, int runs) {
  testing::HttpClient client("127.0.0.1", port);
  std::string target = "/api/v1/resources/population-registry/records?where=" + testing::UrlEncode(kShareWhere) +
                       "&order_by=" + testing::UrlEncode(kShareOrder) + "&limit=100";
  std::map<std::string, std::string> headers{{"authorization", "Bearer " + token}, {"x-purpose", kSharePurpose}};
  std::vector<double> times;
  for (int i = 0; i < runs + 3; ++i) {
    auto t0 = SteadyTime::now();
    auto r = client.Get(target, headers);
    if (r.status != 200) {
      std::fprintf(stderr, "HTTP %d: %s\n", r.status, r.body.substr(0, 300).c_str());
      std::exit(1);
    }
    if (i >= 3) times.push_back(Ms(SteadyTime::now() - t0));
  }
  return times;
}

// An API token of the demo consumer, made on the stopped data dir as an operator would.
std::string ConsumerToken(const std::string& demo_dir) {
  auto r = testing::RunGongshu({"tokens", "create", "--data", demo_dir, "--user", "consumer", "--name",
                                "bench-" + std::to_string(::getpid()), "--expires-days", "1"});
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("gst_", 0) == 0) return line;
  }
  std::fprintf(stderr, "tokens create failed: %s%s\n", r.out.c_str(), r.err.c_str());
  std::exit(1);
}

// ---- (b) catalog seed ----
void SeedCatalog(const std::string& dir, int n) {
  api::AppOptions o;
  o.data_dir = dir;
  auto app = std::move(api::Application::Open(o)).value();
  (void)app->catalog().UpsertOrganisation({"bench-bureau-0", "基准测试局0", "Bench bureau 0", "department", "", ""});
  auto s = std::move(app->engine().Acquire()).value();
  const char* subjects[] = {"transport", "geography", "population", "economy", "health", "education"};
  const char* words[] = {"航班", "行政区划", "人口", "企业", "医院", "学校", "道路", "气象", "河流", "公交"};
  (void)s->Begin();
  for (int i = 0; i < n; ++i) {
    if (i % 1000 == 0) {
      (void)s->Commit();
      (void)app->catalog().UpsertOrganisation({"bench-bureau-" + std::to_string(i / 1000), "基准测试局" + std::to_string(i / 1000), "", "department", "", ""});
      (void)s->Begin();
    }
    catalog::Resource r;
    r.id = "bench-" + std::to_string(i);
    r.title_zh = std::string(words[i % 10]) + "数据集" + std::to_string(i);
    r.title_en = "Dataset " + std::to_string(i);
    r.description_zh = std::string("用于基准测试的") + words[(i / 10) % 10] + "相关数据资源。";
    r.provider_id = "bench-bureau-" + std::to_string(i / 1000);
    r.subject = subjects[i % 6];
    r.update_cycle = "monthly";
    r.tags = {words[i % 10], words[(i + 3) % 10]};
    r.share = catalog::ShareAttribute::kUnconditional;
    r.open = catalog::OpenAttribute::kUnconditional;
    r.status = catalog::ResourceStatus::kPublished;
    r.fields = {{"code", "代码", "Code", "string", "", "", "", catalog::ClassificationLevel::kGeneral1, ""},
                {"name", "名称", "Name", "string", "", "", "", catalog::ClassificationLevel::kGeneral1, ""}};
    (void)catalog::CatalogStore::InsertResource(*s, r);
  }
  (void)s->Commit();
}

}  // namespace

int main(int argc, char** argv) {
  std::string demo_dir, catalog_dir = "/tmp/gongshu-bench-catalog";
  int wrk_seconds = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--demo-data") demo_dir = argv[i + 1];
    if (k == "--catalog-data") catalog_dir = argv[i + 1];
    if (k == "--wrk-seconds") wrk_seconds = std::stoi(argv[i + 1]);
  }
  if (demo_dir.empty()) {
    std::fprintf(stderr, "usage: bench_platform --demo-data DIR [--catalog-data DIR] [--wrk-seconds N]\n");
    return 2;
  }
  InitLogging(LogOptions{"warn", false});
  const int runs = 50;

  // In-process references first (the server needs the database file to itself).
  std::vector<double> inproc, inproc_share;
  double copy_ms = 0;
  int64_t flights_rows = 0;
  {
    api::AppOptions o;
    o.data_dir = demo_dir;
    auto app = api::Application::Open(o);
    if (!app.ok()) {
      std::fprintf(stderr, "open failed: %s\n", app.error().message.c_str());
      return 1;
    }
    inproc = InProcessRecords(**app, runs);
    inproc_share = InProcessShareRecords(**app, runs);
    auto snap = (*app)->catalog().Snapshot();
    const catalog::Resource* r = snap->Find("flights");
    flights_rows = r->current->row_count;
    auto s = std::move((*app)->engine().Acquire()).value();
    std::string out = ((*app)->staging_dir() / "bench-copy.csv").string();
    for (int i = 0; i < 2; ++i) {
      auto t0 = SteadyTime::now();
      auto st = s->Execute("COPY (SELECT * FROM " + r->current->table_name + ") TO '" + out + "' (FORMAT csv, HEADER)");
      copy_ms = Ms(SteadyTime::now() - t0);
      if (!st.ok()) std::fprintf(stderr, "COPY failed: %s\n", st.error().message.c_str());
    }
    std::remove(out.c_str());
  }

  const std::string consumer_token = ConsumerToken(demo_dir);
  std::printf("| benchmark | Gongshu | reference (same run) | ratio | target |\n|---|---|---|---|---|\n");
  {
    // Anonymous requests only, at full speed: no bootstrap, no quotas.
    testing::ServerProcess server(demo_dir, "serve", {"--no-access-log", "--quota-off"}, testing::Bootstrap::kNone);
    auto http = HttpRecords(server.port(), runs);
    double g = Percentile(http, 0.5), ref = Percentile(inproc, 0.5);
    std::printf("| (a) records query p50 (filter+order+limit 100, flights-3m) | %.2f ms | %.2f ms in-process DuckDB | %.3f× | ≤ 1.15× |\n",
                g, ref, g / ref);
    std::string target = "/api/v1/resources/flights/records?where=" + testing::UrlEncode(kWhere) +
                         "&order_by=" + testing::UrlEncode(kOrder) + "&limit=100";
    auto w = Wrk(server.port(), target, 16, wrk_seconds);
    std::printf("| (a) records query throughput, wrk -c16 | %.0f req/s (p99 %.1f ms) | — | — | ≥ 1,000 req/s |\n",
                w.requests_per_sec, w.p99_ms);
    auto share = HttpShareRecords(server.port(), consumer_token, runs);
    double gs = Percentile(share, 0.5), refs = Percentile(inproc_share, 0.5);
    std::printf("| (a') records query p50 through a share grant (purpose, masks, row filter; population-registry) | "
                "%.2f ms | %.2f ms in-process DuckDB, same masked SQL | %.3f× | ≤ 1.15× |\n",
                gs, refs, gs / refs);

    // (c) export: stream the whole of flights-3m as CSV, timing it and watching the RSS.
    long rss_before = RssKb(server.pid(), "VmRSS:");
    auto t0 = SteadyTime::now();
    Download r = StreamedGet(server.port(), "/api/v1/resources/flights/export.csv");
    double export_ms = Ms(SteadyTime::now() - t0);
    long hwm = RssKb(server.pid(), "VmHWM:");
    if (r.status != 200) std::fprintf(stderr, "export: HTTP %d\n", r.status);
    size_t lines = r.lines;
    std::printf("| (c) CSV export of flights-3m (%zu lines, %.0f MB) | %.0f ms (%.2f M rows/s) | %.0f ms DuckDB COPY | %.2f× throughput | ≥ 0.8× |\n",
                lines, static_cast<double>(r.bytes) / 1e6, export_ms,
                static_cast<double>(flights_rows) / export_ms / 1000, copy_ms, copy_ms / export_ms);
    std::printf("| (c) server RSS during export | +%.0f MB peak over %.0f MB before | — | — | < 100 MB growth |\n",
                static_cast<double>(hwm - rss_before) / 1024, static_cast<double>(rss_before) / 1024);
  }

  // (b) catalog search with two facets over 10,000 resources.
  if (!std::filesystem::exists(std::filesystem::path(catalog_dir) / "gongshu.duckdb")) {
    std::filesystem::create_directories(catalog_dir);
    SeedCatalog(catalog_dir, 10000);
  }
  {
    testing::ServerProcess server(catalog_dir, "serve", {"--no-access-log", "--quota-off"}, testing::Bootstrap::kNone);
    auto floor = Wrk(server.port(), "/healthz", 16, wrk_seconds);
    std::string search = "/api/v1/resources?q=" + testing::UrlEncode("航班") + "&subject=transport&provider=bench-bureau-3&limit=20";
    auto s = Wrk(server.port(), search, 16, wrk_seconds);
    std::printf("| (b) catalog search, q + 2 facets, 10,000 resources, wrk -c16 | %.0f req/s, p99 %.2f ms | %.0f req/s /healthz | %.2f× of floor | ≥ 5,000 req/s, p99 ≤ 10 ms |\n",
                s.requests_per_sec, s.p99_ms, floor.requests_per_sec, s.requests_per_sec / floor.requests_per_sec);
    auto all = Wrk(server.port(), "/api/v1/resources?subject=transport&open=unconditional&limit=20", 16, wrk_seconds);
    std::printf("| (b) catalog browse, 2 facets, no q | %.0f req/s, p99 %.2f ms | — | — | ≥ 5,000 req/s |\n",
                all.requests_per_sec, all.p99_ms);
  }
  return 0;
}
