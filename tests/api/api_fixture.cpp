#include "api_fixture.h"

#include <iconv.h>

#include "audit_check.h"

#include <filesystem>

namespace gongshu::testing {

std::unique_ptr<TempDir> ApiTest::dir_;
std::unique_ptr<ServerProcess> ApiTest::server_;

void ApiTest::SetUpTestSuite() {
  dir_ = std::make_unique<TempDir>();
  std::filesystem::create_directories(dir_->path() / "data");
  server_ = std::make_unique<ServerProcess>((dir_->path() / "data").string());
  Seed();
}

void ApiTest::TearDownTestSuite() {
  if (server_) {
    VerifyAuditTrail(*server_, dir_->path() / "data");  // every data request: exactly one entry
    EXPECT_EQ(server_->Stop(), 0) << "graceful shutdown must exit 0";
  }
  server_.reset();
  dir_.reset();
}

HttpResult ApiTest::AdminPost(const std::string& target, const std::string& json) {
  return Client().Post(target, json, "application/json", Admin());
}

HttpResult ApiTest::Upload(const std::string& resource, const std::string& bytes, const std::string& query) {
  return Client().Post("/api/v1/resources/" + resource + "/versions" + (query.empty() ? "" : "?" + query), bytes,
                       "application/octet-stream", Admin());
}

boost::json::value ApiTest::Json(const HttpResult& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << r.body.substr(0, 300);
  return v;
}

void ApiTest::ExpectError(const HttpResult& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body.substr(0, 500);
  auto v = Json(r);
  ASSERT_TRUE(v.is_object() && v.as_object().contains("error")) << r.body.substr(0, 300);
  const auto& e = v.at("error").as_object();
  if (!code.empty()) {
    EXPECT_EQ(e.at("code").as_string(), code) << r.body.substr(0, 500);
  }
  EXPECT_FALSE(e.at("message").as_string().empty());
  EXPECT_FALSE(e.at("message_zh").as_string().empty());
  EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u);
}

std::string ApiTest::CitiesCsv() {
  return "code,name,population,secret\n"
         "110000,北京市,2185,a\n"
         "310000,上海市,2487,b\n"
         "440100,广州市,1882,c\n"
         "440300,深圳市,1766,d\n"
         "510100,成都市,2127,e\n"
         "330100,杭州市,1252,f\n";
}

void ApiTest::Seed() {
  auto org = AdminPost("/api/v1/organisations",
                       R"({"id":"test-bureau","name_zh":"测试数据局","name_en":"Test Data Bureau","kind":"department"})");
  ASSERT_EQ(org.status, 201) << org.body;
  auto make = [](const std::string& id, const std::string& title, const std::string& open, const std::string& extra) {
    return R"({"id":")" + id + R"(","title_zh":")" + title + R"(","title_en":"Cities )" + id +
           R"(","description_zh":"主要城市人口统计","provider_id":"test-bureau","subject":"population",)"
           R"("update_cycle":"yearly","share":"unconditional","open":")" + open + "\"" + extra +
           R"(,"tags":["城市","人口"],"fields":[{"name":"code","title_zh":"行政区划代码","type":"string","level":"L1","semantic":"division_code"},)"
           R"({"name":"name","title_zh":"城市名称","type":"string","level":"L1"},)"
           R"({"name":"population","title_zh":"常住人口","type":"integer","unit":"万人","level":"L1"},)"
           R"({"name":"secret","title_zh":"内部备注","type":"string","level":"L3"}]})";
  };
  for (auto [id, open, extra] : {std::tuple{"cities", "unconditional", ""},
                                 std::tuple{"conditional", "conditional", R"(,"open_condition":"须说明用途")"},
                                 std::tuple{"closed", "not_open", R"(,"open_condition":"涉及内部信息")"}}) {
    auto c = AdminPost("/api/v1/resources", make(id, std::string("城市人口-") + id, open, extra));
    ASSERT_EQ(c.status, 201) << c.body;
    auto u = Upload(id, CitiesCsv(), "filename=cities.csv&format=csv");
    ASSERT_EQ(u.status, 201) << u.body;
    auto p = AdminPost(std::string("/api/v1/resources/") + id + "/publish", "");
    ASSERT_EQ(p.status, 200) << p.body;
  }
}

void ApiTest::EnsureOrganisation(const std::string& id, const std::string& kind, const std::string& name_zh) {
  if (Client().Get("/api/v1/organisations/" + id).status == 200) return;
  boost::json::object o{{"id", id}, {"name_zh", name_zh.empty() ? "测试机构-" + id : name_zh}, {"kind", kind}};
  auto r = AdminPost("/api/v1/organisations", boost::json::serialize(o));
  ASSERT_EQ(r.status, 201) << r.body;
}

std::string ApiTest::Login(const std::string& username, const std::string& password) {
  auto r = Client().Post("/api/v1/auth/login",
                         boost::json::serialize(boost::json::object{{"username", username}, {"password", password}}),
                         "application/json");
  if (r.status != 200) return "";
  std::string cookie = r.Header("set-cookie");
  const std::string prefix = "gs_session=";
  if (cookie.rfind(prefix, 0) != 0) return "";
  return cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
}

std::map<std::string, std::string> ApiTest::Session(const std::string& cookie) {
  return {{"cookie", "gs_session=" + cookie}, {"origin", "http://127.0.0.1:" + std::to_string(Server().port())}};
}

TestUser ApiTest::CreateUser(const std::string& org, const std::vector<std::string>& roles, const std::string& username) {
  static int counter = 0;
  TestUser u;
  u.username = username.empty() ? "user" + std::to_string(++counter) + "-" + org : username;
  u.password = "password-of-" + u.username;
  u.organisation_id = org;
  boost::json::array role_array;
  for (const auto& r : roles) role_array.emplace_back(r);
  boost::json::object body{{"username", u.username}, {"organisation_id", org}, {"roles", role_array}, {"password", u.password}};
  auto created = AdminPost("/api/v1/users", boost::json::serialize(body));
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return u;
  u.id = std::string(Json(created).at("id").as_string());
  std::string cookie = Login(u.username, u.password);
  EXPECT_FALSE(cookie.empty()) << "login of " << u.username;
  auto token = Client().Post("/api/v1/tokens", R"({"name":"test","expires_in_days":30})", "application/json",
                             Session(cookie));
  EXPECT_EQ(token.status, 201) << token.body;
  if (token.status == 201) u.token = std::string(Json(token).at("token").as_string());
  return u;
}

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8;
  std::string out(in.size() * 4 + 16, '\0');
  char* ip = in.data();
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

}  // namespace gongshu::testing
