// Catalog over HTTP: search with facets, detail, versions, and administrator-only writes.
#include "api_fixture.h"

namespace gongshu::testing {
namespace {

class CatalogApiTest : public ApiTest {};

TEST_F(CatalogApiTest, AnonymousSearchSeesOpenAndConditionalButNotClosed) {
  auto r = Get("/api/v1/resources");
  ASSERT_EQ(r.status, 200);
  auto v = Json(r);
  EXPECT_EQ(v.at("total_count").as_int64(), 2);
  std::set<std::string> ids;
  for (const auto& x : v.at("results").as_array()) ids.emplace(x.at("id").as_string());
  EXPECT_TRUE(ids.contains("cities"));
  EXPECT_TRUE(ids.contains("conditional"));
  EXPECT_FALSE(ids.contains("closed"));
  auto admin = Client().Get("/api/v1/resources", Admin());
  EXPECT_EQ(Json(admin).at("total_count").as_int64(), 3);
}

TEST_F(CatalogApiTest, FullTextAndFacets) {
  auto r = Get("/api/v1/resources?q=" + UrlEncode("城市人口") + "&open=unconditional");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r);
  ASSERT_EQ(v.at("total_count").as_int64(), 1);
  EXPECT_EQ(v.at("results").at(0).at("id").as_string(), "cities");
  EXPECT_EQ(v.at("results").at(0).at("provider").at("name_zh").as_string(), "测试数据局");
  // The open facet ignores its own filter: both values are counted.
  const auto& open = v.at("facets").at("open").as_array();
  EXPECT_EQ(open.size(), 2u);
  for (const auto& b : open) EXPECT_FALSE(b.at("label_zh").as_string().empty());
  EXPECT_EQ(Json(Get("/api/v1/resources?q=" + UrlEncode("常住人口"))).at("total_count").as_int64(), 2);  // field title
  EXPECT_EQ(Json(Get("/api/v1/resources?q=nothing-like-this")).at("total_count").as_int64(), 0);
  EXPECT_EQ(Json(Get("/api/v1/resources?provider=test-bureau,ghost")).at("total_count").as_int64(), 2);
}

TEST_F(CatalogApiTest, DetailShowsFieldsLevelsAndAvailability) {
  auto r = Get("/api/v1/resources/cities");
  ASSERT_EQ(r.status, 200);
  auto v = Json(r);
  EXPECT_EQ(v.at("level").at("code").as_string(), "L3");  // highest field level
  EXPECT_EQ(v.at("current_version").at("row_count").as_int64(), 6);
  EXPECT_EQ(v.at("current_version").at("checksum").as_string().size(), 64u);
  int available = 0;
  for (const auto& f : v.at("fields").as_array()) {
    if (f.at("available").as_bool()) ++available;
    if (f.at("name").as_string() == "secret") {
      EXPECT_FALSE(f.at("available").as_bool());
    }
  }
  EXPECT_EQ(available, 3);
  ExpectError(Get("/api/v1/resources/closed"), 404, "resource.not_found");  // not discoverable
  ExpectError(Get("/api/v1/resources/nope"), 404, "resource.not_found");
  EXPECT_EQ(Client().Get("/api/v1/resources/closed", Admin()).status, 200);
}

TEST_F(CatalogApiTest, VersionsAreListedNewestFirst) {
  auto v = Json(Get("/api/v1/resources/cities/versions"));
  ASSERT_GE(v.at("results").as_array().size(), 1u);
  EXPECT_EQ(v.at("results").at(0).at("source_name").as_string(), "cities.csv");
}

TEST_F(CatalogApiTest, WritesNeedTheAdministratorToken) {
  std::string body = R"({"id":"x-new","title_zh":"新资源","provider_id":"test-bureau","subject":"other",
                         "update_cycle":"static","share":"unconditional","open":"unconditional"})";
  ExpectError(Client().Post("/api/v1/resources", body, "application/json"), 401, "auth.required");
  ExpectError(Client().Post("/api/v1/resources", body, "application/json", {{"authorization", "Bearer forged"}}), 401,
              "auth.invalid_token");
  ExpectError(Client().Post("/api/v1/resources", body, "application/json", {{"authorization", "Basic abc"}}), 401,
              "auth.unsupported_scheme");
  EXPECT_EQ(Client().Get("/api/v1/resources/x-new", Admin()).status, 404);  // nothing created
  auto created = AdminPost("/api/v1/resources", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created).at("status").as_string(), "draft");
  ExpectError(AdminPost("/api/v1/resources", body), 409, "resource.exists");
  ExpectError(AdminPost("/api/v1/resources/x-new/publish", ""), 409, "resource.no_version");
  auto updated = Client().Request("PUT", "/api/v1/resources/x-new",
                                  R"({"title_zh":"改名","provider_id":"test-bureau","subject":"other",
                                      "update_cycle":"static","share":"unconditional","open":"unconditional"})",
                                  {{"authorization", Server().admin_header()}, {"content-type", "application/json"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Json(updated).at("title").at("zh").as_string(), "改名");
  // Drafts are invisible to the public.
  ExpectError(Get("/api/v1/resources/x-new"), 404, "resource.not_found");
}

TEST_F(CatalogApiTest, VocabulariesOrganisationsAndStats) {
  auto voc = Json(Get("/api/v1/vocabularies"));
  EXPECT_GE(voc.at("subjects").as_array().size(), 10u);
  EXPECT_EQ(voc.at("levels").as_array().size(), 6u);
  auto orgs = Json(Get("/api/v1/organisations"));
  bool bureau = false;
  for (const auto& o : orgs.at("results").as_array()) bureau = bureau || o.at("id").as_string() == "test-bureau";
  EXPECT_TRUE(bureau) << orgs;
  auto stats = Json(Get("/api/v1/stats/catalog"));
  EXPECT_EQ(stats.at("resources").as_int64(), 2);
  EXPECT_EQ(stats.at("open_resources").as_int64(), 1);
  EXPECT_EQ(stats.at("records").as_int64(), 12);
}

}  // namespace
}  // namespace gongshu::testing
