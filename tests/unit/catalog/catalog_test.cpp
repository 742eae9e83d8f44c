#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "catalog/catalog_store.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::catalog {
namespace {

class CatalogTest : public ::testing::Test {
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
    ASSERT_TRUE(catalog_->UpsertOrganisation({"civil-affairs", "民政厅", "Civil Affairs", "department", "440000", ""}).ok());
  }

  static Resource Draft(std::string id) {
    Resource r;
    r.id = std::move(id);
    r.title_zh = "行政区划代码";
    r.title_en = "Administrative division codes";
    r.provider_id = "civil-affairs";
    r.subject = "geography";
    r.update_cycle = "yearly";
    r.share = ShareAttribute::kUnconditional;
    r.open = OpenAttribute::kUnconditional;
    r.fields = {Field{"code", "代码", "Code", "string", "", "", "", ClassificationLevel::kGeneral1, "division_code"},
                Field{"name", "名称", "Name", "string", "", "", "", ClassificationLevel::kGeneral2, ""}};
    return r;
  }

  testing::TempDir dir_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'700'000'000))};
  std::unique_ptr<storage::DuckDbEngine> engine_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_F(CatalogTest, CreatesDraftsThatPersistAcrossReload) {
  auto r = catalog_->Create(Draft("divisions"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, ResourceStatus::kDraft);
  EXPECT_EQ(r->Level(), ClassificationLevel::kGeneral2);  // 就高从严: highest field level
  Catalog reloaded(*engine_, clock_);
  ASSERT_TRUE(reloaded.Load().ok());
  const Resource* again = reloaded.Snapshot()->Find("divisions");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->title_zh, "行政区划代码");
  ASSERT_EQ(again->fields.size(), 2u);
  EXPECT_EQ(again->fields[0].semantic, "division_code");
  EXPECT_EQ(again->created_at, clock_.NowMicros());
}

TEST_F(CatalogTest, RejectsInvalidResourcesWithClearCodes) {
  auto expect_code = [&](Resource r, const std::string& code) {
    auto res = catalog_->Create(std::move(r));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, code);
    EXPECT_FALSE(res.error().message_zh.empty());
  };
  expect_code(Draft("Bad Id"), "resource.invalid_id");
  expect_code(Draft("-x"), "resource.invalid_id");
  Resource r = Draft("ok-id");
  r.subject = "nope";
  expect_code(r, "resource.unknown_subject");
  r = Draft("ok-id");
  r.provider_id = "ghost";
  expect_code(r, "resource.unknown_provider");
  r = Draft("ok-id");
  r.share = ShareAttribute::kNotShared;
  expect_code(r, "resource.share_basis_required");
  r = Draft("ok-id");
  r.open = OpenAttribute::kConditional;
  expect_code(r, "resource.open_condition_required");
  r = Draft("ok-id");
  r.fields.push_back(r.fields[0]);
  expect_code(r, "resource.duplicate_field");
  for (const char* reserved : {"rowid", "RowId", "_gs_rowid", "a\"b", ""}) {
    r = Draft("ok-id");
    r.fields[0].name = reserved;
    expect_code(r, "resource.invalid_field_name");
  }
  r = Draft("ok-id");
  r.title_zh = "bad\xff";
  expect_code(r, "resource.invalid_text");
  ASSERT_TRUE(catalog_->Create(Draft("dup")).ok());
  auto dup = catalog_->Create(Draft("dup"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(catalog_->Snapshot()->resources().size(), 1u);  // bad input changed nothing
}

TEST_F(CatalogTest, PublishingNeedsADataVersion) {
  ASSERT_TRUE(catalog_->Create(Draft("ds")).ok());
  auto p = catalog_->Publish("ds");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "resource.no_version");
  auto s = std::move(engine_->Acquire()).value();
  ResourceVersion v;
  v.version = 1;
  v.table_name = CatalogStore::DataTableName("ds", 1);
  v.row_count = 3;
  v.checksum = "abc";
  v.source_format = "csv";
  v.published_at = clock_.NowMicros();
  ASSERT_TRUE(CatalogStore::InsertVersion(*s, "ds", v).ok());
  ASSERT_TRUE(catalog_->Refresh("ds").ok());
  auto ok = catalog_->Publish("ds");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->status, ResourceStatus::kPublished);
  ASSERT_TRUE(ok->current.has_value());
  EXPECT_EQ(ok->current->row_count, 3);
  EXPECT_EQ(CatalogStore::NextVersionNumber(*s, "ds").value(), 2);
}

TEST_F(CatalogTest, UpdateKeepsIdentityAndVersions) {
  ASSERT_TRUE(catalog_->Create(Draft("ds")).ok());
  Resource changes = Draft("ignored");
  changes.title_zh = "新标题";
  changes.tags = {"区划", "代码"};
  auto u = catalog_->Update("ds", changes);
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->id, "ds");
  EXPECT_EQ(u->title_zh, "新标题");
  EXPECT_EQ(u->tags.size(), 2u);
  EXPECT_FALSE(catalog_->Update("missing", changes).ok());
}

}  // namespace
}  // namespace gongshu::catalog
