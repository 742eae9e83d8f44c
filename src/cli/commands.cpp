#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "api/app.h"
#include "api/resource_json.h"
#include "catalog/catalog_search.h"
#include "cli/audit_commands.h"
#include "cli/identity_commands.h"
#include "cli/workflow_commands.h"
#include "core/log.h"
#include "demo/demo_loader.h"

namespace gongshu::cli {

namespace {

int g_exit_code = 0;

struct CommonOptions {
  std::string data_dir = "data";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_root;
  std::string log_level = "info";
  bool access_log = true;
  int io_threads = 1;
  int workers = 16;
  int engine_threads = 0;
  std::string memory_limit;
  bool secure_cookies = false;
  policy::QuotaOptions quotas;
  int session_idle_minutes = 30;
  int session_max_hours = 12;
  api::AuditOptions audit;
};

std::string DefaultWebRoot() {
  if (const char* env = std::getenv("GONGSHU_WEB_ROOT")) return env;
  return GONGSHU_DEFAULT_WEB_ROOT;
}

std::string NpmDir() {
  if (const char* env = std::getenv("GONGSHU_NPM_DIR")) return env;
  return GONGSHU_DEFAULT_NPM_DIR;
}

void AddDataOption(CLI::App* cmd, CommonOptions& o) {
  cmd->add_option("--data", o.data_dir, "Data directory (database, audit log, keys, staging) / 数据目录")
      ->capture_default_str();
  cmd->add_option("--log-level", o.log_level, "trace|debug|info|warn|error|off")->capture_default_str();
}

void AddServeOptions(CLI::App* cmd, CommonOptions& o) {
  AddDataOption(cmd, o);
  cmd->add_option("--host", o.host, "Listen address / 监听地址")->capture_default_str();
  cmd->add_option("--port", o.port, "Listen port; 0 picks a free port / 监听端口，0 表示自动选择")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--web", o.web_root, "Directory of the built web portal (web/dist) / 门户静态文件目录");
  cmd->add_option("--io-threads", o.io_threads, "HTTP I/O threads")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--workers", o.workers, "Worker threads for handlers")->check(CLI::Range(1, 512))->capture_default_str();
  cmd->add_option("--engine-threads", o.engine_threads, "DuckDB threads (0: one per core)")->check(CLI::Range(0, 256));
  cmd->add_option("--memory-limit", o.memory_limit, "DuckDB memory limit, e.g. 4GB");
  cmd->add_flag("!--no-access-log", o.access_log, "Disable the per-request access log");
  cmd->add_flag("--secure-cookies", o.secure_cookies,
                "Mark session cookies Secure (the platform is served over HTTPS, e.g. behind a TLS proxy) / 会话Cookie仅经HTTPS发送");
  cmd->add_option("--session-idle-minutes", o.session_idle_minutes, "Sign out after this many idle minutes / 会话空闲超时（分钟）")
      ->check(CLI::Range(1, 24 * 60))->capture_default_str();
  cmd->add_option("--session-max-hours", o.session_max_hours, "Sign out after this many hours in any case / 会话最长时间（小时）")
      ->check(CLI::Range(1, 24 * 30))->capture_default_str();
  cmd->add_flag("!--quota-off", o.quotas.enabled, "Disable request and row quotas (benchmarks) / 关闭配额");
  cmd->add_option("--quota-requests-per-minute", o.quotas.requests_per_minute,
                  "Requests per minute per user or API token / 每个用户或令牌每分钟请求数")
      ->check(CLI::Range(1.0, 1e9))->capture_default_str();
  cmd->add_option("--quota-anonymous-requests-per-minute", o.quotas.anonymous_requests_per_minute,
                  "Requests per minute per anonymous client address / 每个匿名地址每分钟请求数")
      ->check(CLI::Range(1.0, 1e9))->capture_default_str();
  cmd->add_option("--quota-rows-per-minute", o.quotas.rows_per_minute,
                  "Rows returned per minute per user or API token / 每个用户或令牌每分钟返回记录数")
      ->check(CLI::Range(1.0, 1e12))->capture_default_str();
  cmd->add_option("--quota-anonymous-rows-per-minute", o.quotas.anonymous_rows_per_minute,
                  "Rows returned per minute per anonymous client address / 每个匿名地址每分钟返回记录数")
      ->check(CLI::Range(1.0, 1e12))->capture_default_str();
  cmd->add_option("--audit-origin", o.audit.origin,
                  "Audit log identity, for a new log (default gongshu/<hostname>) / 审计日志标识（创建时）");
  cmd->add_option("--audit-hash", o.audit.hash, "Audit tree hash for a new log: sha256|sm3 / 审计日志哈希算法（创建时）")
      ->check(CLI::IsMember({"sha256", "sm3"}));
  cmd->add_option("--audit-signer", o.audit.signer, "Checkpoint key type for a new key: ed25519|sm2 / 检查点签名算法")
      ->check(CLI::IsMember({"ed25519", "sm2"}));
  cmd->add_option("--audit-witness", o.audit.witness_keys,
                  "Accepted witness cosignature vkey (repeatable; also DATA_DIR/audit/witnesses) / 见证方公钥");
}

api::AppOptions ToAppOptions(const CommonOptions& o) {
  api::AppOptions a;
  a.data_dir = o.data_dir;
  a.server.host = o.host;
  a.server.port = static_cast<uint16_t>(o.port);
  a.server.io_threads = o.io_threads;
  a.server.worker_threads = o.workers;
  a.web_root = o.web_root.empty() ? DefaultWebRoot() : o.web_root;
  if (!std::filesystem::exists(a.web_root / "index.html")) a.web_root.clear();
  a.engine_threads = o.engine_threads;
  a.engine_memory_limit = o.memory_limit;
  a.secure_cookies = o.secure_cookies;
  a.quotas = o.quotas;
  a.identity.session_idle = std::chrono::minutes(o.session_idle_minutes);
  a.identity.session_lifetime = std::chrono::hours(o.session_max_hours);
  a.audit = o.audit;
  return a;
}

Result<std::unique_ptr<api::Application>> OpenApp(const CommonOptions& o) {
  InitLogging(LogOptions{o.log_level, o.access_log});
  auto app = api::Application::Open(ToAppOptions(o));
  if (!app.ok() && app.error().message.find("lock") != std::string::npos) {
    return MakeError(ErrorKind::kUnavailable, "app.data_in_use",
                     "The data directory is in use by a running gongshu server; stop it or use the HTTP API. (" +
                         app.error().message + ")",
                     "数据目录正被运行中的 gongshu 服务使用；请先停止服务或改用 HTTP 接口。");
  }
  return app;
}

int Serve(api::Application& app, const CommonOptions& o) {
  Status st = app.Serve([&](uint16_t port) {
    std::printf("Gongshu serving at http://%s:%u/\n", o.host.c_str(), static_cast<unsigned>(port));
    std::printf("公数平台已启动：http://%s:%u/\n", o.host.c_str(), static_cast<unsigned>(port));
    std::fflush(stdout);
  });
  if (!st.ok()) return Fail(st.error());
  Log().info("stopped");
  return 0;
}

}  // namespace

int ExitCode() { return g_exit_code; }
void SetExitCode(int code) { g_exit_code = code; }

int Fail(const Error& e) {
  std::cerr << "error [" << e.code << "]: " << e.message << "\n错误：" << e.message_zh << "\n";
  return 1;
}

Result<std::unique_ptr<api::Application>> OpenDataDir(const std::string& data_dir, const std::string& log_level) {
  CommonOptions o;
  o.data_dir = data_dir;
  o.log_level = log_level;
  o.access_log = false;
  return OpenApp(o);
}

void RegisterCommands(CLI::App& app) {
  static CommonOptions opts;

  CLI::App* serve = app.add_subcommand("serve", "Serve the platform over HTTP / 启动平台服务");
  AddServeOptions(serve, opts);
  serve->callback([] {
    auto app = OpenApp(opts);
    if (!app.ok()) {
      g_exit_code = Fail(app.error());
      return;
    }
    g_exit_code = Serve(**app, opts);
  });

  CLI::App* demo = app.add_subcommand("demo", "Load the demo data into an empty data dir, then serve / 加载演示数据并启动");
  AddServeOptions(demo, opts);
  demo->callback([] {
    bool fresh = !std::filesystem::exists(std::filesystem::path(opts.data_dir) / "gongshu.duckdb");
    auto app = OpenApp(opts);
    if (!app.ok()) {
      g_exit_code = Fail(app.error());
      return;
    }
    if (fresh) {
      auto start = std::chrono::steady_clock::now();
      std::printf("Loading demo data into %s …\n", opts.data_dir.c_str());
      Status st = demo::LoadDemo((*app)->engine(), (*app)->catalog(), (*app)->importer(), NpmDir(),
                                 (*app)->staging_dir(), SystemClock::Instance(),
                                 [](std::string_view msg) { std::printf("  %.*s\n", static_cast<int>(msg.size()), msg.data()); std::fflush(stdout); });
      if (!st.ok()) {
        g_exit_code = Fail(st.error());
        return;
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("Demo data loaded in %.1f s / 演示数据加载完成\n", secs);
      if (int rc = SeedDemoUsers(**app, opts.data_dir); rc != 0) {
        g_exit_code = rc;
        return;
      }
      if (int rc = SeedDemoWorkflows(**app, opts.data_dir); rc != 0) {
        g_exit_code = rc;
        return;
      }
    } else {
      std::printf("Using existing data in %s\n", opts.data_dir.c_str());
    }
    g_exit_code = Serve(**app, opts);
  });

  RegisterIdentityCommands(app);
  RegisterAuditCommands(app);
  RegisterWorkflowCommands(app);

  static std::string import_resource, import_file, import_format, import_encoding, import_delimiter, import_note;
  static bool import_no_header = false;
  CLI::App* import = app.add_subcommand("import", "Import a file as the next version of a resource / 导入数据文件为资源新版本");
  AddDataOption(import, opts);
  import->add_option("resource", import_resource, "Resource id / 资源标识")->required();
  import->add_option("file", import_file, "CSV, JSON, NDJSON or Parquet file / 数据文件")->required()->check(CLI::ExistingFile);
  import->add_option("--format", import_format, "csv|json|ndjson|parquet (default: detect)");
  import->add_option("--encoding", import_encoding, "utf-8|gbk|gb18030 (default: detect)");
  import->add_option("--delimiter", import_delimiter, "CSV delimiter: , ; | tab (default: sniff)");
  import->add_flag("--no-header", import_no_header, "The CSV has no header row");
  import->add_option("--note", import_note, "Change note of the version / 版本说明");
  import->callback([] {
    opts.access_log = false;
    auto app = OpenApp(opts);
    if (!app.ok()) {
      g_exit_code = Fail(app.error());
      return;
    }
    ingest::ImportOptions io;
    io.format = import_format;
    io.encoding = import_encoding == "gbk" ? "gb18030" : import_encoding;
    if (!import_delimiter.empty()) io.delimiter = import_delimiter == "tab" ? '\t' : import_delimiter[0];
    if (import_no_header) io.header = false;
    io.note = import_note;
    io.source_name = std::filesystem::path(import_file).filename().string();
    auto r = (*app)->importer().ImportFile(import_resource, import_file, io);
    if (!r.ok()) {
      g_exit_code = Fail(r.error());
      return;
    }
    std::printf("Imported %s as version %d of %s: %lld rows, format %s, encoding %s\n", import_file.c_str(),
                r->version.version, import_resource.c_str(), static_cast<long long>(r->version.row_count),
                r->detected_format.c_str(), r->detected_encoding.c_str());
    for (const auto& w : r->warnings) std::printf("  note: %s\n", w.c_str());
  });

  CLI::App* resources = app.add_subcommand("resources", "Inspect the catalog / 查看数据目录");
  resources->require_subcommand(1);
  static std::string list_query, show_id;
  CLI::App* list = resources->add_subcommand("list", "List resources / 列出数据资源");
  AddDataOption(list, opts);
  list->add_option("-q,--query", list_query, "Search text / 搜索词");
  list->callback([] {
    opts.access_log = false;
    auto app = OpenApp(opts);
    if (!app.ok()) {
      g_exit_code = Fail(app.error());
      return;
    }
    auto snap = (*app)->catalog().Snapshot();
    catalog::SearchQuery q;
    q.q = list_query;
    q.limit = 100000;
    q.sort = list_query.empty() ? catalog::SearchSort::kTitle : catalog::SearchSort::kRelevance;
    q.visible = [](const catalog::Resource&) { return true; };
    auto result = snap->index().Search(snap->resources(), q);
    std::printf("%-28s %-10s %-9s %12s  %s\n", "ID", "STATUS", "LEVEL", "ROWS", "TITLE");
    for (const auto& hit : result.hits) {
      const auto& r = *hit.resource;
      std::printf("%-28s %-10s %-9s %12lld  %s\n", r.id.c_str(), std::string(catalog::StatusCode(r.status)).c_str(),
                  std::string(catalog::LevelCode(r.Level())).c_str(),
                  static_cast<long long>(r.current ? r.current->row_count : 0), r.title_zh.c_str());
    }
    std::printf("%zu resource(s)\n", result.total);
  });
  CLI::App* show = resources->add_subcommand("show", "Show one resource as JSON / 显示数据资源详情");
  AddDataOption(show, opts);
  show->add_option("id", show_id, "Resource id / 资源标识")->required();
  show->callback([] {
    opts.access_log = false;
    auto app = OpenApp(opts);
    if (!app.ok()) {
      g_exit_code = Fail(app.error());
      return;
    }
    auto snap = (*app)->catalog().Snapshot();
    const catalog::Resource* r = snap->Find(show_id);
    if (r == nullptr) {
      g_exit_code = Fail(MakeError(ErrorKind::kNotFound, "resource.not_found", "No resource with id '" + show_id + "'.",
                                   "数据资源“" + show_id + "”不存在。"));
      return;
    }
    std::string out;
    JsonWriter w(out);
    api::WriteResourceDetail(w, *r, *snap, [](const catalog::Field&) { return true; });
    std::printf("%s\n", out.c_str());
  });
}

}  // namespace gongshu::cli
