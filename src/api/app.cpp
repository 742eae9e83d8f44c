#include "api/app.h"

#include "api/app_context.h"
#include "api/routes.h"
#include "core/log.h"
#include "core/secret_file.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "workflow/workflow_ticker.h"
#include "workflow/workflows.h"

namespace gongshu::api {

namespace {

// Exit of an operation authorization (退出) revokes every session and token of the operator.
class IdentityCredentialRevoker final : public workflow::CredentialRevoker {
 public:
  explicit IdentityCredentialRevoker(identity::IdentityService& identity) : identity_(identity) {}
  Status RevokeOrganisation(const std::string& org_id) override {
    GS_ASSIGN_OR_RETURN(identity::RevokedCredentials revoked, identity_.RevokeOrganisationCredentials(org_id));
    Log().info("revoked {} session(s) and {} token(s) of organisation {}", revoked.sessions, revoked.tokens, org_id);
    return Ok();
  }

 private:
  identity::IdentityService& identity_;
};

}  // namespace

struct Application::Impl {
  AppOptions options;
  std::filesystem::path staging_dir;
  // Declared first so that it is destroyed last: everything below may record until it is gone;
  // its destructor signs a final checkpoint and closes the log.
  std::unique_ptr<AuditSystem> audit;
  std::unique_ptr<storage::Engine> engine;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<ingest::Importer> importer;
  std::unique_ptr<policy::AccessPolicy> policy;
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<policy::QuotaLimiter> quotas;
  std::unique_ptr<IdentityCredentialRevoker> revoker;
  std::unique_ptr<workflow::Workflows> workflows;
  std::unique_ptr<workflow::WorkflowTicker> ticker;  // deadlines (SLA escalation, notices, expiry)
  std::unique_ptr<Authenticator> auth;
  Metrics metrics;
  std::unique_ptr<AppContext> ctx;
  Router router;
  std::unique_ptr<HttpServer> server;
  std::mutex server_mu;  // guards server (Stop may race Serve)
};

Application::Application() : impl_(std::make_unique<Impl>()) {}
Application::~Application() = default;

Result<std::unique_ptr<Application>> Application::Open(AppOptions options) {
  std::unique_ptr<Application> app(new Application());
  Impl& s = *app->impl_;
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return MakeError(ErrorKind::kUnavailable, "app.data_dir", "Cannot create the data directory " + options.data_dir.string(),
                     "无法创建数据目录 " + options.data_dir.string());
  }
  options.data_dir = std::filesystem::canonical(options.data_dir, ec);
  s.staging_dir = options.data_dir / "staging";
  std::filesystem::create_directories(s.staging_dir, ec);
  std::filesystem::create_directories(options.data_dir / "tmp", ec);
  GS_RETURN_IF_ERROR(EnsurePrivateDirectory(options.data_dir / "keys"));

  storage::DuckDbOptions db;
  db.path = (options.data_dir / "gongshu.duckdb").string();
  db.allowed_directories = {s.staging_dir.string()};
  db.temp_directory = (options.data_dir / "tmp").string();
  db.threads = options.engine_threads;
  db.memory_limit = options.engine_memory_limit;
  db.max_sessions = static_cast<size_t>(options.server.worker_threads) + 8;
  GS_ASSIGN_OR_RETURN(auto engine, storage::DuckDbEngine::Open(db));
  s.engine = std::move(engine);
  {
    GS_ASSIGN_OR_RETURN(storage::SessionLease session, s.engine->Acquire());
    GS_ASSIGN_OR_RETURN(auto migrations, storage::PlatformMigrations());
    GS_ASSIGN_OR_RETURN(int applied, storage::ApplyMigrations(*session, migrations));
    if (applied > 0) Log().info("applied {} schema migration(s)", applied);
  }
  const Clock& clock = SystemClock::Instance();
  // After the engine, whose lock on the database keeps a second process away from the log too.
  GS_ASSIGN_OR_RETURN(s.audit, AuditSystem::Open(options.data_dir, options.audit, clock));
  s.catalog = std::make_unique<catalog::Catalog>(*s.engine, clock);
  s.catalog->SetChangeRecorder(s.audit->AdminChangeRecorder(clock));  // R-ADM-01
  GS_RETURN_IF_ERROR(s.catalog->Load());
  s.importer = std::make_unique<ingest::Importer>(*s.engine, *s.catalog, s.staging_dir, clock);
  s.importer->SetChangeRecorder(s.audit->AdminChangeRecorder(clock));
  s.policy = std::make_unique<policy::AccessPolicy>(clock);

  // There is no start-up administrator: the platform is administered by users with the
  // authority_admin role (bootstrap: `gongshu orgs create` and `gongshu users create`).
  s.identity = std::make_unique<identity::IdentityService>(*s.engine, *s.catalog, clock, options.identity);
  s.identity->SetChangeRecorder(s.audit->AdminChangeRecorder(clock));  // R-ADM-01: users, roles, tokens
  GS_RETURN_IF_ERROR(s.identity->Load());
  s.quotas = std::make_unique<policy::QuotaLimiter>(options.quotas, clock);
  GS_ASSIGN_OR_RETURN(std::string cursor_key, LoadOrCreateSecret(options.data_dir / "keys" / "cursor.key", 32));
  s.auth = std::make_unique<Authenticator>(*s.identity, *s.quotas, options.secure_cookies);
  s.ctx = std::unique_ptr<AppContext>(new AppContext{*s.engine, *s.catalog, *s.importer, *s.policy, *s.auth,
                                                     s.metrics, clock, s.staging_dir, options.web_root, cursor_key,
                                                     options.query_timeout});
  s.ctx->identity = s.identity.get();
  s.ctx->quotas = s.quotas.get();
  s.ctx->audit = &s.audit->trail();
  s.ctx->audit_system = s.audit.get();
  s.workflows = std::make_unique<workflow::Workflows>(*s.engine, *s.catalog, *s.policy, *s.ctx->audit, clock);
  s.revoker = std::make_unique<IdentityCredentialRevoker>(*s.identity);
  s.workflows->SetCredentialRevoker(s.revoker.get());
  GS_RETURN_IF_ERROR(s.workflows->Load());
  s.ctx->workflows = s.workflows.get();
  storage::Engine* eng = s.engine.get();
  s.metrics.AddGauge("gongshu_engine_sessions_in_use", "Database sessions checked out.",
                     [eng] { return static_cast<double>(eng->Stats().sessions_in_use); });
  s.metrics.AddGauge("gongshu_engine_sessions_idle", "Database sessions pooled and idle.",
                     [eng] { return static_cast<double>(eng->Stats().sessions_idle); });
  catalog::Catalog* cat = s.catalog.get();
  s.metrics.AddGauge("gongshu_catalog_resources", "Resources in the catalog.",
                     [cat] { return static_cast<double>(cat->Snapshot()->resources().size()); });
  s.audit->AddMetrics(s.metrics);
  RegisterSystemRoutes(s.router, *s.ctx);
  RegisterCatalogRoutes(s.router, *s.ctx);
  RegisterIdentityRoutes(s.router, *s.ctx);
  RegisterIngestRoutes(s.router, *s.ctx);
  RegisterRecordsRoutes(s.router, *s.ctx);
  RegisterWorkflowRoutes(s.router, *s.ctx);
  RegisterAuditRoutes(s.router, *s.ctx);
  RegisterStaticFiles(s.router, *s.ctx);
  options.server.upload_dir = s.staging_dir;
  s.options = std::move(options);
  return app;
}

storage::Engine& Application::engine() { return *impl_->engine; }
catalog::Catalog& Application::catalog() { return *impl_->catalog; }
ingest::Importer& Application::importer() { return *impl_->importer; }
identity::IdentityService& Application::identity() { return *impl_->identity; }
workflow::Workflows& Application::workflows() { return *impl_->workflows; }
policy::AccessPolicy& Application::policy() { return *impl_->policy; }
audit::AuditTrail& Application::audit_trail() { return *impl_->ctx->audit; }
AuditSystem& Application::audit() { return *impl_->audit; }
const std::filesystem::path& Application::staging_dir() const { return impl_->staging_dir; }

Status Application::Serve(const std::function<void(uint16_t)>& on_listening) {
  HttpServer* server = nullptr;
  {
    std::lock_guard lock(impl_->server_mu);
    impl_->server = std::make_unique<HttpServer>(impl_->options.server, impl_->router, impl_->metrics);
    server = impl_->server.get();
  }
  GS_RETURN_IF_ERROR(server->Listen());
  impl_->identity->StartUsageFlusher();
  impl_->ticker = std::make_unique<workflow::WorkflowTicker>(*impl_->workflows, SystemClock::Instance(),
                                                             std::chrono::seconds(15));
  if (on_listening) on_listening(server->port());
  server->Run();
  return Ok();
}

void Application::Stop() {
  std::lock_guard lock(impl_->server_mu);
  if (impl_->server) impl_->server->Stop();
}

}  // namespace gongshu::api
