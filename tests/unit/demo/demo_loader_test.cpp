#include "demo/demo_loader.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "catalog/catalog_search.h"
#include "demo/demo_organisations.h"
#include "demo/demo_resources.h"
#include "gazetteer_fixture.h"
#include "ingest/identifier_checks.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::demo {
namespace {

// A platform in a temporary data dir: real DuckDB engine with the production lock-down (external
// access only to the data dir), migrations, catalog and importer.
struct Platform {
  testing::TempDir dir;
  ManualClock clock{TimePoint(std::chrono::seconds(1732700000))};
  std::unique_ptr<storage::DuckDbEngine> engine;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<ingest::Importer> importer;
  std::vector<std::string> progress;

  Platform() {
    storage::DuckDbOptions o;
    o.path = (dir.path() / "gongshu.duckdb").string();
    o.allowed_directories = {dir.str()};
    o.temp_directory = (dir.path() / "tmp").string();
    auto e = storage::DuckDbEngine::Open(o);
    if (!e.ok()) throw std::runtime_error(e.error().message);
    engine = std::move(e).value();
    auto s = std::move(engine->Acquire()).value();
    auto migrations = storage::PlatformMigrations();
    if (!migrations.ok()) throw std::runtime_error(migrations.error().message);
    auto applied = storage::ApplyMigrations(*s, *migrations);
    if (!applied.ok()) throw std::runtime_error("migrations: " + applied.error().message);
    catalog = std::make_unique<catalog::Catalog>(*engine, clock);
    if (!catalog->Load().ok()) throw std::runtime_error("catalog load");
    importer = std::make_unique<ingest::Importer>(*engine, *catalog, dir.path() / "staging", clock);
  }

  Status Load(const DemoOptions& options) {
    return LoadDemo(*engine, *catalog, *importer, NpmDir(), dir.path() / "staging", clock,
                    [this](std::string_view line) { progress.emplace_back(line); }, options);
  }

  const catalog::Resource& Resource(const std::string& id) {
    const catalog::Resource* r = catalog->Snapshot()->Find(id);
    if (r == nullptr) throw std::runtime_error("no resource " + id);
    return *r;
  }

  // The version's table as the platform generated it (data."<id>__v<n>", already quoted).
  std::string Quoted(const std::string& id) { return Resource(id).current->table_name; }

  int64_t QueryInt(const std::string& sql) {
    auto s = std::move(engine->Acquire()).value();
    auto t = s->Query(sql);
    if (!t.ok()) throw std::runtime_error(t.error().message);
    return t->rows.at(0).at(0).is_int() ? t->rows[0][0].as_int() : static_cast<int64_t>(t->rows[0][0].ToDouble());
  }

  // Calls fn for every non-null value of a text column (streamed chunk by chunk).
  void ForEachText(const std::string& id, const std::string& column, const std::function<void(std::string_view)>& fn) {
    auto s = std::move(engine->Acquire()).value();
    auto stream = s->Stream("SELECT " + storage::QuoteIdentifier(column) + " FROM " + Quoted(id));
    if (!stream.ok()) throw std::runtime_error(stream.error().message);
    for (;;) {
      auto c = (*stream)->Next();
      if (!c.ok()) throw std::runtime_error(c.error().message);
      if (*c == nullptr) break;
      const auto& col = (*c)->columns[0];
      for (size_t r = 0; r < (*c)->size; ++r) {
        if (col.IsValid(r)) fn(col.String(r));
      }
    }
  }
};

// ---- the full demo, loaded once (about a minute in a debug build) ------------------------------

class DemoFullLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    platform_ = new Platform();
    status_ = new Status(platform_->Load(DemoOptions{}));
    for (const auto& line : platform_->progress) std::printf("  %s\n", line.c_str());
  }
  static void TearDownTestSuite() {
    delete status_;
    delete platform_;
  }
  void SetUp() override { ASSERT_TRUE(status_->ok()) << status_->error().code << ": " << status_->error().message; }

  static Platform* platform_;
  static Status* status_;
};
Platform* DemoFullLoad::platform_ = nullptr;
Status* DemoFullLoad::status_ = nullptr;

TEST_F(DemoFullLoad, EveryResourceIsPublishedWithItsRows) {
  auto& p = *platform_;
  for (const auto& d : DemoResources()) {
    const auto& r = p.Resource(d.resource.id);
    EXPECT_EQ(r.status, catalog::ResourceStatus::kPublished) << r.id;
    ASSERT_TRUE(r.current.has_value()) << r.id;
    EXPECT_EQ(r.current->version, 1) << r.id;
    EXPECT_GT(r.current->row_count, 0) << r.id;
    EXPECT_EQ(p.QueryInt("SELECT count(*) FROM " + p.Quoted(r.id)), r.current->row_count) << r.id;
  }
  EXPECT_EQ(p.Resource("divisions-province").current->row_count, 31);
  EXPECT_EQ(p.Resource("divisions-county").current->row_count, 2978);
  EXPECT_EQ(p.Resource("divisions-village").current->row_count, 620573);
  EXPECT_EQ(p.Resource("flights").current->row_count, 3000000);
  EXPECT_EQ(p.Resource("population-registry").current->row_count, 300000);
  EXPECT_EQ(p.Resource("enterprise-registry").current->row_count, 100000);
  EXPECT_EQ(p.Resource("earthquakes").current->row_count, 1707);
  for (const auto& o : DemoOrganisations()) {
    EXPECT_NE(p.catalog->Snapshot()->FindOrganisation(o.id), nullptr) << o.id;
  }
  // Staging holds nothing of ours after the load.
  for (const auto& e : std::filesystem::directory_iterator(p.dir.path() / "staging")) {
    ADD_FAILURE() << "left in staging: " << e.path();
  }
}

TEST_F(DemoFullLoad, FieldsKeepTheirCatalogMetadata) {
  auto& p = *platform_;
  const auto& flights = p.Resource("flights");
  const auto* delay = flights.FindField("delay");
  ASSERT_NE(delay, nullptr);
  EXPECT_EQ(delay->title_zh, "到达延误");
  EXPECT_EQ(delay->unit, "分钟");
  EXPECT_EQ(delay->type, "integer");
  const auto& people = p.Resource("population-registry");
  EXPECT_EQ(people.FindField("resident_id")->level, catalog::ClassificationLevel::kGeneral4);
  EXPECT_EQ(people.FindField("resident_id")->semantic, "resident_id");
  EXPECT_EQ(people.FindField("birth_date")->type, "date");
  EXPECT_EQ(people.open, catalog::OpenAttribute::kNotOpen);
  EXPECT_EQ(people.Level(), catalog::ClassificationLevel::kGeneral4);
  const auto& villages = p.Resource("divisions-village");
  EXPECT_EQ(villages.FindField("code")->type, "string");
  EXPECT_EQ(villages.FindField("code")->semantic, "division_code");
  EXPECT_EQ(villages.Level(), catalog::ClassificationLevel::kGeneral1);
  EXPECT_EQ(p.Resource("enterprise-registry").FindField("uscc")->semantic, "uscc");
}

TEST_F(DemoFullLoad, ResidentIdsAreValidOnRealCountyCodes) {
  auto& p = *platform_;
  int64_t checked = 0;
  p.ForEachText("population-registry", "resident_id", [&](std::string_view id) {
    ++checked;
    if (!ingest::IsValidResidentId(id)) ADD_FAILURE() << "invalid resident ID " << id;
  });
  EXPECT_EQ(checked, 300000);
  // Every ID starts with a county code of the published county-level division table.
  EXPECT_EQ(p.QueryInt("SELECT count(*) FROM " + p.Quoted("population-registry") + " p WHERE NOT EXISTS (SELECT 1 FROM " +
                       p.Quoted("divisions-county") + " c WHERE c.code = substr(p.resident_id, 1, 6))"),
            0);
  EXPECT_EQ(p.QueryInt("SELECT count(DISTINCT resident_id) FROM " + p.Quoted("population-registry")), 300000);
  int64_t mobiles = 0;
  p.ForEachText("population-registry", "mobile", [&](std::string_view m) {
    ++mobiles;
    if (!ingest::IsValidMobile(m)) ADD_FAILURE() << "invalid mobile " << m;
  });
  EXPECT_GT(mobiles, 250000);
}

TEST_F(DemoFullLoad, CreditCodesAndPhonesAreValid) {
  auto& p = *platform_;
  int64_t checked = 0;
  p.ForEachText("enterprise-registry", "uscc", [&](std::string_view code) {
    ++checked;
    if (!ingest::IsValidUscc(code)) ADD_FAILURE() << "invalid USCC " << code;
  });
  EXPECT_EQ(checked, 100000);
  EXPECT_EQ(p.QueryInt("SELECT count(*) FROM " + p.Quoted("enterprise-registry") + " e WHERE NOT EXISTS (SELECT 1 FROM " +
                       p.Quoted("divisions-county") + " c WHERE c.code = substr(e.uscc, 3, 6))"),
            0);
  p.ForEachText("enterprise-registry", "contact_phone", [&](std::string_view m) {
    if (!ingest::IsValidMobile(m)) ADD_FAILURE() << "invalid phone " << m;
  });
  // Parent codes of every division level resolve (the codes were brought to the standard forms).
  EXPECT_EQ(p.QueryInt("SELECT count(*) FROM " + p.Quoted("divisions-village") + " v WHERE NOT EXISTS (SELECT 1 FROM " +
                       p.Quoted("divisions-township") + " t WHERE t.code = v.township_code)"),
            0);
}

TEST_F(DemoFullLoad, QualityProfilesReportNoInvalidIdentifiers) {
  auto& p = *platform_;
  std::map<std::string, int64_t> checked_by_rule;
  for (const auto& d : DemoResources()) {
    const auto& r = p.Resource(d.resource.id);
    auto profile = boost::json::parse(r.current->profile_json).as_object();
    EXPECT_EQ(profile.at("row_count").as_int64(), r.current->row_count);
    for (const auto& f : profile.at("fields").as_array()) {
      const auto& field = f.as_object();
      if (!field.contains("validity")) continue;
      const auto& v = field.at("validity").as_object();
      EXPECT_EQ(v.at("invalid_count").as_int64(), 0) << r.id << "." << field.at("name").as_string();
      checked_by_rule[std::string(v.at("rule").as_string())] += v.at("checked").as_int64();
    }
  }
  EXPECT_EQ(checked_by_rule["resident_id"], 300000);
  EXPECT_EQ(checked_by_rule["uscc"], 100000);
  EXPECT_GT(checked_by_rule["mobile"], 350000);
  EXPECT_GT(checked_by_rule["division_code"], 620573 * 5);
}

std::vector<std::string> Search(const catalog::CatalogSnapshot& snap, const std::string& q) {
  catalog::SearchQuery query;
  query.q = q;
  query.limit = 50;
  query.visible = [](const catalog::Resource&) { return true; };
  std::vector<std::string> ids;
  for (const auto& hit : snap.index().Search(snap.resources(), query).hits) ids.push_back(hit.resource->id);
  return ids;
}

TEST_F(DemoFullLoad, SearchFindsTheResourcesByTheirChineseNames) {
  auto snap = platform_->catalog->Snapshot();
  auto flights = Search(*snap, "航班");
  ASSERT_FALSE(flights.empty());
  EXPECT_EQ(flights[0], "flights");
  auto divisions = Search(*snap, "行政区划");
  const std::set<std::string> found(divisions.begin(), divisions.end());
  for (const char* id : {"divisions-province", "divisions-city", "divisions-county", "divisions-township",
                         "divisions-village"}) {
    EXPECT_EQ(found.count(id), 1u) << id;
  }
  EXPECT_EQ(Search(*snap, "地震").at(0), "earthquakes");
  EXPECT_EQ(Search(*snap, "失业").at(0), "unemployment-industries");
  EXPECT_EQ(Search(*snap, "机场").size() >= 2, true);
  auto synthetic = Search(*snap, "合成数据");
  EXPECT_EQ(std::set<std::string>(synthetic.begin(), synthetic.end()),
            (std::set<std::string>{"population-registry", "enterprise-registry"}));
}

TEST_F(DemoFullLoad, ReloadingSkipsWhatIsAlreadyThere) {
  auto& p = *platform_;
  p.progress.clear();
  ASSERT_TRUE(p.Load(DemoOptions{}).ok());
  EXPECT_EQ(p.Resource("flights").current->version, 1);
  EXPECT_EQ(p.Resource("population-registry").current->version, 1);
  size_t skipped = 0;
  for (const auto& line : p.progress) skipped += line.find("skipped") != std::string::npos;
  EXPECT_EQ(skipped, DemoResources().size());
}

// ---- a small load, fast enough for the sanitizer build ---------------------------------------

TEST(DemoSmallLoad, LoadsASubsetWithSmallSyntheticRegistries) {
  Platform p;
  DemoOptions o;
  o.population = 3000;
  o.enterprises = 1000;
  const std::set<std::string> subset = {"divisions-province", "divisions-county", "earthquakes", "stock-prices",
                                        "bird-strikes", "population-registry", "enterprise-registry"};
  o.include = [&](std::string_view id) { return subset.count(std::string(id)) > 0; };
  Status st = p.Load(o);
  ASSERT_TRUE(st.ok()) << st.error().code << ": " << st.error().message;
  auto snap = p.catalog->Snapshot();
  EXPECT_EQ(snap->resources().size(), subset.size());
  EXPECT_EQ(p.Resource("population-registry").current->row_count, 3000);
  EXPECT_EQ(p.Resource("enterprise-registry").current->row_count, 1000);
  EXPECT_EQ(p.Resource("divisions-province").current->row_count, 31);
  EXPECT_EQ(p.QueryInt("SELECT count(*) FROM " + p.Quoted("divisions-province") + " WHERE code = '330000'"), 1);
  EXPECT_EQ(p.Resource("earthquakes").FindField("magnitude")->type, "number");
  EXPECT_EQ(p.Resource("stock-prices").FindField("date")->type, "date");
  EXPECT_EQ(p.Resource("bird-strikes").FindField("cost_total")->level, catalog::ClassificationLevel::kGeneral3);
  for (const auto& r : snap->resources()) EXPECT_EQ(r.status, catalog::ResourceStatus::kPublished) << r.id;
  // One line per resource plus the organisations and the summary.
  EXPECT_EQ(p.progress.size(), subset.size() + 2);
  EXPECT_NE(p.progress.back().find("demo loaded"), std::string::npos);
}

TEST(DemoSmallLoad, AMissingSourceFailsWithTheResourceNamed) {
  Platform p;
  testing::TempDir empty_npm;
  DemoOptions o;
  o.include = [](std::string_view id) { return id == "airports"; };
  Status st = LoadDemo(*p.engine, *p.catalog, *p.importer, empty_npm.path(), p.dir.path() / "staging", p.clock,
                       nullptr, o);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("airports"), std::string::npos);
  EXPECT_NE(st.error().message_zh.find("airports"), std::string::npos);
  // The resource was created but stays an unpublished draft without a version.
  EXPECT_FALSE(p.Resource("airports").current.has_value());
  EXPECT_EQ(p.Resource("airports").status, catalog::ResourceStatus::kDraft);
}

}  // namespace
}  // namespace gongshu::demo
