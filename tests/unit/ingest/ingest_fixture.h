#pragma once
// A real DuckDB engine with the platform migrations, a catalog with one provider, and an Importer
// whose staging directory lives in the engine's allowed data dir. Sources are written to a
// separate directory outside the data dir, as uploads and CLI imports would be.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "core/clock.h"
#include "ingest/importer.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::ingest::test {

class IngestTest : public ::testing::Test {
 protected:
  IngestTest() : clock_(TimePoint(std::chrono::seconds(1767225600))) {}  // 2026-01-01T00:00:00Z

  void SetUp() override {
    storage::DuckDbOptions o;
    o.path = (data_.path() / "gongshu.duckdb").string();
    o.allowed_directories = {data_.str()};
    o.temp_directory = (data_.path() / "tmp").string();
    o.threads = 2;
    auto engine = storage::DuckDbEngine::Open(o);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
    {
      auto s = engine_->Acquire();
      ASSERT_TRUE(s.ok());
      auto migrations = storage::PlatformMigrations();
      ASSERT_TRUE(migrations.ok()) << migrations.error().message;
      auto applied = storage::ApplyMigrations(**s, *migrations);
      ASSERT_TRUE(applied.ok()) << applied.error().message;
    }
    catalog_ = std::make_unique<catalog::Catalog>(*engine_, clock_);
    ASSERT_TRUE(catalog_->Load().ok());
    auto st = catalog_->UpsertOrganisation(
        {"stats-bureau", "统计局", "Statistics Bureau", "department", "110000", ""});
    ASSERT_TRUE(st.ok()) << st.error().message;
    importer_ = std::make_unique<Importer>(*engine_, *catalog_, StagingDir(), clock_);
  }

  std::filesystem::path StagingDir() const { return data_.path() / "staging"; }

  static catalog::Resource Draft(const std::string& id) {
    catalog::Resource r;
    r.id = id;
    r.title_zh = "测试数据 " + id;
    r.provider_id = "stats-bureau";
    r.subject = "population";
    r.update_cycle = "yearly";
    r.share = catalog::ShareAttribute::kUnconditional;
    r.open = catalog::OpenAttribute::kUnconditional;
    return r;
  }

  void CreateResource(const std::string& id) {
    auto r = catalog_->Create(Draft(id));
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  // A source file outside the engine's allowed directories.
  std::filesystem::path Source(const std::string& name, const std::string& content) const {
    return sources_.Write(name, content);
  }

  ImportResult MustImport(const std::string& id, const std::filesystem::path& p,
                          const ImportOptions& o = {}) {
    auto r = importer_->ImportFile(id, p, o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code + ": " + r.error().message);
    if (!r.ok()) return ImportResult{};
    return std::move(r).value();
  }

  storage::Table Query(const std::string& sql, const storage::Params& params = {}) {
    auto s = engine_->Acquire();
    EXPECT_TRUE(s.ok());
    auto t = (*s)->Query(sql, params);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message) << "\n" << sql;
    return t.ok() ? std::move(t).value() : storage::Table{};
  }

  bool TableExists(const std::string& id, int version) {
    auto t =
        Query("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'data' AND table_name = $1",
              {storage::Value::Text(id + "__v" + std::to_string(version))});
    return !t.rows.empty() && t.rows[0][0].as_int() > 0;
  }

  int CurrentVersion(const std::string& id) {
    const catalog::Resource* r = catalog_->Snapshot()->Find(id);
    return r != nullptr && r->current ? r->current->version : 0;
  }

  size_t StagingFileCount() const {
    size_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(StagingDir(), ec);
         !ec && it != std::filesystem::directory_iterator(); ++it) {
      ++n;
    }
    return n;
  }

  testing::TempDir data_;
  testing::TempDir sources_;
  ManualClock clock_;
  std::unique_ptr<storage::DuckDbEngine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Importer> importer_;
};

}  // namespace gongshu::ingest::test
