// Identity over HTTP against the real server: sign-in and sessions (cookie attributes, tampering,
// CSRF), API tokens (shown once, scoped, revoked at once, forged), object-level checks on every
// id-bearing endpoint, separation of duties, organisations, bad input, quotas, and the CLI verbs.
#include <sys/stat.h>

#include <functional>
#include <regex>

#include "api_fixture.h"
#include "core/crypto.h"
#include "core/encoding.h"

namespace gongshu::testing {
namespace {

class IdentityApiTest : public ApiTest {
 protected:
  static std::string Origin() { return "http://127.0.0.1:" + std::to_string(Server().port()); }
  static HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                         std::map<std::string, std::string> headers) {
    if (!body.empty()) headers["content-type"] = "application/json";
    return Client().Request(method, target, body, headers);
  }
  static HttpResult LoginRaw(const std::string& username, const std::string& password,
                             std::map<std::string, std::string> headers = {}) {
    return Send("POST", "/api/v1/auth/login",
                boost::json::serialize(boost::json::object{{"username", username}, {"password", password}}), headers);
  }
  // A POST declaring a 2 MiB JSON body (over the 1 MiB limit): refused before the body is read.
  static HttpResult Oversized(const std::string& target, const std::map<std::string, std::string>& headers) {
    std::string raw = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(Server().port()) +
                      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(2 << 20) + "\r\n";
    for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
    return HttpClient::Parse(Client().Raw(raw + "\r\n{\"username\":\"", 5000, false));
  }
  static int64_t Count(const HttpResult& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int64_t>(Json(r).at("results").as_array().size());
  }
};

// ---- sign-in, sessions, /auth/me ----

TEST_F(IdentityApiTest, LoginSetsAStrictHttpOnlyCookieAndMeDescribesTheUser) {
  TestUser u = CreateUser("test-bureau", {"department_steward", "department_consumer"});
  auto login = LoginRaw(u.username, u.password);
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.Header("set-cookie");
  EXPECT_TRUE(std::regex_search(cookie, std::regex("^gs_session=[A-Za-z0-9_-]{43}; "))) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP test server";
  EXPECT_EQ(login.Header("cache-control"), "no-store");
  auto me = Json(login);
  EXPECT_EQ(me.at("user").at("username").as_string(), u.username);
  EXPECT_EQ(me.at("organisation").at("id").as_string(), "test-bureau");
  EXPECT_EQ(me.at("organisation").at("kind").as_string(), "department");
  EXPECT_EQ(me.at("organisation").at("name_zh").as_string(), "测试数据局");
  ASSERT_EQ(me.at("roles").as_array().size(), 2u);
  EXPECT_EQ(me.at("roles").at(0).at("code").as_string(), "department_steward");
  EXPECT_EQ(me.at("roles").at(0).at("zh").as_string(), "部门数据管理员");
  EXPECT_FALSE(me.at("roles").at(0).at("en").as_string().empty());
  EXPECT_EQ(me.at("auth").as_string(), "session");
  EXPECT_EQ(login.body.find("password"), std::string::npos);

  std::string value = cookie.substr(11, 43);
  auto again = Client().Get("/api/v1/auth/me", {{"cookie", "other=1; gs_session=" + value}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again).at("user").at("id").as_string(), u.id);
  auto by_token = Json(Client().Get("/api/v1/auth/me", u.Bearer()));
  EXPECT_EQ(by_token.at("auth").as_string(), "token");
  ExpectError(Get("/api/v1/auth/me"), 401, "auth.required");

  // Logout ends the session on the server and clears the cookie.
  auto out = Send("POST", "/api/v1/auth/logout", "", Session(value));
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  ExpectError(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + value}}), 401, "auth.session_invalid");
  EXPECT_EQ(Send("POST", "/api/v1/auth/logout", "", {}).status, 204) << "logout without a session is harmless";
}

TEST_F(IdentityApiTest, WrongPasswordsAreRefusedThenThrottled) {
  TestUser u = CreateUser("test-bureau", {"department_consumer"});
  ExpectError(LoginRaw(u.username, "not-the-password"), 401, "auth.invalid_credentials");
  ExpectError(LoginRaw("no-such-user", "not-the-password"), 401, "auth.invalid_credentials");
  for (int i = 0; i < 4; ++i) (void)LoginRaw(u.username, "not-the-password");
  auto throttled = LoginRaw(u.username, u.password);
  ExpectError(throttled, 429, "auth.throttled");
  int wait = std::stoi(throttled.Header("retry-after"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 30);
  EXPECT_TRUE(Login(u.username, u.password).empty());
  // Bad bodies never reach the password check.
  ExpectError(Send("POST", "/api/v1/auth/login", R"({"username":"x"})", {}), 400, "body.invalid");
  ExpectError(Send("POST", "/api/v1/auth/login", R"({"username":"x","password":"y","admin":true})", {}), 400,
              "body.invalid");
  ExpectError(Send("POST", "/api/v1/auth/login", R"({"username":1,"password":"y"})", {}), 400, "body.invalid");
  ExpectError(Send("POST", "/api/v1/auth/login", "{not json", {}), 400, "body.invalid");
}

TEST_F(IdentityApiTest, TamperedRevokedAndDisabledCookiesAre401NeverAnonymous) {
  TestUser u = CreateUser("test-bureau", {"department_consumer"});
  std::string value = Login(u.username, u.password);
  ASSERT_EQ(value.size(), 43u);
  std::string flipped = value;
  flipped[5] = flipped[5] == 'a' ? 'b' : 'a';
  for (const std::string& bad : {flipped, value.substr(0, 42), value + "x", std::string("x"),
                                 Base64Encode(RandomBytes(32), true, false), std::string(43, '%')}) {
    auto r = Client().Get("/api/v1/resources?facets=false", {{"cookie", "gs_session=" + bad}});
    ExpectError(r, 401, "auth.session_invalid");
    EXPECT_NE(r.Header("set-cookie").find("gs_session=;"), std::string::npos) << "the stale cookie is cleared";
  }
  // Two session cookies are ambiguous.
  ExpectError(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + value + "; gs_session=" + value}}), 401,
              "auth.session_invalid");
  EXPECT_EQ(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + value}}).status, 200);
  // Disabling the user ends its session at once.
  auto off = Send("PATCH", "/api/v1/users/" + u.id, R"({"status":"disabled"})", Admin());
  ASSERT_EQ(off.status, 200) << off.body;
  ExpectError(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + value}}), 401, "auth.session_invalid");
  ExpectError(Client().Get("/api/v1/auth/me", u.Bearer()), 401, "auth.invalid_token");
  ExpectError(LoginRaw(u.username, u.password), 403, "auth.account_disabled");
}

TEST_F(IdentityApiTest, CookieAuthenticatedChangesMustBeSameOrigin) {
  TestUser u = CreateUser("test-bureau", {"department_consumer"});
  std::string value = Login(u.username, u.password);
  const std::string body = R"({"name":"csrf","expires_in_days":1})";
  auto tokens = [&] { return Count(Client().Get("/api/v1/tokens", u.Bearer())); };
  const int64_t before = tokens();
  std::map<std::string, std::string> cookie = {{"cookie", "gs_session=" + value}};
  ExpectError(Send("POST", "/api/v1/tokens", body, cookie), 403, "auth.csrf");
  auto foreign = cookie;
  foreign["origin"] = "http://evil.example";
  ExpectError(Send("POST", "/api/v1/tokens", body, foreign), 403, "auth.csrf");
  foreign["origin"] = "null";
  ExpectError(Send("POST", "/api/v1/tokens", body, foreign), 403, "auth.csrf");
  foreign["origin"] = "http://127.0.0.1:1";  // same host, other port: another origin
  ExpectError(Send("POST", "/api/v1/tokens", body, foreign), 403, "auth.csrf");
  auto cross_site = cookie;
  cross_site["sec-fetch-site"] = "cross-site";
  ExpectError(Send("POST", "/api/v1/tokens", body, cross_site), 403, "auth.csrf");
  ExpectError(Send("DELETE", "/api/v1/tokens/tok_x", "", foreign), 403, "auth.csrf");
  ExpectError(Send("PATCH", "/api/v1/users/" + u.id, R"({"display_name":"x"})", foreign), 403, "auth.csrf");
  EXPECT_EQ(tokens(), before) << "nothing created";
  // The portal itself: same-origin Origin, or Sec-Fetch-Site: same-origin.
  EXPECT_EQ(Send("POST", "/api/v1/tokens", body, Session(value)).status, 201);
  auto same_site = cookie;
  same_site["sec-fetch-site"] = "same-origin";
  EXPECT_EQ(Send("POST", "/api/v1/tokens", body, same_site).status, 201);
  // Reads need no Origin; bearer tokens are exempt.
  EXPECT_EQ(Client().Get("/api/v1/auth/me", cookie).status, 200);
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + u.id, R"({"display_name":"令牌改名"})", u.Bearer()).status, 200);
  // Login CSRF: a foreign page cannot sign the browser in.
  ExpectError(LoginRaw(u.username, u.password, {{"origin", "http://evil.example"}}), 403, "auth.csrf");
}

// ---- API tokens ----

TEST_F(IdentityApiTest, TokensAreShownOnceScopedListedAndRevokedAtOnce) {
  TestUser u = CreateUser("test-bureau", {"department_steward", "department_consumer"});
  std::string value = Login(u.username, u.password);
  auto created = Send("POST", "/api/v1/tokens",
                      R"({"name":"etl","roles":["department_consumer"],"resource_scope":["cities"],"expires_in_days":30})",
                      Session(value));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("cache-control"), "no-store");
  auto c = Json(created);
  const std::string secret(c.at("token").as_string());
  const std::string id(c.at("details").at("id").as_string());
  EXPECT_TRUE(std::regex_match(secret, std::regex("gst_[A-Za-z0-9_-]{43}"))) << secret;
  EXPECT_EQ(c.at("details").at("prefix").as_string(), secret.substr(0, 10));
  EXPECT_EQ(c.at("details").at("status").as_string(), "active");
  // Listed without the secret, with last use.
  auto list = Client().Get("/api/v1/tokens", Session(value));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(secret.substr(10)), std::string::npos) << "the secret is never shown again";
  EXPECT_NE(list.body.find(id), std::string::npos);
  // The token acts with its narrowed roles and scope.
  std::map<std::string, std::string> bearer = {{"authorization", "Bearer " + secret}};
  auto me = Json(Client().Get("/api/v1/auth/me", bearer));
  ASSERT_EQ(me.at("roles").as_array().size(), 1u);
  EXPECT_EQ(me.at("roles").at(0).at("code").as_string(), "department_consumer");
  EXPECT_EQ(me.at("resource_scope").at(0).as_string(), "cities");
  auto listed = Json(Client().Get("/api/v1/tokens", Session(value)));
  bool used = false;
  for (const auto& t : listed.at("results").as_array()) {
    if (t.at("id").as_string() == id) used = !t.at("last_used_at").is_null();
  }
  EXPECT_TRUE(used) << "last use is shown (from memory)";
  // A token cannot mint tokens.
  ExpectError(Send("POST", "/api/v1/tokens", R"({"name":"x","expires_in_days":1})", bearer), 403,
              "token.session_required");
  // Revoked: refused on the very next request.
  auto del = Send("DELETE", "/api/v1/tokens/" + id, "", Session(value));
  EXPECT_EQ(del.status, 204) << del.body;
  ExpectError(Client().Get("/api/v1/auth/me", bearer), 401, "auth.invalid_token");
  ExpectError(Client().Get("/api/v1/resources/cities/records", bearer), 401, "auth.invalid_token");
}

TEST_F(IdentityApiTest, BadTokenRequestsChangeNothing) {
  TestUser u = CreateUser("test-bureau", {"department_consumer"});
  std::string value = Login(u.username, u.password);
  auto count = [&] { return Count(Client().Get("/api/v1/tokens", Session(value))); };
  const int64_t before = count();
  auto post = [&](const std::string& body) { return Send("POST", "/api/v1/tokens", body, Session(value)); };
  ExpectError(post(R"({"name":"x"})"), 400, "body.invalid");
  ExpectError(post(R"({"name":"x","expires_in_days":"30"})"), 400, "body.invalid");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"admin":true})"), 400, "body.invalid");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"roles":"department_consumer"})"), 400, "body.invalid");
  ExpectError(post("[]"), 400, "body.invalid");
  ExpectError(post(R"({"name":"x","expires_in_days":0})"), 422, "token.bad_expiry");
  ExpectError(post(R"({"name":"x","expires_in_days":3650})"), 422, "token.bad_expiry");
  ExpectError(post(R"({"name":"x","expires_in_days":99999999999999999999})"), 400, "body.invalid");
  ExpectError(post(R"({"name":"","expires_in_days":30})"), 422, "token.name_required");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"roles":["authority_admin"]})"), 422, "token.role_not_held");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"roles":["god"]})"), 400, "user.unknown_role");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"resource_scope":["nope"]})"), 422, "token.unknown_resource");
  ExpectError(post(R"({"name":"x","expires_in_days":30,"resource_scope":["cities","cities"]})"), 422, "token.bad_scope");
  ExpectError(Oversized("/api/v1/tokens", Session(value)), 413, "http.body_too_large");
  EXPECT_EQ(count(), before);
}

TEST_F(IdentityApiTest, ForgedTokensAre401) {
  const std::string real = Server().admin_token();
  std::string flipped = real;
  flipped[12] = flipped[12] == 'Q' ? 'R' : 'Q';
  for (const std::string& bad :
       {flipped, real.substr(0, real.size() - 1), real + "A", "gst_" + Base64Encode(RandomBytes(32), true, false),
        std::string("gst_"), std::string("x"), std::string("gst_' OR '1'='1"), Sha256Hex(real)}) {
    ExpectError(Client().Get("/api/v1/auth/me", {{"authorization", "Bearer " + bad}}), 401, "auth.invalid_token");
    ExpectError(Client().Get("/api/v1/resources?facets=false", {{"authorization", "Bearer " + bad}}), 401,
                "auth.invalid_token");
  }
  ExpectError(Client().Get("/api/v1/auth/me", {{"authorization", "Token " + real}}), 401, "auth.unsupported_scheme");
  EXPECT_EQ(Client().Get("/api/v1/auth/me", Admin()).status, 200);
}

// ---- object-level checks: every id-bearing endpoint with a foreign id ----

TEST_F(IdentityApiTest, NobodyReadsOrChangesAnotherOrganisationsUsersTokensOrDrafts) {
  EnsureOrganisation("other-dept", "department", "另一个部门");
  TestUser a_steward = CreateUser("test-bureau", {"department_steward"});
  TestUser a_consumer = CreateUser("test-bureau", {"department_consumer"});
  TestUser b_steward = CreateUser("other-dept", {"department_steward"});
  TestUser b_consumer = CreateUser("other-dept", {"department_consumer"});
  // B's draft resource.
  auto draft = Send("POST", "/api/v1/resources",
                    R"({"id":"b-draft","title_zh":"B的草稿","provider_id":"other-dept","subject":"other",
                        "update_cycle":"static","share":"conditional","share_basis":"条件","open":"not_open",
                        "open_condition":"内部"})",
                    b_steward.Bearer());
  ASSERT_EQ(draft.status, 201) << draft.body;
  auto a = a_steward.Bearer();

  // Users of B: 404 for reading and every change, and nothing changes.
  ExpectError(Client().Get("/api/v1/users/" + b_consumer.id, a), 404, "user.not_found");
  ExpectError(Send("PATCH", "/api/v1/users/" + b_consumer.id, R"({"status":"disabled"})", a), 404, "user.not_found");
  ExpectError(Send("PATCH", "/api/v1/users/" + b_consumer.id, R"({"display_name":"x"})", a), 404, "user.not_found");
  ExpectError(Send("POST", "/api/v1/users/" + b_consumer.id + "/password", R"({"new_password":"hijacked-password"})", a),
              404, "user.not_found");
  ExpectError(Send("POST", "/api/v1/users",
                   R"({"username":"planted","organisation_id":"other-dept","roles":["department_steward"],"password":"planted-password"})",
                   a),
              403, "user.forbidden");
  EXPECT_EQ(Count(Client().Get("/api/v1/users?organisation_id=other-dept", a)), 0);
  EXPECT_EQ(Client().Get("/api/v1/auth/me", b_consumer.Bearer()).status, 200) << "B's user untouched";
  EXPECT_FALSE(Login(b_consumer.username, b_consumer.password).empty()) << "B's password untouched";
  // Tokens of B: not listed, not revocable.
  std::string b_token_id;
  auto b_tokens = Json(Client().Get("/api/v1/tokens", b_consumer.Bearer()));
  for (const auto& t : b_tokens.at("results").as_array()) b_token_id = std::string(t.at("id").as_string());
  ASSERT_FALSE(b_token_id.empty());
  EXPECT_EQ(Count(Client().Get("/api/v1/tokens?user_id=" + b_consumer.id, a)), 0);
  ExpectError(Send("DELETE", "/api/v1/tokens/" + b_token_id, "", a), 404, "token.not_found");
  ExpectError(Send("DELETE", "/api/v1/tokens/" + b_token_id, "", a_consumer.Bearer()), 404, "token.not_found");
  EXPECT_EQ(Client().Get("/api/v1/auth/me", b_consumer.Bearer()).status, 200) << "B's token still works";
  // B's draft. A caller that cannot discover it gets 404, as if it were absent, for reads and every
  // change; another department's unregistered draft is private too (the policy's rule,
  // docs/security-model.md: drafts of other organisations answer 404).
  EnsureOrganisation("acme", "enterprise", "某科技有限公司");
  TestUser outsider = CreateUser("acme", {"public_user"});
  const std::string put_body = R"({"title_zh":"改","provider_id":"test-bureau","subject":"other","update_cycle":"static",
                                   "share":"unconditional","open":"unconditional"})";
  for (const auto& [who, status, code] : {std::tuple{outsider.Bearer(), 404, "resource.not_found"},
                                          std::tuple{a, 404, "resource.not_found"}}) {
    ExpectError(Send("PUT", "/api/v1/resources/b-draft", put_body, who), status, code);
    ExpectError(Send("POST", "/api/v1/resources/b-draft/publish", "", who), status, code);
    ExpectError(Send("POST", "/api/v1/resources/b-draft/withdraw", "", who), status, code);
    ExpectError(Client().Post("/api/v1/resources/b-draft/versions", CitiesCsv(), "text/csv", who), status, code);
  }
  ExpectError(Client().Get("/api/v1/resources/b-draft", outsider.Bearer()), 404, "resource.not_found");
  ExpectError(Client().Get("/api/v1/resources/b-draft"), 404, "resource.not_found");
  EXPECT_EQ(Json(Client().Get("/api/v1/resources/b-draft", b_steward.Bearer())).at("title").at("zh").as_string(),
            "B的草稿") << "unchanged";
  // A's published resource, which B can see: 403 for changes.
  ExpectError(Send("POST", "/api/v1/resources/cities/withdraw", "", b_steward.Bearer()), 403, "catalog.forbidden");
  ExpectError(Client().Post("/api/v1/resources/cities/versions", CitiesCsv(), "text/csv", b_steward.Bearer()), 403,
              "catalog.forbidden");
  // Creating for another provider.
  ExpectError(Send("POST", "/api/v1/resources",
                   R"({"id":"planted","title_zh":"植入","provider_id":"test-bureau","subject":"other",
                       "update_cycle":"static","share":"unconditional","open":"unconditional"})",
                   b_steward.Bearer()),
              403, "catalog.forbidden");
  // A consumer changes no resource, not even of its own department.
  ExpectError(Send("POST", "/api/v1/resources/cities/withdraw", "", a_consumer.Bearer()), 403, "catalog.forbidden");
  EXPECT_EQ(Json(Get("/api/v1/resources/cities")).at("status").as_string(), "published");
  EXPECT_EQ(Client().Get("/api/v1/resources/planted", Admin()).status, 404);

  // Within its own organisation the steward does manage users and data.
  EXPECT_EQ(Client().Get("/api/v1/users/" + a_consumer.id, a).status, 200);
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + a_consumer.id, R"({"display_name":"同事"})", a).status, 200);
  EXPECT_EQ(Count(Client().Get("/api/v1/users", a_consumer.Bearer())), 1) << "a consumer sees only itself";
  auto own_upload = Client().Post("/api/v1/resources/cities/versions?filename=cities.csv", CitiesCsv(), "text/csv", a);
  EXPECT_EQ(own_upload.status, 201) << own_upload.body;
}

TEST_F(IdentityApiTest, SeparationOfDuties) {
  TestUser steward = CreateUser("test-bureau", {"department_steward"});
  TestUser colleague = CreateUser("test-bureau", {"department_consumer"});
  auto s = steward.Bearer();
  ExpectError(Send("PATCH", "/api/v1/users/" + steward.id, R"({"roles":["authority_admin"]})", s), 403, "user.self_change");
  ExpectError(Send("PATCH", "/api/v1/users/" + steward.id, R"({"roles":["department_steward","department_consumer"]})", s),
              403, "user.self_change");
  ExpectError(Send("PATCH", "/api/v1/users/" + colleague.id, R"({"roles":["authority_admin"]})", s), 422,
              "user.role_not_allowed");
  ExpectError(Send("POST", "/api/v1/users",
                   R"({"username":"sneaky","organisation_id":"test-authority","roles":["authority_admin"],"password":"sneaky-password"})",
                   s),
              403, "user.forbidden");
  auto me = Json(Client().Get("/api/v1/users/" + steward.id, s));
  ASSERT_EQ(me.at("roles").as_array().size(), 1u);
  EXPECT_EQ(me.at("roles").at(0).at("code").as_string(), "department_steward");
  // The administrator cannot change its own roles or disable itself either.
  std::string admin_id(Json(Client().Get("/api/v1/auth/me", Admin())).at("user").at("id").as_string());
  ExpectError(Send("PATCH", "/api/v1/users/" + admin_id, R"({"status":"disabled"})", Admin()), 403, "user.self_change");
  // Consumers, operators and the public cannot create organisations or users.
  ExpectError(Send("POST", "/api/v1/organisations", R"({"id":"rogue","name_zh":"流氓","kind":"authority"})", s), 403,
              "organisation.forbidden");
  ExpectError(Send("POST", "/api/v1/organisations", R"({"id":"rogue","name_zh":"流氓","kind":"authority"})", {}), 401,
              "auth.required");
  ExpectError(Client().Get("/api/v1/organisations/rogue"), 404, "organisation.not_found");
}

TEST_F(IdentityApiTest, UsersAndPasswords) {
  auto create = [](const std::string& body) { return Send("POST", "/api/v1/users", body, Admin()); };
  auto count = [] { return Count(Client().Get("/api/v1/users?organisation_id=test-bureau", Admin())); };
  const int64_t before = count();
  ExpectError(create(R"({"username":"carol","organisation_id":"test-bureau","password":"carol-password"})"), 400, "body.invalid");
  ExpectError(create(R"({"username":"carol","organisation_id":"test-bureau","roles":["department_consumer"],"password":"carol-password","admin":1})"),
              400, "body.invalid");
  ExpectError(create(R"({"username":"carol","organisation_id":"test-bureau","roles":[1],"password":"carol-password"})"), 400,
              "body.invalid");
  ExpectError(create(R"({"username":"carol","organisation_id":"test-bureau","roles":["department_consumer"],"password":"short"})"),
              422, "user.weak_password");
  ExpectError(create(R"({"username":"carol","organisation_id":"test-bureau","roles":["public_user"],"password":"carol-password"})"),
              422, "user.role_not_allowed");
  ExpectError(create(R"({"username":"carol","organisation_id":"nowhere","roles":["department_consumer"],"password":"carol-password"})"),
              422, "user.unknown_organisation");
  ExpectError(create(R"({"username":"Carol Smith","organisation_id":"test-bureau","roles":["department_consumer"],"password":"carol-password"})"),
              422, "user.invalid_username");
  ExpectError(Oversized("/api/v1/users", Admin()), 413, "http.body_too_large");
  EXPECT_EQ(count(), before) << "nothing created";
  auto carol = create(R"({"username":"carol","display_name":"卡罗尔","organisation_id":"test-bureau","roles":["department_consumer"],"password":"carol-password"})");
  ASSERT_EQ(carol.status, 201) << carol.body;
  EXPECT_EQ(carol.body.find("carol-password"), std::string::npos);
  EXPECT_EQ(carol.body.find("argon2"), std::string::npos);
  std::string id(Json(carol).at("id").as_string());
  ExpectError(create(R"({"username":"CAROL","organisation_id":"test-bureau","roles":["department_consumer"],"password":"carol-password"})"),
              409, "user.exists");
  ExpectError(Send("PATCH", "/api/v1/users/" + id, "{}", Admin()), 400, "body.invalid");
  ExpectError(Send("PATCH", "/api/v1/users/" + id, R"({"status":"paused"})", Admin()), 400, "user.bad_status");
  ExpectError(Send("PATCH", "/api/v1/users/u_nobody", R"({"status":"active"})", Admin()), 404, "user.not_found");

  // Self-service password change needs the current password; the session survives, others end.
  std::string mine = Login("carol", "carol-password");
  std::string other = Login("carol", "carol-password");
  ASSERT_FALSE(mine.empty());
  auto pw = [&](const std::string& body) { return Send("POST", "/api/v1/users/" + id + "/password", body, Session(mine)); };
  ExpectError(pw(R"({"new_password":"carol-new-password"})"), 400, "user.current_password_required");
  ExpectError(pw(R"({"current_password":"wrong","new_password":"carol-new-password"})"), 403, "user.wrong_password");
  EXPECT_EQ(pw(R"({"current_password":"carol-password","new_password":"carol-new-password"})").status, 204);
  EXPECT_EQ(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + mine}}).status, 200);
  ExpectError(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + other}}), 401, "auth.session_invalid");
  EXPECT_TRUE(Login("carol", "carol-password").empty());
  // An administrator's reset.
  EXPECT_EQ(Send("POST", "/api/v1/users/" + id + "/password", R"({"new_password":"carol-reset-password"})", Admin()).status, 204);
  ExpectError(Client().Get("/api/v1/auth/me", {{"cookie", "gs_session=" + mine}}), 401, "auth.session_invalid");
  EXPECT_FALSE(Login("carol", "carol-reset-password").empty());
}

TEST_F(IdentityApiTest, Organisations) {
  auto post = [](const std::string& body) { return Send("POST", "/api/v1/organisations", body, Admin()); };
  auto created = post(R"({"id":"hz-health","name_zh":"杭州市卫生健康委员会","kind":"department","region":"330100","admin_level":"municipal"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created).at("admin_level").as_string(), "municipal");
  auto updated = post(R"({"id":"hz-health","name_zh":"杭州市卫生健康委","kind":"department","region":"330100","admin_level":"municipal"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  auto got = Json(Get("/api/v1/organisations/hz-health"));
  EXPECT_EQ(got.at("name_zh").as_string(), "杭州市卫生健康委");
  EXPECT_EQ(got.at("kind_zh").as_string(), "政府部门");
  ExpectError(post(R"({"id":"hz-health","name_zh":"x","kind":"operator"})"), 409, "organisation.kind_immutable");
  ExpectError(post(R"({"id":"x-org","name_zh":"x","kind":"department","region":"330000","admin_level":"county"})"), 422,
              "organisation.bad_region");
  ExpectError(post(R"({"id":"x-org","name_zh":"x","kind":"bank"})"), 400, "organisation.bad_kind");
  ExpectError(post(R"({"id":"x-org","name_zh":"x","kind":"department","parent_id":"nowhere"})"), 422,
              "organisation.unknown_parent");
  ExpectError(post(R"({"id":"x-org","name_zh":"x","kind":"department","budget":1})"), 400, "body.invalid");
  ExpectError(Get("/api/v1/organisations/x-org"), 404, "organisation.not_found");
  auto enterprises = Json(Get("/api/v1/organisations?kind=department"));
  for (const auto& o : enterprises.at("results").as_array()) EXPECT_EQ(o.at("kind").as_string(), "department");
  ExpectError(Get("/api/v1/organisations?kind=bank"), 400, "organisation.bad_kind");
  // Disabling an organisation signs its users out and revokes their tokens at once.
  EnsureOrganisation("short-lived", "operator", "短期运营机构");
  TestUser op = CreateUser("short-lived", {"operator_analyst"});
  EXPECT_EQ(Client().Get("/api/v1/auth/me", op.Bearer()).status, 200);
  ASSERT_EQ(post(R"({"id":"short-lived","name_zh":"短期运营机构","kind":"operator","status":"disabled"})").status, 200);
  ExpectError(Client().Get("/api/v1/auth/me", op.Bearer()), 401, "auth.invalid_token");
  ExpectError(LoginRaw(op.username, op.password), 403, "auth.account_disabled");
}

// ---- the CLI ----

TEST_F(IdentityApiTest, CliVerbsHaveHelpAndBilingualErrors) {
  for (auto verb : {std::vector<std::string>{"users", "--help"}, {"orgs", "--help"}, {"tokens", "--help"},
                    {"users", "create", "--help"}, {"tokens", "create", "--help"}}) {
    CliResult r = RunGongshu(verb);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--"), std::string::npos);
  }
  // The running server holds the data directory: offline verbs refuse clearly.
  CliResult busy = RunGongshu({"users", "list", "--data", (Dir().path() / "data").string()});
  EXPECT_EQ(busy.exit_code, 1);
  EXPECT_NE(busy.err.find("error [app.data_in_use]"), std::string::npos) << busy.err;
  EXPECT_NE(busy.err.find("错误："), std::string::npos);

  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  auto run = [&](std::vector<std::string> args, const std::string& input = "") {
    args.push_back("--data");
    args.push_back(data);
    return RunGongshu(args, input);
  };
  CliResult bad_kind = run({"orgs", "create", "--id", "bureau", "--name-zh", "数据局", "--kind", "ministry"});
  EXPECT_EQ(bad_kind.exit_code, 1);
  EXPECT_NE(bad_kind.err.find("error [organisation.bad_kind]"), std::string::npos) << bad_kind.err;
  EXPECT_NE(bad_kind.err.find("错误："), std::string::npos);
  ASSERT_EQ(run({"orgs", "create", "--id", "bureau", "--name-zh", "数据局", "--kind", "authority", "--level", "provincial",
                 "--region", "330000"}).exit_code, 0);
  EXPECT_NE(run({"orgs", "create", "--id", "bureau", "--name-zh", "数据局", "--kind", "authority"}).err.find("organisation.exists"),
            std::string::npos);
  CliResult no_pw = run({"users", "create", "--username", "boss", "--org", "bureau", "--role", "authority_admin"});
  EXPECT_NE(no_pw.err.find("cli.password_source"), std::string::npos) << no_pw.err;
  CliResult wrong_role =
      run({"users", "create", "--username", "boss", "--org", "bureau", "--role", "department_steward", "--password-stdin"},
          "boss-password-123\n");
  EXPECT_NE(wrong_role.err.find("user.role_not_allowed"), std::string::npos) << wrong_role.err;
  CliResult boss = run({"users", "create", "--username", "boss", "--org", "bureau", "--role", "authority_admin",
                        "--password-stdin"},
                       "boss-password-123\n");
  ASSERT_EQ(boss.exit_code, 0) << boss.err;
  CliResult gen = run({"users", "create", "--username", "audit", "--org", "bureau", "--role", "auditor", "--generate-password"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_NE(gen.out.find("Password / 密码: "), std::string::npos);
  CliResult token = run({"tokens", "create", "--user", "boss", "--name", "cli", "--expires-days", "400"});
  EXPECT_NE(token.err.find("token.bad_expiry"), std::string::npos) << token.err;
  token = run({"tokens", "create", "--user", "boss", "--name", "cli", "--expires-days", "10"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  const std::string secret = token.out.substr(0, token.out.find('\n'));
  EXPECT_TRUE(std::regex_match(secret, std::regex("gst_[A-Za-z0-9_-]{43}"))) << token.out;
  CliResult list = run({"tokens", "list"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find(secret.substr(0, 10)), std::string::npos);
  EXPECT_EQ(list.out.find(secret.substr(10)), std::string::npos) << "secrets are never listed";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.out, m, std::regex("tok_[A-Za-z0-9_-]+")));
  const std::string token_id = m.str();
  EXPECT_EQ(run({"users", "passwd", "boss", "--password-stdin"}, "boss-password-456\n").exit_code, 0);
  EXPECT_EQ(run({"users", "disable", "audit"}).exit_code, 0);
  EXPECT_NE(run({"users", "disable", "nobody"}).err.find("user.not_found"), std::string::npos);
  CliResult users = run({"users", "list"});
  EXPECT_NE(users.out.find("disabled"), std::string::npos) << users.out;

  // The bootstrapped data dir serves: the CLI's token and password work over HTTP; a revoked token does not.
  {
    ServerProcess server(data, "serve", {}, Bootstrap::kNone);
    auto me = server.client().Get("/api/v1/auth/me", {{"authorization", "Bearer " + secret}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(Json(me).at("roles").at(0).at("code").as_string(), "authority_admin");
    auto login = server.client().Post("/api/v1/auth/login", R"({"username":"boss","password":"boss-password-456"})",
                                      "application/json");
    EXPECT_EQ(login.status, 200) << login.body;
  }
  EXPECT_EQ(run({"tokens", "revoke", token_id}).exit_code, 0);
  EXPECT_NE(run({"tokens", "revoke", "tok_nothing"}).err.find("token.not_found"), std::string::npos);
  {
    ServerProcess server(data, "serve", {}, Bootstrap::kNone);
    EXPECT_EQ(server.client().Get("/api/v1/auth/me", {{"authorization", "Bearer " + secret}}).status, 401);
  }
}

// ---- quotas (their own server, with small quotas) ----

TEST(QuotaApiTest, RequestAndRowQuotasAnswer429WithRetryAfter) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  ServerProcess server((dir.path() / "data").string(), "serve",
                       {"--quota-anonymous-requests-per-minute", "6", "--quota-anonymous-rows-per-minute", "8",
                        "--quota-requests-per-minute", "12"});
  HttpClient http = server.client();
  std::map<std::string, std::string> admin = {{"authorization", server.admin_header()}, {"content-type", "application/json"}};
  // Seed one open resource with 6 rows (5 authenticated requests).
  ASSERT_EQ(http.Request("POST", "/api/v1/organisations", R"({"id":"q-bureau","name_zh":"配额局","kind":"department"})", admin).status, 201);
  auto created = http.Request("POST", "/api/v1/resources",
                              R"({"id":"qq","title_zh":"配额","provider_id":"q-bureau","subject":"other","update_cycle":"static",
                                  "share":"unconditional","open":"unconditional",
                                  "fields":[{"name":"code","title_zh":"代码","type":"string","level":"L1"},
                                            {"name":"name","title_zh":"名称","type":"string","level":"L1"}]})",
                              admin);
  ASSERT_EQ(created.status, 201) << created.body;
  auto up = http.Post("/api/v1/resources/qq/versions?filename=q.csv",
                      "code,name\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n", "text/csv", {{"authorization", server.admin_header()}});
  ASSERT_EQ(up.status, 201) << up.body;
  ASSERT_EQ(http.Request("POST", "/api/v1/resources/qq/publish", "", admin).status, 200);

  // Rows: the first page (6 rows) fits in 8; the second does not and is withheld.
  auto first = http.Get("/api/v1/resources/qq/records");
  ASSERT_EQ(first.status, 200) << first.body;
  auto second = http.Get("/api/v1/resources/qq/records");
  EXPECT_EQ(second.status, 429) << second.body;
  EXPECT_NE(second.body.find("quota.exceeded"), std::string::npos);
  EXPECT_EQ(second.body.find("\"a\""), std::string::npos) << "no rows released";
  EXPECT_GT(std::stoi(second.Header("retry-after")), 0);
  auto small = http.Get("/api/v1/resources/qq/records?limit=2");
  EXPECT_EQ(small.status, 200) << "2 rows still fit: " << small.body;
  // Requests: 6 per minute per anonymous address (3 used above). The bucket refills continuously
  // (one request per 10 s), so count the requests served before the first 429 rather than assume
  // how fast the test runs.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http.Get("/api/v1/vocabularies").status, 200) << "not counted";
  auto until_refused = [](const std::function<HttpResult()>& call, HttpResult& refused) {
    int served = 0;
    for (; served < 100; ++served) {
      refused = call();
      if (refused.status != 200) break;
    }
    return served;
  };
  HttpResult over;
  int served = until_refused([&] { return http.Get("/api/v1/resources?facets=false"); }, over);
  EXPECT_GE(served, 3);
  EXPECT_LE(served, 5);
  ASSERT_EQ(over.status, 429) << over.body;
  EXPECT_NE(over.body.find("\"code\":\"quota.exceeded\""), std::string::npos);
  EXPECT_NE(over.body.find("message_zh"), std::string::npos);
  int wait = std::stoi(over.Header("retry-after"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 10);
  EXPECT_EQ(http.Get("/healthz").status, 200) << "health checks are not counted";
  EXPECT_EQ(http.Get("/metrics").status, 200);
  // A signed-in principal has its own bucket (12 per minute; 5 used to seed).
  HttpResult token_over;
  served = until_refused([&] { return http.Get("/api/v1/auth/me", admin); }, token_over);
  EXPECT_GE(served, 7);
  EXPECT_LE(served, 10);
  EXPECT_EQ(token_over.status, 429) << token_over.body;
  EXPECT_FALSE(token_over.Header("retry-after").empty());
}

}  // namespace
}  // namespace gongshu::testing
