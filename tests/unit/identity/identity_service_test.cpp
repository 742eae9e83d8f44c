#include "identity/identity_service.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "core/crypto.h"
#include "core/encoding.h"
#include "identity/demo_users.h"
#include "storage/duckdb/duckdb_engine.h"
#include "storage/migrations.h"
#include "support/temp_dir.h"

namespace gongshu::identity {
namespace {

using policy::PrincipalKind;
using policy::Role;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPassword = "a-long-enough-password";

class IdentityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::DuckDbOptions o;
    o.path = (dir_.path() / "t.duckdb").string();
    o.allowed_directories = {dir_.str()};
    engine_ = std::move(storage::DuckDbEngine::Open(o)).value();
    auto s = std::move(engine_->Acquire()).value();
    auto migrated = storage::ApplyMigrations(*s, std::move(storage::PlatformMigrations()).value());
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    catalog_ = std::make_unique<catalog::Catalog>(*engine_, clock_);
    ASSERT_TRUE(catalog_->Load().ok());
    ids_ = NewService();
    Org("bureau", "authority");
    Org("civil", "department");
    Org("transport", "department");
    Org("data-group", "operator");
    Org("acme", "enterprise");
    admin_ = MakeUser("root", "bureau", {"authority_admin"});
  }

  std::unique_ptr<IdentityService> NewService() {
    IdentityOptions o;
    o.password_cost = PasswordCost::MinimumForTests();
    auto s = std::make_unique<IdentityService>(*engine_, *catalog_, clock_, o);
    EXPECT_TRUE(s->Load().ok());
    return s;
  }

  void Org(const std::string& id, const std::string& kind) {
    OrganisationInput in;
    in.id = id;
    in.name_zh = "机构" + id;
    in.kind = kind;
    auto r = ids_->UpsertOrganisation(Actor::Console(), in);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  User MakeUser(const std::string& username, const std::string& org, std::vector<std::string> roles) {
    NewUser u{username, "", org, std::move(roles), kPassword};
    auto r = ids_->CreateUser(Actor::Console(), u);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : User{};
  }

  // A signed-in principal for `username` (its session value in `cookie`).
  policy::Principal SignIn(const std::string& username, std::string* cookie = nullptr) {
    auto login = ids_->Login(username, kPassword, "10.0.0.1");
    EXPECT_TRUE(login.ok()) << login.error().message;
    if (!login.ok()) return {};
    if (cookie) *cookie = login->session_value;
    auto p = ids_->AuthenticateSession(login->session_value, "10.0.0.1");
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : policy::Principal{};
  }

  CreatedToken Token(const policy::Principal& p, NewToken in = {"ci", std::nullopt, {}, 30}) {
    auto t = ids_->CreateToken(Actor::Of(p), p.user_id, in);
    EXPECT_TRUE(t.ok()) << t.error().message;
    return t.ok() ? *t : CreatedToken{};
  }

  std::string Code(const Status& s) { return s.ok() ? "ok" : s.error().code; }
  template <typename T>
  std::string Code(const Result<T>& r) {
    return r.ok() ? "ok" : r.error().code;
  }

  storage::Table Query(const std::string& sql, storage::Params p = {}) {
    auto s = std::move(engine_->Acquire()).value();
    return std::move(s->Query(sql, p)).value();
  }

  testing::TempDir dir_;
  ManualClock clock_{TimePoint(seconds(1'700'000'000))};
  std::unique_ptr<storage::DuckDbEngine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<IdentityService> ids_;
  User admin_;
};

// ---- organisations ----

TEST_F(IdentityServiceTest, OrganisationsAreValidatedAndVisibleToTheCatalog) {
  auto a = Actor::Console();
  OrganisationInput in{"health-zj", "浙江省卫生健康委员会", "Zhejiang Health Commission", "department", "330000", "provincial", "", {}};
  auto created = ids_->UpsertOrganisation(a, in);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->organisation.admin_level, AdminLevel::kProvincial);
  ASSERT_NE(catalog_->Snapshot()->FindOrganisation("health-zj"), nullptr) << "catalog snapshot refreshed";

  auto bad = [&](OrganisationInput x) { return Code(ids_->UpsertOrganisation(a, x)); };
  EXPECT_EQ(bad({"Bad Id", "名", "", "department"}), "organisation.invalid_id");
  EXPECT_EQ(bad({"x1", "", "", "department"}), "organisation.name_required");
  EXPECT_EQ(bad({"x1", "名", "", "ministry"}), "organisation.bad_kind");
  EXPECT_EQ(bad({"x1", "名", "", "department", "330100", "provincial"}), "organisation.bad_region");
  EXPECT_EQ(bad({"x1", "名", "", "department", "", "township"}), "organisation.bad_level");
  EXPECT_EQ(bad({"x1", "名", "", "operator", "", "provincial"}), "organisation.level_not_applicable");
  EXPECT_EQ(bad({"x1", "名", "", "department", "", "", "nowhere"}), "organisation.unknown_parent");
  EXPECT_EQ(bad({"x1", "名", "", "department", "", "", "x1"}), "organisation.bad_parent");
  EXPECT_EQ(bad({"health-zj", "名", "", "operator"}), "organisation.kind_immutable");
  EXPECT_EQ(bad({"x1", "名", "", "department", "", "", "", "paused"}), "organisation.bad_status");
  // A parent chain cannot loop: civil → health-zj → civil.
  ASSERT_TRUE(ids_->UpsertOrganisation(a, {"civil", "机构civil", "", "department", "", "", "health-zj"}).ok());
  EXPECT_EQ(bad({"health-zj", "浙江省卫生健康委员会", "", "department", "", "", "civil"}), "organisation.bad_parent");
  EXPECT_FALSE(ids_->FindOrganisation("x1").has_value()) << "nothing half-created";

  // Only the authority's administrators manage organisations.
  auto steward = MakeUser("steward1", "civil", {"department_steward"});
  EXPECT_EQ(Code(ids_->UpsertOrganisation(Actor::Of(SignIn("steward1")), {"x2", "名", "", "department"})),
            "organisation.forbidden");
  EXPECT_TRUE(ids_->UpsertOrganisation(Actor::Of(SignIn("root")), {"x2", "名", "", "department"}).ok());

  // Persisted: a fresh service sees the same.
  auto again = NewService();
  auto o = again->FindOrganisation("health-zj");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->region, "330000");
  EXPECT_EQ(o->admin_level, AdminLevel::kProvincial);
}

// ---- users ----

TEST_F(IdentityServiceTest, UsersHaveRolesFittingTheirOrganisation) {
  auto a = Actor::Console();
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "civil", {"authority_admin"}, kPassword})), "user.role_not_allowed");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "acme", {"department_consumer"}, kPassword})), "user.role_not_allowed");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "civil", {"superuser"}, kPassword})), "user.unknown_role");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "civil", {}, kPassword})), "user.roles_required");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "nowhere", {"department_consumer"}, kPassword})), "user.unknown_organisation");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"al", "", "civil", {"department_consumer"}, kPassword})), "user.invalid_username");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice smith", "", "civil", {"department_consumer"}, kPassword})), "user.invalid_username");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "", "civil", {"department_consumer"}, "short"})), "user.weak_password");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice.example", "", "civil", {"department_consumer"}, "ALICE.EXAMPLE"})), "user.weak_password");
  EXPECT_EQ(Code(ids_->CreateUser(a, {"alice", "名\x01", "civil", {"department_consumer"}, kPassword})), "user.invalid_display_name");
  auto alice = ids_->CreateUser(a, {"Alice", "爱丽丝", "civil", {"department_consumer", "department_steward"}, kPassword});
  ASSERT_TRUE(alice.ok()) << alice.error().message;
  EXPECT_EQ(alice->username, "alice") << "usernames are case-insensitive";
  EXPECT_EQ(Code(ids_->CreateUser(a, {"ALICE", "", "civil", {"department_consumer"}, kPassword})), "user.exists");
  // Stored hashed (argon2id), never in clear.
  auto rows = Query("SELECT password_hash FROM users WHERE username = 'alice'");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0].as_text().rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(rows.rows[0][0].as_text().find(kPassword), std::string::npos);
  // A fresh service sees the user with its roles.
  auto again = NewService();
  auto u = again->FindUserByUsername(Actor::Console(), "alice");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->roles, (std::vector<Role>{Role::kDepartmentConsumer, Role::kDepartmentSteward}));
  EXPECT_EQ(u->display_name, "爱丽丝");
}

TEST_F(IdentityServiceTest, UsersNeverSeeOrChangeAnotherOrganisationsUsers) {
  MakeUser("steward-c", "civil", {"department_steward"});
  MakeUser("steward-t", "transport", {"department_steward"});
  auto consumer_c = MakeUser("consumer-c", "civil", {"department_consumer"});
  auto consumer_t = MakeUser("consumer-t", "transport", {"department_consumer"});
  auto steward = Actor::Of(SignIn("steward-c"));
  auto consumer = Actor::Of(SignIn("consumer-c"));

  // Reading: 404 for foreign users (existence is not revealed).
  EXPECT_TRUE(ids_->GetUser(steward, consumer_c.id).ok());
  EXPECT_EQ(Code(ids_->GetUser(steward, consumer_t.id)), "user.not_found");
  EXPECT_EQ(Code(ids_->GetUser(steward, admin_.id)), "user.not_found");
  EXPECT_EQ(Code(ids_->GetUser(consumer, consumer_t.id)), "user.not_found");
  EXPECT_EQ(Code(ids_->GetUser(consumer, "u_doesnotexist")), "user.not_found");
  auto listed = ids_->ListUsers(steward);
  ASSERT_TRUE(listed.ok());
  for (const auto& u : *listed) EXPECT_EQ(u.organisation_id, "civil") << u.username;
  EXPECT_EQ(listed->size(), 2u);
  auto self_only = ids_->ListUsers(consumer);
  ASSERT_TRUE(self_only.ok());
  ASSERT_EQ(self_only->size(), 1u);
  EXPECT_EQ(self_only->front().username, "consumer-c");

  // Changing: foreign users are 404 too, and nothing changes.
  UserChanges disable;
  disable.status = "disabled";
  EXPECT_EQ(Code(ids_->UpdateUser(steward, consumer_t.id, disable)), "user.not_found");
  EXPECT_EQ(Code(ids_->ChangePassword(steward, consumer_t.id, std::nullopt, "another-long-password")), "user.not_found");
  EXPECT_EQ(Code(ids_->CreateUser(steward, {"newbie", "", "transport", {"department_consumer"}, kPassword})), "user.forbidden");
  EXPECT_TRUE(ids_->GetUser(Actor::Console(), consumer_t.id)->active());
  // A consumer manages nobody, not even colleagues.
  EXPECT_EQ(Code(ids_->UpdateUser(consumer, admin_.id, disable)), "user.not_found");
  EXPECT_EQ(Code(ids_->CreateUser(consumer, {"newbie", "", "civil", {"department_consumer"}, kPassword})), "user.forbidden");
  // Within its own department the steward does manage users.
  EXPECT_TRUE(ids_->CreateUser(steward, {"newbie", "", "civil", {"department_consumer"}, kPassword}).ok());
  EXPECT_TRUE(ids_->UpdateUser(steward, consumer_c.id, disable).ok());
}

TEST_F(IdentityServiceTest, SeparationOfDuties) {
  auto steward_user = MakeUser("steward-c", "civil", {"department_steward"});
  auto colleague = MakeUser("consumer-c", "civil", {"department_consumer"});
  auto steward = Actor::Of(SignIn("steward-c"));
  auto admin = Actor::Of(SignIn("root"));
  UserChanges grant_admin;
  grant_admin.roles = std::vector<std::string>{"authority_admin"};
  // Nobody changes their own roles or status, whatever roles they hold.
  EXPECT_EQ(Code(ids_->UpdateUser(steward, steward_user.id, grant_admin)), "user.self_change");
  UserChanges self_roles;
  self_roles.roles = std::vector<std::string>{"auditor"};
  EXPECT_EQ(Code(ids_->UpdateUser(admin, admin_.id, self_roles)), "user.self_change");
  UserChanges self_disable;
  self_disable.status = "disabled";
  EXPECT_EQ(Code(ids_->UpdateUser(admin, admin_.id, self_disable)), "user.self_change");
  // A steward cannot grant roles outside its department's kind (authority_admin) to anyone.
  EXPECT_EQ(Code(ids_->UpdateUser(steward, colleague.id, grant_admin)), "user.role_not_allowed");
  EXPECT_EQ(ids_->GetUser(Actor::Console(), steward_user.id)->roles, std::vector<Role>{Role::kDepartmentSteward});
  EXPECT_EQ(ids_->GetUser(Actor::Console(), colleague.id)->roles, std::vector<Role>{Role::kDepartmentConsumer});
  // Everyone may change their own display name.
  UserChanges name;
  name.display_name = "新名字";
  EXPECT_TRUE(ids_->UpdateUser(steward, steward_user.id, name).ok());
}

// ---- sign-in and sessions ----

TEST_F(IdentityServiceTest, LoginOpensASessionThatLogoutCloses) {
  MakeUser("alice", "civil", {"department_consumer"});
  auto login = ids_->Login("Alice", kPassword, "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->session_value.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(login->expires_at, clock_.NowMicros() + int64_t{12} * 3600 * 1'000'000);
  auto p = ids_->AuthenticateSession(login->session_value, "10.0.0.9");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, PrincipalKind::kUser);
  EXPECT_EQ(p->organisation_id, "civil");
  EXPECT_EQ(p->organisation_kind, policy::OrganisationKind::kDepartment);
  EXPECT_EQ(p->roles, std::vector<Role>{Role::kDepartmentConsumer});
  EXPECT_EQ(p->client_address, "10.0.0.9");
  // Only the hash of the session id is stored.
  auto rows = Query("SELECT id_hash FROM user_sessions");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0].as_text(), Sha256Hex(login->session_value));
  EXPECT_TRUE(ids_->GetUser(Actor::Console(), p->user_id)->last_login_at > 0);
  // Sessions survive a restart; logout ends them for good.
  auto again = NewService();
  EXPECT_TRUE(again->AuthenticateSession(login->session_value, "").ok());
  ASSERT_TRUE(again->Logout(login->session_value).ok());
  EXPECT_EQ(Code(again->AuthenticateSession(login->session_value, "")), "auth.session_invalid");
  EXPECT_EQ(Query("SELECT count(*) FROM user_sessions").rows[0][0].as_int(), 0);
}

TEST_F(IdentityServiceTest, TamperedUnknownAndExpiredCookiesAreRefused) {
  MakeUser("alice", "civil", {"department_consumer"});
  std::string cookie;
  SignIn("alice", &cookie);
  std::string flipped = cookie;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {flipped, cookie.substr(1), cookie + "A", std::string(), std::string(43, '!'),
                                 Base64Encode(RandomBytes(32), true, false)}) {
    auto r = ids_->AuthenticateSession(bad, "");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "auth.session_invalid");
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
  EXPECT_TRUE(ids_->AuthenticateSession(cookie, "").ok());
  // Idle expiry: 30 minutes without a request.
  clock_.Advance(minutes(29));
  EXPECT_TRUE(ids_->AuthenticateSession(cookie, "").ok()) << "use refreshes the idle timer";
  clock_.Advance(minutes(29));
  EXPECT_TRUE(ids_->AuthenticateSession(cookie, "").ok());
  clock_.Advance(minutes(30));
  EXPECT_EQ(Code(ids_->AuthenticateSession(cookie, "")), "auth.session_invalid");
  // Absolute expiry: 12 hours, however active.
  std::string busy;
  SignIn("alice", &busy);
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    clock_.Advance(minutes(15));
    ASSERT_TRUE(ids_->AuthenticateSession(busy, "").ok()) << i;
  }
  clock_.Advance(minutes(15));
  EXPECT_EQ(Code(ids_->AuthenticateSession(busy, "")), "auth.session_invalid");
  // Expired sessions are swept from memory and the database.
  ASSERT_TRUE(ids_->FlushUsage().ok());
  EXPECT_EQ(Query("SELECT count(*) FROM user_sessions").rows[0][0].as_int(), 0);
}

TEST_F(IdentityServiceTest, DisablingOrChangingRolesEndsSessions) {
  auto alice = MakeUser("alice", "civil", {"department_consumer"});
  auto admin = Actor::Of(SignIn("root"));
  std::string c1, c2;
  SignIn("alice", &c1);
  UserChanges roles;
  roles.roles = std::vector<std::string>{"department_consumer", "department_steward"};
  ASSERT_TRUE(ids_->UpdateUser(admin, alice.id, roles).ok());
  EXPECT_EQ(Code(ids_->AuthenticateSession(c1, "")), "auth.session_invalid") << "role change signs out";
  auto p = SignIn("alice", &c2);
  EXPECT_TRUE(p.Has(Role::kDepartmentSteward));
  UserChanges disable;
  disable.status = "disabled";
  ASSERT_TRUE(ids_->UpdateUser(admin, alice.id, disable).ok());
  EXPECT_EQ(Code(ids_->AuthenticateSession(c2, "")), "auth.session_invalid");
  auto refused = ids_->Login("alice", kPassword, "10.0.0.1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "auth.account_disabled");
  // A disabled organisation: its users are signed out and cannot sign in.
  MakeUser("bob", "transport", {"department_consumer"});
  std::string c3;
  SignIn("bob", &c3);
  OrganisationInput off{"transport", "机构transport", "", "department"};
  off.status = "disabled";
  ASSERT_TRUE(ids_->UpsertOrganisation(admin, off).ok());
  EXPECT_EQ(Code(ids_->AuthenticateSession(c3, "")), "auth.session_invalid");
  EXPECT_EQ(Code(ids_->Login("bob", kPassword, "10.0.0.1")), "auth.account_disabled");
}

TEST_F(IdentityServiceTest, WrongPasswordsAreThrottledPerUsernameAndAddress) {
  MakeUser("alice", "civil", {"department_consumer"});
  for (int i = 0; i < 4; ++i) {
    auto r = ids_->Login("alice", "wrong-password-" + std::to_string(i), "10.0.0.1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.invalid_credentials");
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
  EXPECT_EQ(Code(ids_->Login("nobody", kPassword, "10.0.0.2")), "auth.invalid_credentials") << "unknown user: same answer";
  EXPECT_EQ(Code(ids_->Login("alice", "wrong-again", "10.0.0.1")), "auth.invalid_credentials");
  auto locked = ids_->Login("alice", kPassword, "10.0.0.3");  // even the right password waits
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "auth.throttled");
  EXPECT_EQ(locked.error().kind, ErrorKind::kTooManyRequests);
  EXPECT_EQ(locked.error().retry_after_seconds, 30);
  clock_.Advance(seconds(30));
  EXPECT_TRUE(ids_->Login("alice", kPassword, "10.0.0.3").ok());
  // Per address: 20 failures over many usernames block the address.
  for (int i = 0; i < 20; ++i) (void)ids_->Login("guess" + std::to_string(i), "wrong-password", "10.6.6.6");
  EXPECT_EQ(Code(ids_->Login("alice", kPassword, "10.6.6.6")), "auth.throttled");
  EXPECT_TRUE(ids_->Login("alice", kPassword, "10.0.0.4").ok());
}

TEST_F(IdentityServiceTest, PasswordChangesNeedTheCurrentPasswordAndSignOutElsewhere) {
  auto alice = MakeUser("alice", "civil", {"department_consumer"});
  std::string mine, other;
  auto p = SignIn("alice", &mine);
  SignIn("alice", &other);
  auto self = Actor::Of(p);
  EXPECT_EQ(Code(ids_->ChangePassword(self, alice.id, std::nullopt, "new-long-password")), "user.current_password_required");
  EXPECT_EQ(Code(ids_->ChangePassword(self, alice.id, std::string("wrong"), "new-long-password")), "user.wrong_password");
  EXPECT_EQ(Code(ids_->ChangePassword(self, alice.id, std::string(kPassword), "alice")), "user.weak_password");
  ASSERT_TRUE(ids_->ChangePassword(self, alice.id, std::string(kPassword), "new-long-password", mine).ok());
  EXPECT_TRUE(ids_->AuthenticateSession(mine, "").ok()) << "the caller's own session survives";
  EXPECT_EQ(Code(ids_->AuthenticateSession(other, "")), "auth.session_invalid");
  EXPECT_EQ(Code(ids_->Login("alice", kPassword, "10.0.0.1")), "auth.invalid_credentials");
  EXPECT_TRUE(ids_->Login("alice", "new-long-password", "10.0.0.1").ok());
  // An administrator's reset needs no current password and signs the user out everywhere.
  ASSERT_TRUE(ids_->ChangePassword(Actor::Of(SignIn("root")), alice.id, std::nullopt, "reset-long-password").ok());
  EXPECT_EQ(Code(ids_->AuthenticateSession(mine, "")), "auth.session_invalid");
}

TEST_F(IdentityServiceTest, SessionsPerUserAreBounded) {
  MakeUser("alice", "civil", {"department_consumer"});
  std::string first;
  SignIn("alice", &first);
  for (int i = 0; i < 20; ++i) {
    clock_.Advance(seconds(1));
    SignIn("alice");
  }
  EXPECT_EQ(Code(ids_->AuthenticateSession(first, "")), "auth.session_invalid") << "the oldest is signed out";
  EXPECT_EQ(Query("SELECT count(*) FROM user_sessions").rows[0][0].as_int(), 20);
}

// ---- API tokens ----

TEST_F(IdentityServiceTest, TokensAreShownOnceStoredHashedAndScoped) {
  MakeUser("alice", "civil", {"department_consumer", "department_steward"});
  auto p = SignIn("alice");
  NewToken in{"etl job", std::vector<std::string>{"department_consumer"}, {}, 90};
  auto t = ids_->CreateToken(Actor::Of(p), p.user_id, in);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->secret.rfind("gst_", 0), 0u);
  EXPECT_EQ(t->secret.size(), 47u);
  EXPECT_EQ(t->token.prefix, t->secret.substr(0, 10));
  // The database holds the hash, never the secret.
  auto rows = Query("SELECT token_hash, prefix, roles FROM api_tokens");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0].as_text(), Sha256Hex(t->secret));
  auto dump = Query("SELECT * FROM api_tokens");
  for (const auto& v : dump.rows[0]) EXPECT_EQ(v.ToString().find(t->secret.substr(4)), std::string::npos);
  auto listed = ids_->ListTokens(Actor::Of(p));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "etl job");
  // The token acts for the user, with only the roles it was given.
  auto tp = ids_->AuthenticateToken(t->secret, "10.1.1.1");
  ASSERT_TRUE(tp.ok()) << tp.error().message;
  EXPECT_EQ(tp->kind, PrincipalKind::kApiToken);
  EXPECT_EQ(tp->id, t->token.id);
  EXPECT_EQ(tp->user_id, p.user_id);
  EXPECT_EQ(tp->organisation_id, "civil");
  EXPECT_EQ(tp->roles, std::vector<Role>{Role::kDepartmentConsumer});
  EXPECT_TRUE(tp->resource_scope.empty());
  // Expires.
  clock_.Advance(hours(24 * 90));
  EXPECT_EQ(Code(ids_->AuthenticateToken(t->secret, "")), "auth.invalid_token");
}

TEST_F(IdentityServiceTest, TokenInputIsValidated) {
  MakeUser("alice", "civil", {"department_consumer"});
  auto p = SignIn("alice");
  auto a = Actor::Of(p);
  auto make = [&](NewToken in) { return Code(ids_->CreateToken(a, p.user_id, in)); };
  EXPECT_EQ(make({"", std::nullopt, {}, 30}), "token.name_required");
  EXPECT_EQ(make({"x", std::nullopt, {}, 0}), "token.bad_expiry");
  EXPECT_EQ(make({"x", std::nullopt, {}, 366}), "token.bad_expiry");
  EXPECT_EQ(make({"x", std::vector<std::string>{"department_steward"}, {}, 30}), "token.role_not_held");
  EXPECT_EQ(make({"x", std::vector<std::string>{"root"}, {}, 30}), "user.unknown_role");
  EXPECT_EQ(make({"x", std::vector<std::string>{}, {}, 30}), "token.roles_required");
  EXPECT_EQ(make({"x", std::nullopt, {"no-such-resource"}, 30}), "token.unknown_resource");
  EXPECT_EQ(make({"x", std::nullopt, {"../etc"}, 30}), "token.unknown_resource");
  // Tokens cannot mint tokens; nobody mints tokens for someone else over the API.
  auto t = Token(p);
  auto tp = ids_->AuthenticateToken(t.secret, "");
  ASSERT_TRUE(tp.ok());
  EXPECT_EQ(Code(ids_->CreateToken(Actor::Of(*tp), p.user_id, {"y", std::nullopt, {}, 30})), "token.session_required");
  EXPECT_EQ(Code(ids_->CreateToken(Actor::Of(SignIn("root")), p.user_id, {"y", std::nullopt, {}, 30})), "user.not_found");
  EXPECT_EQ(Query("SELECT count(*) FROM api_tokens").rows[0][0].as_int(), 1) << "nothing else created";
}

TEST_F(IdentityServiceTest, ForgedTokensAreRefused) {
  MakeUser("alice", "civil", {"department_consumer"});
  auto t = Token(SignIn("alice"));
  std::string flipped = t.secret;
  flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {flipped, t.secret.substr(0, 46), t.secret + "A", "gsx_" + t.secret.substr(4), t.secret.substr(4),
        std::string("gst_") + std::string(43, '*'), std::string("gst_") + Base64Encode(RandomBytes(32), true, false),
        Sha256Hex(t.secret), std::string()}) {
    auto r = ids_->AuthenticateToken(bad, "");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "auth.invalid_token");
    EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  }
  EXPECT_TRUE(ids_->AuthenticateToken(t.secret, "").ok());
}

TEST_F(IdentityServiceTest, RevocationIsImmediateAndObjectLevel) {
  MakeUser("alice", "civil", {"department_consumer"});
  MakeUser("bob", "transport", {"department_consumer"});
  auto alice = SignIn("alice");
  auto bob = SignIn("bob");
  auto ta = Token(alice);
  auto tb = Token(bob);
  // Bob can neither see nor revoke Alice's token: 404, as if it did not exist.
  auto bobs = ids_->ListTokens(Actor::Of(bob));
  ASSERT_TRUE(bobs.ok());
  ASSERT_EQ(bobs->size(), 1u);
  EXPECT_EQ(bobs->front().id, tb.token.id);
  EXPECT_EQ(bobs->front().token_hash.empty(), false);  // internal; the API never renders it
  EXPECT_EQ(Code(ids_->RevokeToken(Actor::Of(bob), ta.token.id)), "token.not_found");
  EXPECT_EQ(Code(ids_->RevokeToken(Actor::Of(bob), "tok_nothing")), "token.not_found");
  EXPECT_TRUE(ids_->AuthenticateToken(ta.secret, "").ok());
  // Alice revokes hers: refused at once, and after a restart.
  ASSERT_TRUE(ids_->RevokeToken(Actor::Of(alice), ta.token.id).ok());
  EXPECT_EQ(Code(ids_->AuthenticateToken(ta.secret, "")), "auth.invalid_token");
  EXPECT_TRUE(ids_->RevokeToken(Actor::Of(alice), ta.token.id).ok()) << "idempotent";
  EXPECT_EQ(Code(NewService()->AuthenticateToken(ta.secret, "")), "auth.invalid_token");
  // The authority administrator may revoke anyone's.
  ASSERT_TRUE(ids_->RevokeToken(Actor::Of(SignIn("root")), tb.token.id).ok());
  EXPECT_EQ(Code(ids_->AuthenticateToken(tb.secret, "")), "auth.invalid_token");
}

TEST_F(IdentityServiceTest, TokensFollowTheirUser) {
  auto alice_user = MakeUser("alice", "civil", {"department_consumer", "department_steward"});
  auto t = Token(SignIn("alice"));
  auto admin = Actor::Of(SignIn("root"));
  UserChanges fewer;
  fewer.roles = std::vector<std::string>{"department_consumer"};
  ASSERT_TRUE(ids_->UpdateUser(admin, alice_user.id, fewer).ok());
  auto tp = ids_->AuthenticateToken(t.secret, "");
  ASSERT_TRUE(tp.ok());
  EXPECT_EQ(tp->roles, std::vector<Role>{Role::kDepartmentConsumer}) << "a role taken from the user leaves the token";
  UserChanges disable;
  disable.status = "disabled";
  ASSERT_TRUE(ids_->UpdateUser(admin, alice_user.id, disable).ok());
  EXPECT_EQ(Code(ids_->AuthenticateToken(t.secret, "")), "auth.invalid_token");
  UserChanges enable;
  enable.status = "active";
  ASSERT_TRUE(ids_->UpdateUser(admin, alice_user.id, enable).ok());
  EXPECT_EQ(Code(ids_->AuthenticateToken(t.secret, "")), "auth.invalid_token") << "disabling revoked it for good";
}

TEST_F(IdentityServiceTest, RevokeOrganisationCredentials) {
  MakeUser("analyst", "data-group", {"operator_analyst"});
  MakeUser("op-admin", "data-group", {"operator_admin"});
  MakeUser("alice", "civil", {"department_consumer"});
  std::string c1, c2, c3;
  auto analyst = SignIn("analyst", &c1);
  SignIn("op-admin", &c2);
  auto alice = SignIn("alice", &c3);
  auto t1 = Token(analyst);
  auto t3 = Token(alice);
  auto revoked = ids_->RevokeOrganisationCredentials("data-group");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  EXPECT_EQ(revoked->sessions, 2u);
  EXPECT_EQ(revoked->tokens, 1u);
  EXPECT_EQ(Code(ids_->AuthenticateSession(c1, "")), "auth.session_invalid");
  EXPECT_EQ(Code(ids_->AuthenticateSession(c2, "")), "auth.session_invalid");
  EXPECT_EQ(Code(ids_->AuthenticateToken(t1.secret, "")), "auth.invalid_token");
  EXPECT_TRUE(ids_->AuthenticateSession(c3, "").ok()) << "other organisations untouched";
  EXPECT_TRUE(ids_->AuthenticateToken(t3.secret, "").ok());
  EXPECT_EQ(Code(NewService()->AuthenticateToken(t1.secret, "")), "auth.invalid_token") << "persisted";
  EXPECT_EQ(Code(ids_->RevokeOrganisationCredentials("nowhere")), "organisation.not_found");
}

TEST_F(IdentityServiceTest, LastUseIsKeptInMemoryAndFlushedInBatches) {
  MakeUser("alice", "civil", {"department_consumer"});
  auto t = Token(SignIn("alice"));
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(ids_->AuthenticateToken(t.secret, "").ok());
  auto stored = [&] { return Query("SELECT last_used_at FROM api_tokens").rows[0][0]; };
  EXPECT_TRUE(stored().is_null()) << "authenticating writes nothing";
  auto listed = ids_->ListTokens(Actor::Console());
  EXPECT_EQ(listed->front().last_used_at, clock_.NowMicros()) << "but the list shows it";
  ASSERT_TRUE(ids_->FlushUsage().ok());
  EXPECT_EQ(stored().as_timestamp(), clock_.NowMicros());
  // The destructor flushes too (shutdown).
  clock_.Advance(seconds(5));
  ASSERT_TRUE(ids_->AuthenticateToken(t.secret, "").ok());
  ids_.reset();
  EXPECT_EQ(stored().as_timestamp(), clock_.NowMicros());
}

// R-ADM-01: every administrative change is recorded inside its transaction, without secrets; a
// change that cannot be recorded does not happen.
TEST_F(IdentityServiceTest, AdministrativeChangesAreRecordedOrRefused) {
  std::vector<catalog::CatalogChange> log;
  bool fail = false;
  ids_->SetChangeRecorder([&](const catalog::CatalogChange& c) -> Status {
    if (fail) return MakeError(ErrorKind::kUnavailable, "audit.unavailable", "log down", "日志不可用");
    log.push_back(c);
    return Ok();
  });
  auto admin = Actor::Of(SignIn("root"), "req-1");
  auto alice = ids_->CreateUser(admin, {"alice", "", "civil", {"department_consumer"}, kPassword});
  ASSERT_TRUE(alice.ok());
  UserChanges roles;
  roles.roles = std::vector<std::string>{"department_steward"};
  ASSERT_TRUE(ids_->UpdateUser(admin, alice->id, roles).ok());
  clock_.Advance(seconds(1));
  ASSERT_TRUE(ids_->ChangePassword(admin, alice->id, std::nullopt, "another-long-password").ok());
  auto p = SignIn("root");
  auto t = Token(p);
  ASSERT_TRUE(ids_->RevokeToken(Actor::Of(p), t.token.id).ok());
  ASSERT_TRUE(ids_->UpsertOrganisation(admin, {"new-org", "新机构", "", "enterprise"}).ok());
  ASSERT_TRUE(ids_->RevokeOrganisationCredentials("civil").ok());
  std::vector<std::string> kinds;
  for (const auto& c : log) kinds.push_back(c.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"user.created", "user.updated", "user.password_reset", "token.created",
                                             "token.revoked", "organisation.created",
                                             "organisation.credentials_revoked"}));
  EXPECT_EQ(log[0].actor.principal_id, admin_.id);
  EXPECT_EQ(log[0].actor.organisation_id, "bureau");
  EXPECT_EQ(log[0].actor.request_id, "req-1");
  EXPECT_TRUE(log[0].before.empty());
  EXPECT_NE(log[1].before, log[1].after);
  EXPECT_NE(log[2].before, log[2].after);
  for (const auto& c : log) {
    EXPECT_EQ(c.after.find("argon2"), std::string::npos) << c.kind;
    EXPECT_EQ(c.after.find(t.secret.substr(4)), std::string::npos) << c.kind;
    EXPECT_EQ(c.after.find(t.token.token_hash), std::string::npos) << c.kind;
  }
  // The log is down: nothing changes, in memory or in the database.
  fail = true;
  EXPECT_EQ(Code(ids_->CreateUser(admin, {"bob", "", "civil", {"department_consumer"}, kPassword})), "audit.unavailable");
  EXPECT_EQ(Code(ids_->FindUserByUsername(Actor::Console(), "bob")), "user.not_found");
  EXPECT_EQ(Query("SELECT count(*) FROM users WHERE username = 'bob'").rows[0][0].as_int(), 0);
  UserChanges off;
  off.status = "disabled";
  EXPECT_EQ(Code(ids_->UpdateUser(admin, alice->id, off)), "audit.unavailable");
  EXPECT_TRUE(ids_->GetUser(Actor::Console(), alice->id)->active());
  EXPECT_EQ(Code(ids_->CreateToken(Actor::Of(p), p.user_id, {"y", std::nullopt, {}, 30})), "audit.unavailable");
  EXPECT_EQ(ids_->ListTokens(Actor::Of(p))->size(), 1u) << "only the revoked one";
}

TEST_F(IdentityServiceTest, DemoUsersOnePerRoleWithAPrivateCredentialsFile) {
  Org("data-bureau", "authority");
  Org("public-security", "department");
  Org("civil-affairs", "department");
  const auto file = dir_.path() / "keys" / "demo-users.txt";
  std::filesystem::create_directories(file.parent_path());
  auto creds = SeedDemoUsers(*ids_, file);
  ASSERT_TRUE(creds.ok()) << creds.error().message;
  ASSERT_EQ(creds->size(), 7u);
  std::set<std::string> roles;
  for (const auto& c : *creds) {
    roles.insert(c.role);
    EXPECT_EQ(c.password.size(), 16u);
    auto login = ids_->Login(c.username, c.password, "10.0.0.1");
    ASSERT_TRUE(login.ok()) << c.username;
    auto p = ids_->AuthenticateSession(login->session_value, "");
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p->roles.size(), 1u);
    EXPECT_EQ(policy::RoleCode(p->roles[0]), c.role);
  }
  EXPECT_EQ(roles.size(), 7u);
  EXPECT_EQ(ids_->FindOrganisation("public")->kind, policy::OrganisationKind::kPublic);
  struct stat st{};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string text = testing::ReadFile(file);
  for (const auto& c : *creds) EXPECT_NE(text.find(c.username + "\t" + c.password), std::string::npos);
}

}  // namespace
}  // namespace gongshu::identity
