// Workflows and the policy decision over HTTP, against the real server with real users and tokens:
// the issue's "done when" (apply → approve with a field subset and a region filter → consume with
// the purpose; another purpose is denied), a slice of the authorization matrix, object-level
// checks on every id-bearing endpoint, separation of duties, the exit of an authorization revoking
// the operator's credentials, the audit entry of each data access, and bad input.
#include <set>

#include "api_fixture.h"
#include "core/crypto.h"

namespace gongshu::testing {
namespace {

namespace json = boost::json;
using Headers = std::map<std::string, std::string>;

class WorkflowApiTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    SeedWorkflows();
  }
  static void TearDownTestSuite() {
    people_.reset();
    ApiTest::TearDownTestSuite();
  }

  struct People {
    TestUser steward, consumer, consumer_b, other_consumer, other_steward, analyst, operator_admin, operator2,
        citizen, citizen2, authority2;
  };

  static void SeedWorkflows() {
    EnsureOrganisation("wf-provider", "department", "测试提供部门");
    EnsureOrganisation("wf-consumer", "department", "测试使用部门");
    EnsureOrganisation("wf-other", "department", "其他部门");
    EnsureOrganisation("wf-operator", "operator", "测试运营机构");
    EnsureOrganisation("wf-operator-2", "operator", "另一运营机构");
    EnsureOrganisation("public", "public", "社会公众");
    people_ = std::make_unique<People>();
    People& p = *people_;
    p.steward = CreateUser("wf-provider", {"department_steward"});
    p.consumer = CreateUser("wf-consumer", {"department_consumer"});
    p.consumer_b = CreateUser("wf-consumer", {"department_consumer"});
    p.other_consumer = CreateUser("wf-other", {"department_consumer"});
    p.other_steward = CreateUser("wf-other", {"department_steward"});
    p.analyst = CreateUser("wf-operator", {"operator_analyst"});
    p.operator_admin = CreateUser("wf-operator", {"operator_admin"});
    p.operator2 = CreateUser("wf-operator-2", {"operator_admin"});
    p.citizen = CreateUser("public", {"public_user"});
    p.citizen2 = CreateUser("public", {"public_user"});
    p.authority2 = CreateUser(kTestAuthorityOrg, {"authority_admin"});
    // wf-households: 有条件共享, 不予开放, one field per level; wf-venues: 无条件共享, 有条件开放.
    MakeResource("wf-households", "conditional", "not_open",
                 R"([{"name":"county_code","title_zh":"区县代码","type":"string","level":"L1","semantic":"division_code"},)"
                 R"({"name":"name","title_zh":"姓名","type":"string","level":"L2","semantic":"person_name"},)"
                 R"({"name":"income","title_zh":"收入","type":"integer","level":"L3"},)"
                 R"({"name":"mobile","title_zh":"手机号码","type":"string","level":"L4","semantic":"mobile"},)"
                 R"({"name":"note","title_zh":"备注","type":"string","level":"important"},)"
                 R"({"name":"secret","title_zh":"核心","type":"string","level":"core"}])",
                 "county_code,name,income,mobile,note,secret\n"
                 "330102,张三,1000,13800138000,n1,s1\n"
                 "330106,李四,2000,13900139000,n2,s2\n"
                 "330211,王五,3000,13700137000,n3,s3\n"
                 "110101,赵六,4000,13600136000,n4,s4\n");
    MakeResource("wf-venues", "unconditional", "conditional",
                 R"([{"name":"code","title_zh":"区划代码","type":"string","level":"L1","semantic":"division_code"},)"
                 R"({"name":"title","title_zh":"场馆","type":"string","level":"L1"},)"
                 R"({"name":"address","title_zh":"地址","type":"string","level":"L3","semantic":"address"},)"
                 R"({"name":"phone","title_zh":"电话","type":"string","level":"L4","semantic":"mobile"}])",
                 "code,title,address,phone\n330102,体育馆,浙江省杭州市上城区某路1号,13800138001\n"
                 "110101,图书馆,北京市东城区某街2号,13900139002\n");
  }

  static void MakeResource(const std::string& id, const std::string& share, const std::string& open,
                           const std::string& fields, const std::string& csv) {
    std::string body = R"({"id":")" + id + R"(","title_zh":"测试-)" + id +
                       R"(","provider_id":"wf-provider","subject":"population","update_cycle":"yearly","share":")" +
                       share + R"(","share_basis":"依据测试规定","open":")" + open +
                       R"(","open_condition":"须签署协议","fields":)" + fields + "}";
    auto c = AdminPost("/api/v1/resources", body);
    ASSERT_EQ(c.status, 201) << c.body;
    auto u = Upload(id, csv, "filename=" + id + ".csv&format=csv");
    ASSERT_EQ(u.status, 201) << u.body;
    auto p = AdminPost("/api/v1/resources/" + id + "/publish", "");
    ASSERT_EQ(p.status, 200) << p.body;
  }

  static People& P() { return *people_; }

  static HttpResult Post(const std::string& target, const std::string& body, const TestUser& who) {
    return Client().Post(target, body, "application/json", who.Bearer());
  }
  static HttpResult GetAs(const std::string& target, const TestUser& who, const std::string& purpose = "") {
    Headers h = who.Bearer();
    if (!purpose.empty()) h["x-purpose"] = purpose;
    return Client().Get(target, h);
  }
  static HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                         const Headers& h) {
    Headers with = h;
    with["content-type"] = "application/json";
    return Client().Request(method, target, body, with);
  }

  static std::string ApplyShare(const TestUser& who, const std::string& resource, const std::string& extra = "") {
    auto r = Post("/api/v1/share-applications",
                  R"({"resource_id":")" + resource +
                      R"(","purposes":["subsistence-allowance"],"scenario":"低保资格核查","term_days":365)" + extra + "}",
                  who);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(Json(r).at("id").as_string()) : "";
  }

  static std::vector<std::string> FieldNames(const json::value& page) {
    std::vector<std::string> out;
    for (const auto& f : page.at("fields").as_array()) out.emplace_back(f.at("name").as_string());
    return out;
  }

  // The audit entry a response points at (X-Audit-Index), as the authority reads it.
  static json::object AuditEntry(const HttpResult& r) {
    std::string index = r.Header("x-audit-index");
    EXPECT_FALSE(index.empty());
    auto e = Client().Get("/api/v1/audit/entries?start=" + index + "&end=" + std::to_string(std::stoull(index) + 1),
                          Admin());
    EXPECT_EQ(e.status, 200) << e.body;
    auto entries = Json(e).at("entries").as_array();
    EXPECT_EQ(entries.size(), 1u);
    return entries.empty() ? json::object() : entries.at(0).at("entry").as_object();
  }

  static std::unique_ptr<People> people_;
};

std::unique_ptr<WorkflowApiTest::People> WorkflowApiTest::people_;

// The issue's "done when", as a new user would try it.
TEST_F(WorkflowApiTest, ConsumerAppliesProviderNarrowsConsumerUsesWithPurpose) {
  const std::string records = "/api/v1/resources/wf-households/records";
  // Before applying: the share channel says there is no grant.
  auto before = GetAs(records, P().consumer, "subsistence-allowance");
  ExpectError(before, 403, "policy.no_grant");
  EXPECT_FALSE(before.Header("x-decision-id").empty());
  EXPECT_FALSE(before.Header("x-audit-index").empty());

  std::string id = ApplyShare(P().consumer, "wf-households",
                              R"(,"fields":["county_code","name","income","mobile"],)"
                              R"("row_scope":{"field":"county_code","prefixes":["33"]})");
  ASSERT_FALSE(id.empty());
  auto app = Json(GetAs("/api/v1/share-applications/" + id, P().consumer));
  EXPECT_EQ(app.at("state").at("code").as_string(), "compliance_checked");
  EXPECT_FALSE(app.at("reply_due").is_null());
  EXPECT_EQ(app.at("history").as_array().size(), 2u);
  ExpectError(GetAs(records, P().consumer, "subsistence-allowance"), 403, "policy.grant_pending");

  // The provider's steward approves two of the fields, for one city's counties.
  auto approved = Post("/api/v1/share-applications/" + id + "/approve",
                       R"({"fields":["county_code","mobile"],"row_scope":{"field":"county_code","prefixes":["3301"]},)"
                       R"("reason":"最小必要"})",
                       P().steward);
  ASSERT_EQ(approved.status, 200) << approved.body;
  std::string grant_id(Json(approved).at("grant_id").as_string());
  ASSERT_FALSE(grant_id.empty());

  auto ok = GetAs(records + "?order_by=county_code", P().consumer, "subsistence-allowance");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto page = Json(ok);
  EXPECT_EQ(FieldNames(page), (std::vector<std::string>{"county_code", "mobile"}));
  auto rows = page.at("results").as_array();
  ASSERT_EQ(rows.size(), 2u);  // 330102 and 330106 only
  EXPECT_EQ(rows[0].at("county_code").as_string(), "330102");
  EXPECT_EQ(rows[0].at("mobile").as_string(), "138****8000");  // 一般4级: masked even when granted
  EXPECT_EQ(rows[1].at("county_code").as_string(), "330106");
  EXPECT_FALSE(rows[0].as_object().contains("name"));
  // Filters cannot reach outside the grant.
  ExpectError(GetAs(records + "?where=" + UrlEncode("name = '张三'"), P().consumer, "subsistence-allowance"), 422,
              "query.unknown_field");
  auto outside = GetAs(records + "?where=" + UrlEncode("county_code = '110101'"), P().consumer, "subsistence-allowance");
  ASSERT_EQ(outside.status, 200);
  EXPECT_TRUE(Json(outside).at("results").as_array().empty());

  // The audit entry of the access: decision, purpose, grant, fields, masks, rows, response hash.
  json::object entry = AuditEntry(ok);
  EXPECT_EQ(entry.at("decision_id").as_string(), ok.Header("x-decision-id"));
  EXPECT_EQ(entry.at("channel").as_string(), "share");
  EXPECT_EQ(entry.at("action").as_string(), "records.read");
  EXPECT_EQ(entry.at("resource_id").as_string(), "wf-households");
  EXPECT_EQ(entry.at("purpose").as_string(), "subsistence-allowance");
  EXPECT_EQ(entry.at("grant_id").as_string(), grant_id);
  EXPECT_EQ(entry.at("organisation_id").as_string(), "wf-consumer");
  EXPECT_EQ(entry.at("principal_id").as_string(), P().consumer.id);
  EXPECT_EQ(entry.at("decision").as_string(), "masked");  // masks and a row filter; masked is recorded
  EXPECT_EQ(entry.at("rows_returned").as_int64(), 2);
  EXPECT_EQ(entry.at("masks").as_array().size(), 1u);
  EXPECT_EQ(entry.at("masks").at(0).as_string(), "mobile:mobile");
  EXPECT_EQ(entry.at("response_hash").as_string(), Sha256Hex(ok.body));

  // Another purpose: denied with a clear message, and logged as a denial.
  auto other = GetAs(records, P().consumer, "tax-audit");
  ExpectError(other, 403, "policy.purpose_not_granted");
  EXPECT_NE(Json(other).at("error").at("message").as_string().find("tax-audit"), std::string::npos);
  EXPECT_NE(Json(other).at("error").at("message_zh").as_string().find("授权用途"), std::string::npos);
  EXPECT_EQ(AuditEntry(other).at("decision").as_string(), "deny");
  ExpectError(GetAs(records, P().consumer), 400, "policy.purpose_required");
  // The grant is the department's; another department has none.
  EXPECT_EQ(GetAs(records, P().consumer_b, "subsistence-allowance").status, 200);
  ExpectError(GetAs(records, P().other_consumer, "subsistence-allowance"), 403, "policy.no_grant");
  // Exports go the same way.
  auto csv = GetAs("/api/v1/resources/wf-households/export.csv", P().consumer, "subsistence-allowance");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("county_code,mobile", 0), 0u) << csv.body;
  EXPECT_EQ(csv.body.find("110101"), std::string::npos) << csv.body;  // the row scope holds in exports too
  EXPECT_NE(csv.body.find("138****8000"), std::string::npos) << csv.body;
  EXPECT_EQ(AuditEntry(csv).at("action").as_string(), "export.csv");

  // Revocation takes effect on the next request.
  auto revoked = Post("/api/v1/grants/" + grant_id + "/revoke", R"({"reason":"用途已完成"})", P().steward);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Json(revoked).at("state").at("code").as_string(), "revoked");
  ExpectError(GetAs(records, P().consumer, "subsistence-allowance"), 403, "policy.grant_revoked");
}

// A representative slice of the authorization matrix (the full one runs against the decision point
// in tests/unit/policy/authorization_matrix_test.cpp).
TEST_F(WorkflowApiTest, AuthorizationMatrixSliceOverHttp) {
  // The provider's unconditional share of wf-venues to wf-other, granted by the system.
  std::string venues = ApplyShare(P().other_consumer, "wf-venues", R"(,"fields":["code","title","address","phone"])");
  ASSERT_FALSE(venues.empty());
  auto app = Json(GetAs("/api/v1/share-applications/" + venues, P().other_consumer));
  EXPECT_EQ(app.at("state").at("code").as_string(), "approved");
  EXPECT_EQ(app.at("reviewer_id").as_string(), "system");

  struct Case {
    const char* name;
    const TestUser* who;  // nullptr: anonymous
    std::string target;
    std::string purpose;
    int status;
    std::string code;
    std::vector<std::string> fields;  // on success
  };
  const std::string households = "/api/v1/resources/wf-households/records";
  const std::string venues_records = "/api/v1/resources/wf-venues/records";
  std::vector<Case> cases = {
      {"provider steward reads its own resource raw", &P().steward, households, "", 200, "",
       {"county_code", "name", "income", "mobile", "note", "secret"}},
      {"anonymous cannot see a not-open resource", nullptr, households, "", 404, "resource.not_found", {}},
      {"anonymous on a conditionally open resource", nullptr, venues_records, "", 403, "policy.conditional_open", {}},
      {"citizen without an open grant", &P().citizen, venues_records, "venue-map", 403, "policy.conditional_open", {}},
      {"citizen on the share channel", &P().citizen, venues_records + "?channel=share", "x", 403,
       "policy.channel_not_permitted", {}},
      {"consumer on the open channel", &P().other_consumer, venues_records + "?channel=open", "", 403,
       "policy.conditional_open", {}},
      {"consumer with the unconditional share grant", &P().other_consumer, venues_records, "subsistence-allowance", 200,
       "", {"code", "title", "address", "phone"}},
      {"consumer, grant, other purpose", &P().other_consumer, venues_records, "marketing", 403,
       "policy.purpose_not_granted", {}},
      {"steward of another department on share", &P().other_steward, venues_records, "subsistence-allowance", 403,
       "policy.channel_not_permitted", {}},
      {"operator: resource not registered", &P().analyst, venues_records, "stats", 403, "policy.not_registered", {}},
      {"operator: export never", &P().analyst, "/api/v1/resources/wf-venues/export.csv", "stats", 403,
       "policy.operation_export", {}},
      {"operator on the share channel", &P().operator_admin, venues_records + "?channel=share", "x", 403,
       "policy.channel_not_permitted", {}},
      {"operator cannot even see a not-open, unregistered resource", &P().analyst, households, "stats", 404,
       "resource.not_found", {}},
      {"authority admin reads open data like the public", nullptr, "/api/v1/resources/cities/records", "", 200, "",
       {"code", "name", "population"}},
      {"unknown channel", &P().consumer, households + "?channel=backdoor", "", 400, "policy.unknown_channel", {}},
      {"malformed purpose", &P().consumer, households, "no spaces allowed", 400, "policy.bad_purpose", {}},
  };
  for (const auto& c : cases) {
    Headers h;
    if (c.who != nullptr) h = c.who->Bearer();
    if (std::string(c.name).rfind("authority admin", 0) == 0) h = Admin();
    if (!c.purpose.empty()) h["x-purpose"] = c.purpose;
    auto r = Client().Get(c.target, h);
    SCOPED_TRACE(c.name);
    if (c.status != 200) {
      ExpectError(r, c.status, c.code);
      continue;
    }
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(FieldNames(Json(r)), c.fields);
  }
  // Masks on the unconditional share: 一般3 raw, 一般4 masked.
  auto v = Json(GetAs(venues_records + "?order_by=code", P().other_consumer, "subsistence-allowance"));
  EXPECT_EQ(v.at("results").at(1).at("address").as_string(), "浙江省杭州市上城区某路1号");
  EXPECT_EQ(v.at("results").at(1).at("phone").as_string(), "138****8001");
}

TEST_F(WorkflowApiTest, OpenDataApplicationWithTheAgreement) {
  auto dua = Get("/api/v1/open-applications/agreement");
  ASSERT_EQ(dua.status, 200);
  auto agreement = Json(dua);
  std::string text(agreement.at("text").as_string());
  std::string sha(agreement.at("sha256").as_string());
  EXPECT_EQ(sha, Sha256Hex(text));
  std::string body = R"({"resource_id":"wf-venues","purposes":["venue-map"],"scenario":"场馆地图",)"
                     R"("security_measures":"加密存储","fields":["code","title","address"],"term_days":90,)"
                     R"("agreement_version":")" +
                     std::string(agreement.at("version").as_string()) + R"(","agreement_accepted":true,)";
  ExpectError(Post("/api/v1/open-applications", body + R"("agreement_sha256":")" + std::string(64, '0') + "\"}",
                   P().citizen),
              422, "open.agreement_mismatch");
  auto submitted = Post("/api/v1/open-applications", body + R"("agreement_sha256":")" + sha + "\"}", P().citizen);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  std::string id(Json(submitted).at("id").as_string());
  EXPECT_EQ(Json(submitted).at("agreement").at("sha256").as_string(), sha);
  ExpectError(GetAs("/api/v1/open-applications/" + id, P().citizen2), 404, "open_application.not_found");
  ExpectError(Post("/api/v1/open-applications/" + id + "/approve", "{}", P().consumer), 404,
              "open_application.not_found");
  auto approved = Post("/api/v1/open-applications/" + id + "/approve", R"({"fields":["code","address"]})", P().steward);
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto page = GetAs("/api/v1/resources/wf-venues/records?order_by=code", P().citizen, "venue-map");
  ASSERT_EQ(page.status, 200) << page.body;
  auto v = Json(page);
  EXPECT_EQ(FieldNames(v), (std::vector<std::string>{"code", "address"}));
  EXPECT_EQ(v.at("results").at(1).at("address").as_string(), "浙江省杭州市上城区****");  // 一般3级 masked
  ExpectError(GetAs("/api/v1/resources/wf-venues/records", P().citizen2, "venue-map"), 403, "policy.conditional_open");
  // Usage report.
  std::string grant(Json(approved).at("grant_id").as_string());
  auto report = Post("/api/v1/grants/" + grant + "/usage-reports", R"({"body":"已上线，无安全事件"})", P().citizen);
  EXPECT_EQ(report.status, 201) << report.body;
  EXPECT_EQ(Json(GetAs("/api/v1/grants/" + grant + "/usage-reports", P().steward)).at("total_count").as_int64(), 1);
}

TEST_F(WorkflowApiTest, ForeignIdsAnswer404OnEveryIdBearingEndpoint) {
  // Objects of wf-provider / wf-consumer / wf-operator / the authority.
  std::string share = ApplyShare(P().consumer_b, "wf-households", R"(,"fields":["county_code"])");
  ASSERT_FALSE(share.empty());
  auto reg = Post("/api/v1/registrations", R"({"kind":"initial","resource_id":"wf-venues"})", P().steward);
  ASSERT_EQ(reg.status, 201) << reg.body;
  std::string registration(Json(reg).at("id").as_string());
  auto draft = Client().Post("/api/v1/authorizations",
                             R"({"operator_org":"wf-operator","mode":"domain","domains":["population"],)"
                             R"("actions":["sandbox_aggregate"],"purposes":["stats"],"valid_until":"2030-01-01",)"
                             R"("agreement_text":"协议"})",
                             "application/json", Admin());
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string authorization(Json(draft).at("id").as_string());
  auto venues = ApplyShare(P().consumer, "wf-venues", R"(,"fields":["code"])");
  std::string grant(Json(GetAs("/api/v1/share-applications/" + venues, P().consumer)).at("grant_id").as_string());

  struct Probe {
    std::string method, target, body;
    std::string code;
  };
  const std::vector<Probe> probes = {
      {"GET", "/api/v1/share-applications/" + share, "", "share_application.not_found"},
      {"POST", "/api/v1/share-applications/" + share + "/approve", "{}", "share_application.not_found"},
      {"POST", "/api/v1/share-applications/" + share + "/reject", R"({"reason":"x"})", "share_application.not_found"},
      {"POST", "/api/v1/share-applications/" + share + "/withdraw", "{}", "share_application.not_found"},
      {"GET", "/api/v1/grants/" + grant, "", "grant.not_found"},
      {"POST", "/api/v1/grants/" + grant + "/suspend", R"({"reason":"x"})", "grant.not_found"},
      {"POST", "/api/v1/grants/" + grant + "/resume", "{}", "grant.not_found"},
      {"POST", "/api/v1/grants/" + grant + "/revoke", R"({"reason":"x"})", "grant.not_found"},
      {"GET", "/api/v1/grants/" + grant + "/usage-reports", "", "grant.not_found"},
      {"POST", "/api/v1/grants/" + grant + "/usage-reports", R"({"body":"x"})", "grant.not_found"},
      {"GET", "/api/v1/registrations/" + registration, "", "registration.not_found"},
      {"POST", "/api/v1/registrations/" + registration + "/approve", "{}", "registration.not_found"},
      {"POST", "/api/v1/registrations/" + registration + "/reject", R"({"reason":"x"})", "registration.not_found"},
      {"POST", "/api/v1/registrations/" + registration + "/withdraw", "{}", "registration.not_found"},
      {"GET", "/api/v1/authorizations/" + authorization, "", "authorization.not_found"},
      {"PATCH", "/api/v1/authorizations/" + authorization,
       R"({"operator_org":"wf-operator","mode":"whole","actions":["sandbox_aggregate"],"purposes":["x"],)"
       R"("valid_until":"2030-01-01","agreement_text":"x"})",
       "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/approve", "{}", "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/activate", "{}", "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/suspend", R"({"reason":"x"})", "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/resume", "{}", "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/terminate", R"({"reason":"x"})", "authorization.not_found"},
      {"POST", "/api/v1/authorizations/" + authorization + "/exit", R"({"reason":"x"})", "authorization.not_found"},
  };
  // Strangers: another department, another operator, the public; and the operator itself for the
  // authorization's draft (drafts are the agency's alone).
  for (const TestUser* stranger : {&P().other_consumer, &P().other_steward, &P().operator2, &P().citizen2,
                                   &P().analyst}) {
    for (const auto& probe : probes) {
      if (stranger == &P().analyst && probe.target.find("/authorizations/") == std::string::npos) continue;
      SCOPED_TRACE(probe.method + " " + probe.target + " as " + stranger->username);
      ExpectError(Send(probe.method, probe.target, probe.body, stranger->Bearer()), 404, probe.code);
    }
  }
  // Forged ids of every shape answer 404 too.
  for (const std::string& forged : {std::string("sa_0000000000000000"), std::string("sa_x"), std::string("sa_gggggggggggggggg")}) {
    ExpectError(GetAs("/api/v1/share-applications/" + forged, P().consumer), 404, "share_application.not_found");
  }
  // Nothing changed.
  EXPECT_EQ(Json(GetAs("/api/v1/share-applications/" + share, P().consumer_b)).at("state").at("code").as_string(),
            "compliance_checked");
  EXPECT_EQ(Json(GetAs("/api/v1/grants/" + grant, P().consumer)).at("state").at("code").as_string(), "active");
  EXPECT_EQ(Json(Client().Get("/api/v1/authorizations/" + authorization, Admin())).at("state").at("code").as_string(),
            "draft");
  // The owners do see them; lists show nothing foreign.
  EXPECT_EQ(GetAs("/api/v1/registrations/" + registration, P().steward).status, 200);
  EXPECT_EQ(Json(GetAs("/api/v1/grants?view=held", P().operator2)).at("total_count").as_int64(), 0);
  EXPECT_EQ(Json(GetAs("/api/v1/authorizations", P().operator2)).at("total_count").as_int64(), 0);
}

TEST_F(WorkflowApiTest, SeparationOfDutiesAndExitRevokesTheOperatorsCredentials) {
  // The drafter cannot approve its own draft; another authority administrator can.
  auto draft = Client().Post("/api/v1/authorizations",
                             R"({"operator_org":"wf-operator","mode":"domain","domains":["population"],)"
                             R"("actions":["sandbox_aggregate","verification"],"purposes":["stats"],)"
                             R"("valid_until":"2030-12-31","conditions":"沙箱内计算","security_duties":"安全责任",)"
                             R"("agreement_text":"授权运营协议全文"})",
                             "application/json", Admin());
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string id(Json(draft).at("id").as_string());
  EXPECT_EQ(Json(draft).at("agreement_sha256").as_string(), Sha256Hex("授权运营协议全文"));
  ExpectError(Client().Post("/api/v1/authorizations/" + id + "/approve", "{}", "application/json", Admin()), 403,
              "workflow.self_approval");
  ASSERT_EQ(Post("/api/v1/authorizations/" + id + "/approve", "{}", P().authority2).status, 200);
  ASSERT_EQ(Client().Post("/api/v1/authorizations/" + id + "/activate", "{}", "application/json", Admin()).status, 200);
  // The operator reads it but cannot edit or move it.
  EXPECT_EQ(GetAs("/api/v1/authorizations/" + id, P().operator_admin).status, 200);
  ExpectError(Send("PATCH", "/api/v1/authorizations/" + id,
                   R"({"operator_org":"wf-operator","mode":"whole","actions":["sandbox_aggregate"],)"
                   R"("purposes":["anything"],"valid_until":"2030-12-31","agreement_text":"x"})",
                   P().operator_admin.Bearer()),
              403, "workflow.operator_cannot_edit");
  ExpectError(Post("/api/v1/authorizations/" + id + "/terminate", R"({"reason":"x"})", P().operator_admin), 403,
              "workflow.operator_cannot_edit");
  // Illegal transitions are named.
  auto illegal = Client().Post("/api/v1/authorizations/" + id + "/exit", R"({"reason":"x"})", "application/json", Admin());
  ExpectError(illegal, 409, "workflow.illegal_transition");
  EXPECT_NE(Json(illegal).at("error").at("message").as_string().find("'active'"), std::string::npos);
  // Terminate, then exit: every credential of the operator organisation stops at once.
  EXPECT_EQ(GetAs("/api/v1/grants", P().analyst).status, 200);
  ASSERT_EQ(Client().Post("/api/v1/authorizations/" + id + "/terminate", R"({"reason":"违约"})", "application/json", Admin()).status,
            200);
  auto exited = Client().Post("/api/v1/authorizations/" + id + "/exit", R"({"reason":"终止后退出"})", "application/json",
                              Admin());
  ASSERT_EQ(exited.status, 200) << exited.body;
  EXPECT_EQ(Json(exited).at("state").at("code").as_string(), "exited");
  EXPECT_EQ(GetAs("/api/v1/grants", P().analyst).status, 401);
  EXPECT_EQ(GetAs("/api/v1/grants", P().operator_admin).status, 401);
  EXPECT_EQ(GetAs("/api/v1/grants", P().operator2).status, 200);  // another operator is untouched
  auto history = Json(Client().Get("/api/v1/authorizations/" + id, Admin())).at("history").as_array();
  std::vector<std::string> states;
  for (const auto& h : history) states.emplace_back(h.at("to").as_string());
  EXPECT_EQ(states, (std::vector<std::string>{"draft", "approved", "active", "terminated", "exited"}));
}

TEST_F(WorkflowApiTest, RegistrationNoticeIsPublic) {
  auto reg = Post("/api/v1/registrations", R"({"kind":"initial","resource_id":"wf-households","description":"首次登记"})",
                  P().steward);
  ASSERT_EQ(reg.status, 201) << reg.body;
  std::string id(Json(reg).at("id").as_string());
  ExpectError(Post("/api/v1/registrations/" + id + "/approve", "{}", P().steward), 403, "workflow.self_approval");
  auto approved = Client().Post("/api/v1/registrations/" + id + "/approve", "{}", "application/json", Admin());
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved).at("state").at("code").as_string(), "noticed");
  auto notices = Get("/api/v1/registration-notices");  // anonymous
  ASSERT_EQ(notices.status, 200);
  bool listed = false;
  const json::value list = Json(notices);
  for (const auto& n : list.at("results").as_array()) listed = listed || n.at("id").as_string() == id;
  EXPECT_TRUE(listed);
  EXPECT_EQ(Get("/api/v1/registered-resources").status, 200);
  // Deadline arithmetic is public too.
  auto due = Get("/api/v1/calendar/deadline?from=" + UrlEncode("2026-09-30T06:00:00Z") + "&working_days=5");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(Json(due).at("deadline").as_string(), "2026-10-07T16:00:00Z");  // no holidays declared here
}

TEST_F(WorkflowApiTest, CalendarAndSettingsAreTheAuthoritys) {
  ExpectError(Send("PUT", "/api/v1/calendar/days/2030-10-01", R"({"kind":"holiday","name":"国庆节"})",
                   P().steward.Bearer()),
              403, "workflow.not_permitted");
  auto set = Send("PUT", "/api/v1/calendar/days/2030-10-01", R"({"kind":"holiday","name":"国庆节"})", Admin());
  ASSERT_EQ(set.status, 200) << set.body;
  ExpectError(Send("PUT", "/api/v1/calendar/days/2030-10-05", R"({"kind":"holiday"})", Admin()), 422,
              "calendar.redundant_day");  // a Saturday
  ExpectError(Send("PUT", "/api/v1/calendar/days/2030-13-01", R"({"kind":"holiday"})", Admin()), 400, "param.bad_date");
  auto days = Json(Get("/api/v1/calendar/days?from=2030-09-01&to=2030-10-31"));
  ASSERT_EQ(days.at("total_count").as_int64(), 1);
  EXPECT_EQ(days.at("results").at(0).at("name").as_string(), "国庆节");
  EXPECT_EQ(Send("DELETE", "/api/v1/calendar/days/2030-10-01", "", Admin()).status, 200);
  ExpectError(Send("PATCH", "/api/v1/workflow-settings", R"({"notice_working_days":3})", P().consumer.Bearer()), 403,
              "workflow.not_permitted");
  ExpectError(Send("PATCH", "/api/v1/workflow-settings", R"({"notice_working_days":0})", Admin()), 400,
              "body.out_of_range");
  auto s = Send("PATCH", "/api/v1/workflow-settings", R"({"share_reply_working_days":6})", Admin());
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(Json(s).at("share_reply_working_days").as_int64(), 6);
  ASSERT_EQ(Send("PATCH", "/api/v1/workflow-settings", R"({"share_reply_working_days":5})", Admin()).status, 200);
}

TEST_F(WorkflowApiTest, BadInputIsRefusedAndChangesNothing) {
  const std::string target = "/api/v1/share-applications";
  auto count = [&] { return Json(GetAs(target + "?view=applied", P().other_consumer)).at("total_count").as_int64(); };
  const int64_t before = count();
  struct Bad {
    std::string body;
    int status;
    std::string code;
  };
  const std::vector<Bad> bad = {
      {"{not json", 400, "body.invalid_json"},
      {"[]", 400, "body.not_object"},
      {R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x","evil":1})", 400, "body.unknown_key"},
      {R"({"resource_id":"wf-households","purposes":"a","scenario":"x"})", 400, "body.bad_type"},
      {R"({"resource_id":"wf-households","scenario":"x"})", 400, "body.missing"},
      {R"({"resource_id":"wf-households","purposes":["bad purpose"],"scenario":"x"})", 400, "share.bad_purpose"},
      {R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x","fields":["nope"]})", 422, "share.unknown_field"},
      {R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x","fields":["secret"]})", 422,
       "share.field_not_available"},
      {R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x","row_scope":{"field":"county_code"}})", 400,
       "body.bad_type"},
      {R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x","term_days":99999})", 400, "body.out_of_range"},
      {R"({"resource_id":"ghost","purposes":["a"],"scenario":"x"})", 404, "resource.not_found"},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.body);
    ExpectError(Post(target, b.body, P().other_consumer), b.status, b.code);
  }
  ExpectError(Client().Post(target, R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x"})",
                            "application/json"),
              401, "auth.required");
  ExpectError(Post(target, R"({"resource_id":"wf-households","purposes":["a"],"scenario":"x"})", P().citizen), 403,
              "share.not_consumer");
  ExpectError(GetAs(target + "?view=everything", P().other_consumer), 400, "param.bad_view");
  ExpectError(GetAs(target + "?state=dancing", P().other_consumer), 400, "workflow.unknown_state");
  ExpectError(Client().Post("/api/v1/authorizations",
                            R"({"operator_org":"wf-operator","mode":"scenario","scenario":"s","resource_ids":["wf-venues"],)"
                            R"("actions":["raw_rows"],"purposes":["x"],"valid_until":"2030-01-01","agreement_text":"x"})",
                            "application/json", Admin()),
              422, "authorization.bad_action");
  ExpectError(Client().Post("/api/v1/authorizations",
                            R"({"operator_org":"wf-operator","mode":"scenario","scenario":"s","resource_ids":["wf-venues"],)"
                            R"("actions":["sandbox_aggregate"],"purposes":["x"],"valid_until":"2030-01-01","agreement_text":"x"})",
                            "application/json", Admin()),
              422, "authorization.resource_not_registered");
  EXPECT_EQ(count(), before);
}

}  // namespace
}  // namespace gongshu::testing

namespace gongshu::testing {
namespace {

// The workflow verbs of the `gongshu` command, on a stopped data directory, as the machine's
// operator uses them; the server started afterwards sees what they did.
TEST(WorkflowCliTest, VerbsOnAStoppedDataDirectory) {
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  std::filesystem::create_directories(data);
  std::string authorization;
  std::string operator_token;
  {
    ServerProcess server(data);
    HttpClient http = server.client();
    std::map<std::string, std::string> admin{{"authorization", server.admin_header()}};
    auto org = [&](const std::string& id, const std::string& kind) {
      auto r = http.Post("/api/v1/organisations",
                         R"({"id":")" + id + R"(","name_zh":")" + id + R"(","kind":")" + kind + R"("})",
                         "application/json", admin);
      ASSERT_EQ(r.status, 201) << r.body;
    };
    org("cli-operator", "operator");
    // A second authority administrator (four eyes) and an operator user with a token.
    auto user = [&](const std::string& name, const std::string& org_id, const std::string& role) {
      auto r = http.Post("/api/v1/users",
                         R"({"username":")" + name + R"(","organisation_id":")" + org_id + R"(","roles":[")" + role +
                             R"("],"password":"password-of-)" + name + R"("})",
                         "application/json", admin);
      EXPECT_EQ(r.status, 201) << r.body;
      auto login = http.Post("/api/v1/auth/login",
                             R"({"username":")" + name + R"(","password":"password-of-)" + name + R"("})",
                             "application/json");
      std::string cookie = login.Header("set-cookie");
      cookie = cookie.substr(0, cookie.find(';'));
      return std::map<std::string, std::string>{{"cookie", cookie},
                                                {"origin", "http://127.0.0.1:" + std::to_string(server.port())}};
    };
    auto second = user("second-admin", kTestAuthorityOrg, "authority_admin");
    auto op = user("cli-analyst", "cli-operator", "operator_analyst");
    auto token = http.Post("/api/v1/tokens", R"({"name":"t","expires_in_days":30})", "application/json", op);
    ASSERT_EQ(token.status, 201) << token.body;
    boost::system::error_code ec;
    operator_token = std::string(boost::json::parse(token.body, ec).at("token").as_string());
    auto draft = http.Post("/api/v1/authorizations",
                           R"({"operator_org":"cli-operator","mode":"whole","actions":["sandbox_aggregate"],)"
                           R"("purposes":["stats"],"valid_until":"2030-06-30","agreement_text":"协议"})",
                           "application/json", admin);
    ASSERT_EQ(draft.status, 201) << draft.body;
    authorization = std::string(boost::json::parse(draft.body, ec).at("id").as_string());
    ASSERT_EQ(http.Post("/api/v1/authorizations/" + authorization + "/approve", "{}", "application/json", second).status, 200);
    ASSERT_EQ(http.Post("/api/v1/authorizations/" + authorization + "/activate", "{}", "application/json", admin).status, 200);
    ASSERT_EQ(http.Post("/api/v1/authorizations/" + authorization + "/terminate", R"({"reason":"违约"})",
                        "application/json", admin)
                  .status,
              200);
    EXPECT_EQ(server.Stop(), 0);
  }
  auto run = [&](std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(data);
    return RunGongshu(args);
  };
  auto added = run({"calendar", "holidays", "add", "2030-10-01", "--name", "国庆节"});
  EXPECT_EQ(added.exit_code, 0) << added.out << added.err;
  auto saturday = run({"calendar", "holidays", "add", "2030-10-05"});
  EXPECT_EQ(saturday.exit_code, 1);
  EXPECT_NE(saturday.err.find("calendar.redundant_day"), std::string::npos) << saturday.err;
  auto made_up = run({"calendar", "holidays", "add", "2030-10-12", "--workday", "--name", "调休"});
  EXPECT_EQ(made_up.exit_code, 0) << made_up.err;
  auto days = run({"calendar", "holidays", "list", "--from", "2030-09-01", "--to", "2030-10-31"});
  EXPECT_NE(days.out.find("2030-10-01  holiday  国庆节"), std::string::npos) << days.out;
  EXPECT_NE(days.out.find("2 day(s)"), std::string::npos) << days.out;
  auto listed = run({"authorizations", "list", "--state", "terminated"});
  EXPECT_NE(listed.out.find(authorization), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("1 authorization(s)"), std::string::npos);
  auto missing = run({"authorizations", "exit", "au_0000000000000000", "--reason", "x"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("authorization.not_found"), std::string::npos) << missing.err;
  auto exited = run({"authorizations", "exit", authorization, "--reason", "终止后退出"});
  EXPECT_EQ(exited.exit_code, 0) << exited.out << exited.err;
  EXPECT_NE(exited.out.find("revoked"), std::string::npos);
  EXPECT_NE(run({"grants", "list"}).out.find("0 grant(s)"), std::string::npos);
  EXPECT_NE(run({"registrations", "list"}).out.find("0 application(s)"), std::string::npos);
  EXPECT_NE(run({"workflows", "tick"}).out.find("0 escalated"), std::string::npos);
  // The server sees the calendar, the exit, and the operator's revoked token.
  ServerProcess server(data, "serve", {}, Bootstrap::kNone);
  HttpClient http = server.client();
  auto cal = http.Get("/api/v1/calendar/days?from=2030-09-01&to=2030-10-31");
  EXPECT_NE(cal.body.find("国庆节"), std::string::npos) << cal.body;
  EXPECT_EQ(http.Get("/api/v1/grants", {{"authorization", "Bearer " + operator_token}}).status, 401);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace gongshu::testing
