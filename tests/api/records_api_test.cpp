// The open-data records API and exports, as an anonymous caller and as the provider's steward.
#include <sstream>

#include "api_fixture.h"

namespace gongshu::testing {
namespace {

class RecordsApiTest : public ApiTest {
 protected:
  static boost::json::value Records(const std::string& query) {
    auto r = Get("/api/v1/resources/cities/records" + (query.empty() ? "" : "?" + query));
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    return Json(r);
  }
  static std::string Q(const std::string& s) { return UrlEncode(s); }
};

TEST_F(RecordsApiTest, AnonymousCallersGetOnlyLevelOneFields) {
  auto r = Get("/api/v1/resources/cities/records");
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(r.Header("x-decision-id").empty());
  auto v = Json(r);
  ASSERT_EQ(v.at("results").as_array().size(), 6u);
  for (const auto& row : v.at("results").as_array()) {
    EXPECT_TRUE(row.as_object().contains("name"));
    EXPECT_FALSE(row.as_object().contains("secret"));
  }
  std::vector<std::string> fields;
  for (const auto& f : v.at("fields").as_array()) fields.emplace_back(f.at("name").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "name", "population"}));
  // A hidden field does not exist for this caller.
  auto hidden = Get("/api/v1/resources/cities/records?select=secret");
  EXPECT_GE(hidden.status, 400);
  EXPECT_LT(hidden.status, 500);
  // The provider's own steward reads every field raw (docs/security-model.md, policy).
  TestUser steward = CreateUser("test-bureau", {"department_steward"});
  auto own = Json(Client().Get("/api/v1/resources/cities/records?select=secret", steward.Bearer()));
  EXPECT_EQ(own.at("results").as_array().size(), 6u);
}

TEST_F(RecordsApiTest, FiltersOrderingAndAggregates) {
  auto v = Records("where=" + Q("population > 2000") + "&order_by=" + Q("population desc"));
  // The same query typed unescaped, as curl sends it, means the same.
  auto typed = Records("where=population>2000&order_by=population%20desc");
  EXPECT_EQ(typed.at("results"), v.at("results"));
  ASSERT_EQ(v.at("results").as_array().size(), 3u);
  EXPECT_EQ(v.at("results").at(0).at("name").as_string(), "上海市");
  EXPECT_EQ(v.at("results").at(0).at("population").as_int64(), 2487);
  auto like = Records("where=" + Q("name like '%州%'") + "&include_total=true");
  EXPECT_EQ(like.at("total_count").as_int64(), 2);  // 广州市, 杭州市
  auto in = Records("where=" + Q("code in ('110000', '310000')"));
  EXPECT_EQ(in.at("results").as_array().size(), 2u);
  auto search = Records("where=" + Q("search(\"深圳\")"));
  EXPECT_EQ(search.at("results").as_array().size(), 1u);
  auto agg = Records("select=" + Q("count(*) as n, sum(population) as total, max(population) as top"));
  EXPECT_EQ(agg.at("results").at(0).at("n").as_int64(), 6);
  EXPECT_EQ(agg.at("results").at(0).at("total").as_int64(), 2185 + 2487 + 1882 + 1766 + 2127 + 1252);
}

TEST_F(RecordsApiTest, GroupByAndCursorPaging) {
  auto g = Get("/api/v1/resources/cities/records?select=" + Q("name, count(*) as n") + "&group_by=name&order_by=" + Q("n desc, name"));
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_EQ(Json(g).at("results").as_array().size(), 6u);
  std::set<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    std::string q = "limit=2&order_by=" + Q("population");
    if (!cursor.empty()) q += "&cursor=" + Q(cursor);
    auto v = Records(q);
    for (const auto& row : v.at("results").as_array()) {
      EXPECT_TRUE(seen.insert(std::string(row.at("code").as_string())).second);
    }
    if (!v.as_object().contains("next_cursor")) break;
    cursor = v.at("next_cursor").as_string();
  }
  EXPECT_EQ(seen.size(), 6u);
  auto tampered = Get("/api/v1/resources/cities/records?limit=2&order_by=population&cursor=" + Q(cursor.empty() ? "abc" : cursor + "x"));
  EXPECT_EQ(tampered.status, 400) << tampered.body;
}

TEST_F(RecordsApiTest, ExportsStreamEveryFormat) {
  auto csv = Get("/api/v1/resources/cities/export.csv?where=" + Q("population >= 1800") + "&order_by=code");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("transfer-encoding"), "chunked");
  EXPECT_NE(csv.Header("content-disposition").find("cities-v"), std::string::npos);
  std::istringstream lines(csv.body);
  std::string header, line;
  std::getline(lines, header);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  if (header.rfind("\xEF\xBB\xBF", 0) == 0) header = header.substr(3);
  EXPECT_EQ(header, "code,name,population");
  int n = 0;
  while (std::getline(lines, line)) {
    if (!line.empty() && line != "\r") ++n;
  }
  EXPECT_EQ(n, 4);
  auto json = Get("/api/v1/resources/cities/export.json");
  ASSERT_EQ(json.status, 200);
  EXPECT_EQ(Json(json).as_array().size(), 6u);
  auto nd = Get("/api/v1/resources/cities/export.ndjson");
  ASSERT_EQ(nd.status, 200);
  EXPECT_EQ(std::count(nd.body.begin(), nd.body.end(), '\n'), 6);
  auto pq = Get("/api/v1/resources/cities/export.parquet");
  ASSERT_EQ(pq.status, 200);
  ASSERT_GT(pq.body.size(), 8u);
  EXPECT_EQ(pq.body.substr(0, 4), "PAR1");
  EXPECT_EQ(pq.body.substr(pq.body.size() - 4), "PAR1");
  ExpectError(Get("/api/v1/resources/cities/export.xlsx"), 404, "http.not_found");
}

TEST_F(RecordsApiTest, SignedInCallersReadOpenDataWithoutNamingAChannel) {
  // An operator holds no authorization on "cities": its own channel denies, the open channel
  // (open to everyone) serves the public's fields; naming the channel keeps its decision.
  EnsureOrganisation("records-operator", "operator");
  TestUser op = CreateUser("records-operator", {"operator_analyst"});
  auto r = Client().Get("/api/v1/resources/cities/records?limit=3", op.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.Header("x-decision-id").empty());
  const auto page = Json(r);
  ASSERT_FALSE(page.at("results").as_array().empty());
  for (const auto& row : page.at("results").as_array()) EXPECT_FALSE(row.as_object().contains("secret"));
  auto named = Client().Get("/api/v1/resources/cities/records?limit=3&channel=operation", op.Bearer());
  EXPECT_EQ(named.status, 403) << named.body;
  // Not-open resources stay closed to it either way.
  EXPECT_NE(Client().Get("/api/v1/resources/closed/records?limit=3", op.Bearer()).status, 200);
}

TEST_F(RecordsApiTest, ConditionalAndClosedResourcesAreNotServedAnonymously) {
  auto c = Get("/api/v1/resources/conditional/records");
  ExpectError(c, 403, "policy.conditional_open");
  EXPECT_FALSE(c.Header("x-decision-id").empty());
  ExpectError(Get("/api/v1/resources/conditional/export.csv"), 403, "policy.conditional_open");
  ExpectError(Get("/api/v1/resources/closed/records"), 404, "resource.not_found");
  ExpectError(Get("/api/v1/resources/closed/export.csv"), 404, "resource.not_found");
}

}  // namespace
}  // namespace gongshu::testing
