// Version uploads over HTTP: encodings, formats, atomic publish, and what bad uploads leave behind.
#include "api_fixture.h"

namespace gongshu::testing {
namespace {

class IngestApiTest : public ApiTest {
 protected:
  static int64_t CurrentVersion(const std::string& id) {
    return Json(Client().Get("/api/v1/resources/" + id, Admin())).at("version").as_int64();
  }
  static int64_t CurrentRows(const std::string& id) {
    return Json(Client().Get("/api/v1/resources/" + id, Admin())).at("row_count").as_int64();
  }
};

TEST_F(IngestApiTest, GbkCsvIsDetectedAndConverted) {
  std::string gbk = ToGb18030("code,name,population,secret\n120000,天津市,1364,x\n");
  ASSERT_NE(gbk, "code,name,population,secret\n120000,天津市,1364,x\n");
  auto r = Upload("cities", gbk, "filename=tianjin-gbk.csv");
  ASSERT_EQ(r.status, 201) << r.body;
  auto v = Json(r);
  EXPECT_EQ(v.at("detected_encoding").as_string(), "gb18030");
  EXPECT_EQ(v.at("version").at("row_count").as_int64(), 1);
  auto detail = Json(Client().Get("/api/v1/resources/cities", Admin()));
  EXPECT_EQ(detail.at("current_version").at("source_encoding").as_string(), "gb18030");
  // Field metadata survives a new version (titles and levels are kept by name).
  for (const auto& f : detail.at("fields").as_array()) {
    if (f.at("name").as_string() == "secret") {
      EXPECT_EQ(f.at("level").at("code").as_string(), "L3");
    }
    if (f.at("name").as_string() == "name") {
      EXPECT_EQ(f.at("title_zh").as_string(), "城市名称");
    }
  }
}

TEST_F(IngestApiTest, SemicolonCsvJsonAndNdjson) {
  auto semi = Upload("cities", "code;name;population;secret\n110000;北京市;2185;a\n310000;上海市;2487;b\n");
  ASSERT_EQ(semi.status, 201) << semi.body;
  EXPECT_EQ(Json(semi).at("delimiter").as_string(), ";");
  auto json = Upload("cities", R"([{"code":"110000","name":"北京市","population":2185,"secret":"a"}])", "format=json");
  ASSERT_EQ(json.status, 201) << json.body;
  auto nd = Upload("cities", "{\"code\":\"110000\",\"name\":\"北京市\",\"population\":2185,\"secret\":\"a\"}\n"
                             "{\"code\":\"310000\",\"name\":\"上海市\",\"population\":2487,\"secret\":\"b\"}\n",
                   "format=ndjson");
  ASSERT_EQ(nd.status, 201) << nd.body;
  EXPECT_EQ(CurrentRows("cities"), 2);
}

TEST_F(IngestApiTest, RaggedCsvIsRejectedAndThePreviousVersionStaysServed) {
  int64_t before = CurrentVersion("cities");
  int64_t rows_before = CurrentRows("cities");  // the suite shares one server: earlier tests may have published
  std::string ragged = CitiesCsv() + "999999,坏行\n";
  for (int i = 0; i < 2000; ++i) ragged += "100000,城市" + std::to_string(i) + ",1,z\n";
  auto r = Upload("cities", ragged);
  ExpectError(r, 422, "");
  EXPECT_EQ(CurrentVersion("cities"), before);
  EXPECT_EQ(CurrentRows("cities"), rows_before);
  auto rows = Json(Get("/api/v1/resources/cities/records?limit=100"));
  EXPECT_EQ(static_cast<int64_t>(rows.at("results").as_array().size()), rows_before);
}

TEST_F(IngestApiTest, EmptyTruncatedAndUnauthorizedUploadsChangeNothing) {
  int64_t before = CurrentVersion("cities");
  ExpectError(Upload("cities", ""), 400, "ingest.empty_upload");
  ExpectError(Client().Post("/api/v1/resources/cities/versions", CitiesCsv(), "text/csv"), 401, "auth.required");
  ExpectError(Upload("no-such-resource", CitiesCsv()), 404, "resource.not_found");
  ExpectError(Upload("cities", CitiesCsv(), "format=xlsx"), 400, "ingest.bad_format");
  ExpectError(Upload("cities", CitiesCsv(), "delimiter=x"), 400, "ingest.bad_delimiter");
  ExpectError(Upload("cities", CitiesCsv(), "encoding=latin1"), 400, "ingest.bad_encoding");
  ExpectError(Upload("cities", CitiesCsv(), "bogus=1"), 400, "param.unknown");
  // Truncated: announce 100000 bytes, send 100, close.
  std::string raw = "POST /api/v1/resources/cities/versions HTTP/1.1\r\nHost: x\r\nAuthorization: " +
                    Server().admin_header() + "\r\nContent-Length: 100000\r\n\r\n" + CitiesCsv().substr(0, 100);
  auto reply = Client().Raw(raw);
  auto parsed = HttpClient::Parse(reply);
  EXPECT_TRUE(reply.empty() || parsed.status == 400) << reply;
  EXPECT_EQ(CurrentVersion("cities"), before);
  EXPECT_EQ(Get("/healthz").status, 200);
  // No upload leftovers in staging.
  std::vector<std::string> leftovers;
  for (const auto& e : std::filesystem::directory_iterator(Dir().path() / "data" / "staging")) {
    leftovers.push_back(e.path().filename().string());
  }
  EXPECT_TRUE(leftovers.empty()) << leftovers.size() << " file(s), first: " << (leftovers.empty() ? "" : leftovers[0]);
}

}  // namespace
}  // namespace gongshu::testing
