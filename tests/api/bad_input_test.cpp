// The bad-input corpus: every endpoint, hostile and malformed input. Each case must get a 4xx with
// the error envelope (bilingual message) and leave the server healthy with nothing changed.
#include "api_fixture.h"

namespace gongshu::testing {
namespace {

struct BadCase {
  std::string method;
  std::string target;
  std::string body;
  bool admin = false;
  int status = 400;  // 0: any 4xx
};

class BadInputTest : public ApiTest {
 protected:
  static std::string CatalogState() {
    auto all = Client().Get("/api/v1/resources?limit=100&facets=false", Admin());
    std::string s = all.body;
    s += Client().Get("/api/v1/resources/cities/records?limit=100", Admin()).body;
    s += Client().Get("/api/v1/organisations").body;
    return s;
  }
};

std::string Q(const std::string& s) { return UrlEncode(s); }

TEST_F(BadInputTest, EveryCaseIsA4xxAndChangesNothing) {
  const std::string rec = "/api/v1/resources/cities/records";
  std::vector<BadCase> cases = {
      // where: injection, comments, broken syntax, unknown fields and functions
      {"GET", rec + "?where=" + Q("1=1; DROP TABLE resources"), "", false, 0},
      {"GET", rec + "?where=" + Q("population > 1 -- comment"), "", false, 0},
      {"GET", rec + "?where=" + Q("population > 1 /* x */"), "", false, 0},
      {"GET", rec + "?where=" + Q("name = 'unterminated"), "", false, 0},
      {"GET", rec + "?where=" + Q("((population > 1)"), "", false, 0},
      {"GET", rec + "?where=" + Q("nosuchfield = 1"), "", false, 0},
      {"GET", rec + "?where=" + Q("secret = 'a'"), "", false, 0},
      {"GET", rec + "?where=" + Q("pg_sleep(10) = 1"), "", false, 0},
      {"GET", rec + "?where=" + Q("rowid > 0"), "", false, 0},
      {"GET", rec + "?where=" + Q("name = \"x\"; select 1"), "", false, 0},
      {"GET", rec + "?where=" + Q("population > 99999999999999999999999999999"), "", false, 0},
      {"GET", rec + "?where=" + Q("population in (" + std::string(5000, '1') + ")"), "", false, 0},
      {"GET", rec + "?where=" + Q(std::string(300, '(') + "1=1" + std::string(300, ')')), "", false, 0},
      {"GET", rec + "?where=" + Q("name = 'a'") + "%00", "", false, 0},
      {"GET", rec + "?where=%FF%FE", "", false, 400},
      {"GET", rec + "?where=" + Q("date_trunc('century; drop', code) = 1"), "", false, 0},
      // select / group_by / order_by
      {"GET", rec + "?select=" + Q("*, (select 1)"), "", false, 0},
      {"GET", rec + "?select=" + Q("sum(name)"), "", false, 0},
      {"GET", rec + "?select=" + Q("name as a, code as a"), "", false, 0},
      {"GET", rec + "?select=" + Q("name, count(*)"), "", false, 0},
      {"GET", rec + "?group_by=" + Q("nosuch"), "", false, 0},
      {"GET", rec + "?order_by=" + Q("population sideways"), "", false, 0},
      {"GET", rec + "?order_by=" + Q("1; drop table x"), "", false, 0},
      // paging
      {"GET", rec + "?limit=99999999", "", false, 0},
      {"GET", rec + "?limit=-1", "", false, 0},
      {"GET", rec + "?limit=abc", "", false, 400},
      {"GET", rec + "?offset=-5", "", false, 0},
      {"GET", rec + "?offset=999999999999", "", false, 0},
      {"GET", rec + "?cursor=not-a-cursor", "", false, 400},
      {"GET", rec + "?cursor=" + Q("eyJhIjoxfQ") + "&offset=2", "", false, 400},
      {"GET", rec + "?include_total=maybe", "", false, 400},
      {"GET", rec + "?unknown_param=1", "", false, 400},
      // exports
      {"GET", "/api/v1/resources/cities/export.csv?where=" + Q("1=1; drop"), "", false, 0},
      {"GET", "/api/v1/resources/cities/export.json?select=" + Q("secret"), "", false, 0},
      // catalog search
      {"GET", "/api/v1/resources?limit=100000", "", false, 400},
      {"GET", "/api/v1/resources?offset=-1", "", false, 400},
      {"GET", "/api/v1/resources?sort=sideways", "", false, 400},
      {"GET", "/api/v1/resources?q=" + std::string(300, 'a'), "", false, 400},
      {"GET", "/api/v1/resources?facets=perhaps", "", false, 400},
      {"GET", "/api/v1/resources?nonsense=1", "", false, 400},
      {"GET", "/api/v1/resources/" + Q("../../etc/passwd"), "", false, 404},
      {"GET", "/api/v1/resources/%00", "", false, 0},
      // writes: bodies
      {"POST", "/api/v1/resources", "{not json", true, 400},
      {"POST", "/api/v1/resources", "[]", true, 400},
      {"POST", "/api/v1/resources", R"({"title_zh":"x"})", true, 400},
      {"POST", "/api/v1/resources", R"({"id":"a b","title_zh":"x","provider_id":"test-bureau","subject":"other","update_cycle":"static","share":"unconditional","open":"unconditional"})", true, 422},
      {"POST", "/api/v1/resources", R"({"id":"ok-id","title_zh":"x","provider_id":"test-bureau","subject":"other","update_cycle":"static","share":"sometimes","open":"unconditional"})", true, 400},
      {"POST", "/api/v1/resources", R"({"id":"ok-id","title_zh":"x","provider_id":"test-bureau","subject":"other","update_cycle":"static","share":"unconditional","open":"unconditional","fields":[{"name":"a","level":"L9"}]})", true, 400},
      {"POST", "/api/v1/resources", R"({"id":"ok-id","title_zh":"x","provider_id":"test-bureau","subject":"other","update_cycle":"static","share":"unconditional","open":"unconditional","evil":true})", true, 400},
      {"POST", "/api/v1/resources", "{\"id\":\"ok-id\",\"title_zh\":\"\xff\xfe\"}", true, 0},
      {"POST", "/api/v1/resources", R"({"id":"ok-id","title_zh":"x","provider_id":"ghost","subject":"other","update_cycle":"static","share":"unconditional","open":"unconditional"})", true, 422},
      {"PUT", "/api/v1/resources/cities", R"({"id":"other","title_zh":"x","provider_id":"test-bureau","subject":"other","update_cycle":"static","share":"unconditional","open":"unconditional"})", true, 400},
      {"POST", "/api/v1/organisations", R"({"id":"x y","name_zh":"坏"})", true, 400},
      {"POST", "/api/v1/organisations", R"({"id":"xy","name_zh":"坏","kind":"alien"})", true, 400},
      {"POST", "/api/v1/resources/nope/publish", "", true, 404},
      // uploads
      {"POST", "/api/v1/resources/cities/versions", "code,name\n1,\"unterminated\n", true, 0},
      {"POST", "/api/v1/resources/cities/versions?format=json", "{\"truncated\": [1, 2", true, 0},
      {"POST", "/api/v1/resources/cities/versions?format=parquet", "PAR1 definitely not parquet", true, 0},
      {"POST", "/api/v1/resources/cities/versions?encoding=utf-8", "code,name\n1,\xff\xfe\xfd\n", true, 0},
  };
  std::string before = CatalogState();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target.substr(0, 200));
    std::map<std::string, std::string> headers;
    if (c.admin) headers["authorization"] = Server().admin_header();
    if (!c.body.empty()) headers["content-type"] = "application/json";
    auto r = Client().Request(c.method, c.target, c.body, headers);
    if (c.status != 0) {
      ExpectError(r, c.status, "");
    } else {
      EXPECT_GE(r.status, 400) << r.body.substr(0, 300);
      EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
      ExpectError(r, r.status, "");
    }
    ASSERT_EQ(Get("/healthz").status, 200) << "server unhealthy after this case";
  }
  EXPECT_EQ(CatalogState(), before) << "bad input changed the catalog or data";
}

}  // namespace
}  // namespace gongshu::testing
