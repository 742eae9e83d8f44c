#pragma once
// A real platform database (DuckDB, all migrations) with organisations, published resources with
// data tables, the decision point and the workflow services, on a ManualClock. The audit trail
// records events in memory and can be made to fail; the credential revoker records revocations.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "core/time_format.h"
#include "policy/access_policy.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"
#include "workflow/workflows.h"

namespace gongshu::workflow::testing {

class RecordingTrail final : public audit::AuditTrail {
 public:
  Result<uint64_t> Record(const audit::AuditEvent& event) override {
    std::lock_guard lock(mu_);
    if (failing_) {
      return MakeError(ErrorKind::kUnavailable, "audit.log_unwritable", "The audit log is unwritable.",
                       "审计日志无法写入。");
    }
    events_.push_back(event);
    return static_cast<uint64_t>(events_.size() - 1);
  }
  void SetFailing(bool f) {
    std::lock_guard lock(mu_);
    failing_ = f;
  }
  std::vector<audit::AuditEvent> Events() const {
    std::lock_guard lock(mu_);
    return events_;
  }
  size_t Count() const {
    std::lock_guard lock(mu_);
    return events_.size();
  }
  // Kinds ("share_application.approved", …) recorded for one object, in order.
  std::vector<std::string> KindsFor(const std::string& object_id) const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& e : events_) {
      if (e.object_id == object_id) out.push_back(e.kind);
    }
    return out;
  }

 private:
  mutable std::mutex mu_;
  bool failing_ = false;
  std::vector<audit::AuditEvent> events_;
};

class RecordingRevoker final : public CredentialRevoker {
 public:
  Status RevokeOrganisation(const std::string& org_id) override {
    if (failing) {
      return MakeError(ErrorKind::kUnavailable, "identity.unavailable", "Identity store unavailable.", "身份服务不可用。");
    }
    revoked.push_back(org_id);
    return Ok();
  }
  std::vector<std::string> revoked;
  bool failing = false;
};

inline policy::Principal Person(std::string user, std::string org, policy::OrganisationKind kind,
                                std::vector<policy::Role> roles) {
  policy::Principal p;
  p.kind = policy::PrincipalKind::kUser;
  p.id = user;
  p.user_id = std::move(user);
  p.organisation_id = std::move(org);
  p.organisation_kind = kind;
  p.roles = std::move(roles);
  return p;
}

// 2026-09-28 10:00 China Standard Time, a Monday.
inline TimePoint Cst(int year, unsigned month, unsigned day, int hour, int minute = 0) {
  int64_t days = DaysFromCivil(CivilDate{year, month, day});
  return TimePoint(std::chrono::seconds(days * 86400 + (hour - 8) * 3600 + minute * 60));
}

class WorkflowTest : public ::testing::Test {
 protected:
  using OK = policy::OrganisationKind;
  using R = policy::Role;

  WorkflowTest() : clock_(Cst(2026, 9, 28, 10)) {
    storage::DuckDbOptions o;
    o.path = (dir_.path() / "gongshu.duckdb").string();
    o.allowed_directories = {dir_.str()};
    o.temp_directory = (dir_.path() / "tmp").string();
    o.threads = 1;
    auto e = storage::DuckDbEngine::Open(o);
    if (!e.ok()) throw std::runtime_error(e.error().message);
    engine_ = std::move(e).value();
    {
      auto s = Lease();
      auto migrations = storage::PlatformMigrations();
      if (!migrations.ok()) throw std::runtime_error(migrations.error().message);
      auto applied = storage::ApplyMigrations(*s, *migrations);
      if (!applied.ok()) throw std::runtime_error(applied.error().message);
    }
    catalog_ = std::make_unique<catalog::Catalog>(*engine_, clock_);
    Check(catalog_->Load());
    for (auto [id, kind] : std::initializer_list<std::pair<const char*, const char*>>{
             {"bureau", "authority"}, {"dept-a", "department"}, {"dept-b", "department"}, {"dept-c", "department"},
             {"op-1", "operator"}, {"op-2", "operator"}, {"ent-1", "enterprise"}, {"public", "public"}}) {
      Check(catalog_->UpsertOrganisation(catalog::Organisation{id, id, id, kind, "", ""}));
    }
    using L = catalog::ClassificationLevel;
    // dept-a provides: households (有条件共享, 不予开放), venues (无条件共享, 有条件开放),
    // sealed (不予共享), planned (有条件共享, no data yet).
    AddResource("households", catalog::ShareAttribute::kConditional, catalog::OpenAttribute::kNotOpen,
                {{"code", L::kGeneral1, "division_code"}, {"name", L::kGeneral2, "person_name"},
                 {"income", L::kGeneral3, ""}, {"mobile", L::kGeneral4, "mobile"}, {"note", L::kImportant, ""},
                 {"secret", L::kCore, ""}},
                "SELECT * FROM (VALUES ('330102', '张三', 10, '13800138000', 'n', 's'), "
                "('330211', '李四', 20, '13900139000', 'n', 's'), ('110101', '王五', 30, '13700137000', 'n', 's')) "
                "t(code, name, income, mobile, note, secret)");
    AddResource("venues", catalog::ShareAttribute::kUnconditional, catalog::OpenAttribute::kConditional,
                {{"code", L::kGeneral1, "division_code"}, {"title", L::kGeneral1, ""}, {"address", L::kGeneral3, "address"},
                 {"phone", L::kGeneral4, "mobile"}},
                "SELECT * FROM (VALUES ('330102', '体育馆', '浙江省杭州市上城区某路1号', '13800138001')) "
                "t(code, title, address, phone)");
    AddResource("sealed", catalog::ShareAttribute::kNotShared, catalog::OpenAttribute::kNotOpen,
                {{"code", L::kGeneral1, ""}}, "SELECT '1' AS code");
    AddResource("planned", catalog::ShareAttribute::kConditional, catalog::OpenAttribute::kNotOpen,
                {{"code", L::kGeneral1, ""}}, "");
    policy_ = std::make_unique<policy::AccessPolicy>(clock_);
    wf_ = std::make_unique<Workflows>(*engine_, *catalog_, *policy_, trail_, clock_);
    wf_->SetCredentialRevoker(&revoker_);
    Check(wf_->Load());
  }

  struct FieldSpec {
    const char* name;
    catalog::ClassificationLevel level;
    const char* semantic;
  };

  void AddResource(const std::string& id, catalog::ShareAttribute share, catalog::OpenAttribute open,
                   std::vector<FieldSpec> fields, const std::string& data_sql) {
    catalog::Resource r;
    r.id = id;
    r.title_zh = id;
    r.provider_id = "dept-a";
    r.subject = "population";
    r.update_cycle = "yearly";
    r.share = share;
    r.share_basis = share == catalog::ShareAttribute::kUnconditional ? "" : "依据某法规";
    r.open = open;
    r.open_condition = open == catalog::OpenAttribute::kUnconditional ? "" : "须签署协议";
    for (const auto& f : fields) {
      catalog::Field cf;
      cf.name = f.name;
      cf.title_zh = f.name;
      cf.type = "string";
      cf.level = f.level;
      cf.semantic = f.semantic;
      r.fields.push_back(cf);
    }
    auto created = catalog_->Create(r);
    if (!created.ok()) throw std::runtime_error(created.error().message);
    if (data_sql.empty()) return;
    {
      auto s = Lease();
      std::string table = catalog::CatalogStore::DataTableName(id, 1);
      Check(s->Execute("CREATE TABLE " + table + " AS " + data_sql));
      catalog::ResourceVersion v;
      v.version = 1;
      v.table_name = table;
      v.row_count = 1;
      v.checksum = "x";
      v.source_format = "csv";
      v.published_at = clock_.NowMicros();
      Check(catalog::CatalogStore::InsertVersion(*s, id, v));
    }
    Check(catalog_->Refresh(id));
    auto published = catalog_->Publish(id);
    if (!published.ok()) throw std::runtime_error(published.error().message);
  }

  storage::SessionLease Lease() {
    auto s = engine_->Acquire();
    if (!s.ok()) throw std::runtime_error(s.error().message);
    return std::move(s).value();
  }

  int64_t CountRows(const std::string& table) {
    auto s = Lease();
    auto t = s->Query("SELECT count(*) AS n FROM " + table);
    if (!t.ok()) throw std::runtime_error(t.error().message);
    return t->rows.front().front().as_int();
  }

  static void Check(const Status& st) {
    if (!st.ok()) throw std::runtime_error(st.error().code + ": " + st.error().message);
  }

  static Actor As(const policy::Principal& p) { return Actor::Of(p, "req-test"); }

  policy::Decision Decide(const policy::Principal& p, const std::string& resource, policy::Channel ch,
                          std::string_view purpose) {
    auto snap = catalog_->Snapshot();
    const catalog::Resource* r = snap->Find(resource);
    if (r == nullptr) throw std::runtime_error("no resource " + resource);
    return policy_->Decide(p, *r, ch, policy::Action::kRead, {}, purpose, clock_.Now());
  }

  // Registers a resource end to end (submit, approve, notice period over).
  std::string Register(const std::string& resource) {
    auto app = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, resource, "首次登记"});
    Check(app.ok() ? Ok() : Status(app.error()));
    auto approved = wf_->registrations().Approve(As(authority_), app->id, "");
    Check(approved.ok() ? Ok() : Status(approved.error()));
    auto ticked = wf_->Tick(*approved->notice_until);
    Check(ticked.ok() ? Ok() : Status(ticked.error()));
    auto done = wf_->registrations().Get(As(authority_), app->id);
    Check(done.ok() ? Ok() : Status(done.error()));
    return done->registration_code;
  }

  gongshu::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<policy::AccessPolicy> policy_;
  RecordingTrail trail_;
  RecordingRevoker revoker_;
  std::unique_ptr<Workflows> wf_;

  policy::Principal authority_ = Person("u-auth", "bureau", OK::kAuthority, {R::kAuthorityAdmin});
  policy::Principal authority2_ = Person("u-auth2", "bureau", OK::kAuthority, {R::kAuthorityAdmin});
  policy::Principal auditor_ = Person("u-aud", "bureau", OK::kAuthority, {R::kAuditor});
  policy::Principal steward_a_ = Person("u-sa", "dept-a", OK::kDepartment, {R::kDepartmentSteward});
  policy::Principal consumer_a_ = Person("u-ca", "dept-a", OK::kDepartment, {R::kDepartmentConsumer});
  policy::Principal consumer_b_ = Person("u-cb", "dept-b", OK::kDepartment, {R::kDepartmentConsumer});
  policy::Principal consumer_b2_ = Person("u-cb2", "dept-b", OK::kDepartment, {R::kDepartmentConsumer});
  policy::Principal steward_b_ = Person("u-sb", "dept-b", OK::kDepartment, {R::kDepartmentSteward});
  policy::Principal steward_c_ = Person("u-sc", "dept-c", OK::kDepartment, {R::kDepartmentSteward});
  policy::Principal consumer_c_ = Person("u-cc", "dept-c", OK::kDepartment, {R::kDepartmentConsumer});
  policy::Principal analyst_ = Person("u-an", "op-1", OK::kOperator, {R::kOperatorAnalyst});
  policy::Principal operator_admin_ = Person("u-oa", "op-1", OK::kOperator, {R::kOperatorAdmin});
  policy::Principal operator2_ = Person("u-o2", "op-2", OK::kOperator, {R::kOperatorAdmin});
  policy::Principal person_ = Person("u-p1", "public", OK::kPublic, {R::kPublicUser});
  policy::Principal person2_ = Person("u-p2", "public", OK::kPublic, {R::kPublicUser});
  policy::Principal enterprise_ = Person("u-e1", "ent-1", OK::kEnterprise, {R::kPublicUser});
};

}  // namespace gongshu::workflow::testing
