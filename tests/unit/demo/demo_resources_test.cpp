#include "demo/demo_resources.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/vocabulary.h"
#include "demo/demo_organisations.h"
#include "gazetteer_fixture.h"

namespace gongshu::demo {
namespace {

TEST(DemoOrganisations, HaveAnAuthorityDepartmentsAndAnOperator) {
  std::set<std::string> kinds, ids;
  for (const auto& o : DemoOrganisations()) {
    EXPECT_TRUE(catalog::IsValidResourceId(o.id)) << o.id;
    EXPECT_TRUE(ids.insert(o.id).second) << o.id;
    EXPECT_FALSE(o.name_zh.empty());
    EXPECT_FALSE(o.name_en.empty());
    kinds.insert(o.kind);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"authority", "department", "operator"}));
}

TEST(DemoResources, MetadataIsCompleteInBothLanguages) {
  std::set<std::string> orgs;
  for (const auto& o : DemoOrganisations()) orgs.insert(o.id);
  std::set<std::string> ids;
  for (const auto& d : DemoResources()) {
    const auto& r = d.resource;
    SCOPED_TRACE(r.id);
    EXPECT_TRUE(catalog::IsValidResourceId(r.id));
    EXPECT_TRUE(ids.insert(r.id).second);
    EXPECT_FALSE(r.title_zh.empty());
    EXPECT_FALSE(r.title_en.empty());
    EXPECT_GT(r.description_zh.size(), 60u);
    EXPECT_GT(r.description_en.size(), 60u);
    EXPECT_FALSE(r.license.empty());
    EXPECT_EQ(orgs.count(r.provider_id), 1u);
    EXPECT_NE(catalog::FindTerm(catalog::Subjects(), r.subject), nullptr);
    EXPECT_NE(catalog::FindTerm(catalog::UpdateCycles(), r.update_cycle), nullptr);
    EXPECT_GE(r.tags.size(), 4u);
    if (r.share != catalog::ShareAttribute::kUnconditional) {
      EXPECT_FALSE(r.share_basis.empty());
    }
    if (r.open != catalog::OpenAttribute::kUnconditional) {
      EXPECT_FALSE(r.open_condition.empty());
    }
    EXPECT_FALSE(r.fields.empty());
    for (const auto& f : r.fields) {
      EXPECT_FALSE(f.title_zh.empty()) << f.name;
      EXPECT_FALSE(f.title_en.empty()) << f.name;
      EXPECT_FALSE(f.type.empty()) << f.name;
    }
    switch (d.kind) {
      case DemoSourceKind::kFile:
        EXPECT_TRUE(std::filesystem::is_regular_file(NpmDir() / d.source)) << d.source;
        break;
      case DemoSourceKind::kConverted:
        EXPECT_TRUE(std::filesystem::is_regular_file(NpmDir() / d.source)) << d.source;
        EXPECT_NE(d.conversion_sql.find("{source}"), std::string::npos);
        break;
      case DemoSourceKind::kPopulation:
      case DemoSourceKind::kEnterprises:
        EXPECT_NE(d.seed, 0u);
        EXPECT_NE(r.title_zh.find("合成数据"), std::string::npos);
        EXPECT_NE(r.description_zh.find("合成数据"), std::string::npos);
        EXPECT_NE(r.title_en.find("synthetic"), std::string::npos);
        break;
    }
  }
  for (const char* id : {"flights", "airports", "divisions-province", "divisions-village", "population-registry",
                         "enterprise-registry", "earthquakes", "weather", "unemployment-industries"}) {
    EXPECT_EQ(ids.count(id), 1u) << id;
  }
}

TEST(DemoResources, CatalogIsRealisticallyClassified) {
  int conditional_open = 0, not_open = 0, hidden_fields = 0;
  for (const auto& d : DemoResources()) {
    conditional_open += d.resource.open == catalog::OpenAttribute::kConditional;
    not_open += d.resource.open == catalog::OpenAttribute::kNotOpen;
    if (d.resource.open == catalog::OpenAttribute::kUnconditional) {
      for (const auto& f : d.resource.fields) hidden_fields += f.level > catalog::ClassificationLevel::kGeneral1;
    }
    if (d.resource.id == "population-registry") {
      EXPECT_EQ(d.resource.open, catalog::OpenAttribute::kNotOpen);
      EXPECT_EQ(d.resource.share, catalog::ShareAttribute::kConditional);
      for (const char* personal : {"resident_id", "name", "mobile", "address"}) {
        const auto* f = d.resource.FindField(personal);
        ASSERT_NE(f, nullptr) << personal;
        EXPECT_GE(f->level, catalog::ClassificationLevel::kGeneral4) << personal;
      }
      EXPECT_EQ(d.resource.FindField("resident_id")->semantic, "resident_id");
      EXPECT_EQ(d.resource.FindField("mobile")->semantic, "mobile");
    }
    if (d.resource.id == "enterprise-registry") {
      EXPECT_EQ(d.resource.open, catalog::OpenAttribute::kConditional);
      EXPECT_EQ(d.resource.FindField("uscc")->semantic, "uscc");
      EXPECT_GE(d.resource.FindField("legal_representative")->level, catalog::ClassificationLevel::kGeneral3);
      EXPECT_EQ(d.resource.FindField("uscc")->level, catalog::ClassificationLevel::kGeneral1);
    }
    if (d.resource.id.starts_with("divisions-")) {
      EXPECT_EQ(d.resource.Level(), catalog::ClassificationLevel::kGeneral1);
      EXPECT_EQ(d.resource.open, catalog::OpenAttribute::kUnconditional);
      EXPECT_EQ(d.resource.FindField("code")->semantic, "division_code");
      EXPECT_EQ(d.type_overrides.at("code"), "string");
    }
  }
  EXPECT_GE(conditional_open, 2);
  EXPECT_GE(not_open, 2);
  EXPECT_GT(hidden_fields, 0);  // some open resources have fields above 一般1级
}

}  // namespace
}  // namespace gongshu::demo
