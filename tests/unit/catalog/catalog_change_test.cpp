// Catalog changes reach the change recorder inside their transaction (R-ADM-01): a recorder that
// fails rolls the change back, and the before/after states chain from one change to the next.
#include <gtest/gtest.h>

#include "catalog/canonical_json.h"
#include "catalog/catalog.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::catalog {
namespace {

class CatalogChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::DuckDbOptions o;
    o.path = (dir_.path() / "t.duckdb").string();
    o.allowed_directories = {dir_.str()};
    engine_ = std::move(storage::DuckDbEngine::Open(o)).value();
    auto s = std::move(engine_->Acquire()).value();
    ASSERT_TRUE(storage::ApplyMigrations(*s, std::move(storage::PlatformMigrations()).value()).ok());
    catalog_ = std::make_unique<Catalog>(*engine_, clock_);
    ASSERT_TRUE(catalog_->Load().ok());
    catalog_->SetChangeRecorder([this](const CatalogChange& c) -> Status {
      if (fail_) {
        return MakeError(ErrorKind::kUnavailable, "audit.unavailable", "log unwritable", "审计日志不可写");
      }
      changes_.push_back(c);
      return Ok();
    });
    ASSERT_TRUE(catalog_->UpsertOrganisation({"civil-affairs", "民政厅", "Civil Affairs", "department", "440000", ""}).ok());
  }

  static Resource Draft(std::string id) {
    Resource r;
    r.id = std::move(id);
    r.title_zh = "行政区划代码";
    r.provider_id = "civil-affairs";
    r.subject = "geography";
    r.update_cycle = "yearly";
    r.share = ShareAttribute::kUnconditional;
    r.open = OpenAttribute::kUnconditional;
    r.fields = {Field{"code", "代码", "Code", "string", "", "", "", ClassificationLevel::kGeneral1, ""}};
    return r;
  }

  testing::TempDir dir_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'700'000'000))};
  std::unique_ptr<storage::DuckDbEngine> engine_;
  std::unique_ptr<Catalog> catalog_;
  std::vector<CatalogChange> changes_;
  bool fail_ = false;
};

TEST_F(CatalogChangeTest, EveryChangeIsRecordedWithItsActorAndChainedStates) {
  const ChangeActor actor{"user-1", "civil-affairs", "req-1"};
  ASSERT_TRUE(catalog_->Create(Draft("divisions"), actor).ok());
  Resource changed = Draft("divisions");
  changed.title_zh = "行政区划代码（新）";
  clock_.Advance(std::chrono::seconds(5));
  ASSERT_TRUE(catalog_->Update("divisions", changed, actor).ok());
  clock_.Advance(std::chrono::seconds(5));
  ASSERT_TRUE(catalog_->Withdraw("divisions", actor).ok());

  ASSERT_EQ(changes_.size(), 4u);  // the organisation, then three resource changes
  EXPECT_EQ(changes_[0].kind, "organisation.created");
  EXPECT_EQ(changes_[0].actor.principal_id, "") << "the console made it";
  EXPECT_EQ(changes_[1].kind, "resource.created");
  EXPECT_EQ(changes_[2].kind, "resource.updated");
  EXPECT_EQ(changes_[3].kind, "resource.withdrawn");
  EXPECT_TRUE(changes_[1].before.empty());
  for (size_t i = 1; i < changes_.size(); ++i) {
    EXPECT_EQ(changes_[i].object_id, "divisions");
    EXPECT_EQ(changes_[i].actor.principal_id, "user-1");
    EXPECT_EQ(changes_[i].actor.request_id, "req-1");
    if (i > 1) {
      EXPECT_EQ(changes_[i].before, changes_[i - 1].after) << changes_[i].kind;
    }
  }
  // The last after-state is exactly the state the catalog serves now.
  EXPECT_EQ(changes_.back().after, CanonicalResourceJson(*catalog_->Snapshot()->Find("divisions")));
  EXPECT_NE(changes_.back().after.find("\"status\":\"withdrawn\""), std::string::npos);
}

TEST_F(CatalogChangeTest, AFailingRecorderRollsTheChangeBack) {
  ASSERT_TRUE(catalog_->Create(Draft("divisions")).ok());
  fail_ = true;
  Resource changed = Draft("divisions");
  changed.title_zh = "不应生效";
  auto updated = catalog_->Update("divisions", changed);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, "audit.unavailable");
  auto created = catalog_->Create(Draft("never"));
  ASSERT_FALSE(created.ok());
  EXPECT_FALSE(catalog_->Withdraw("divisions").ok());
  EXPECT_FALSE(catalog_->UpsertOrganisation({"other", "其他", "", "department", "", ""}).ok());

  // Nothing changed, in memory or in the database.
  Catalog reloaded(*engine_, clock_);
  ASSERT_TRUE(reloaded.Load().ok());
  for (const Catalog* c : {catalog_.get(), &reloaded}) {
    const Resource* r = c->Snapshot()->Find("divisions");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->title_zh, "行政区划代码");
    EXPECT_EQ(r->status, ResourceStatus::kDraft);
    EXPECT_EQ(c->Snapshot()->Find("never"), nullptr);
    EXPECT_EQ(c->Snapshot()->FindOrganisation("other"), nullptr);
  }
}

}  // namespace
}  // namespace gongshu::catalog
