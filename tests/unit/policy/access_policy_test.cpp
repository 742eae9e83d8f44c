// The decision point's rules beyond the matrix: fail closed on anything unknown, token scopes,
// degraded snapshots, purposes choosing among grants, masks by semantic, requested fields,
// operation modes and scopes, discovery, and atomic snapshot swaps.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "policy/classification_rules.h"
#include "policy_test_util.h"

namespace gongshu::policy {
namespace {

using catalog::ClassificationLevel;
using catalog::OpenAttribute;
using catalog::ShareAttribute;
using namespace gongshu::policy::testing;
using L = ClassificationLevel;

class AccessPolicyTest : public ::testing::Test {
 protected:
  AccessPolicyTest()
      : clock_(Now()),
        pdp_(clock_),
        people_(MakeResource("people", "prov", ShareAttribute::kConditional, OpenAttribute::kConditional,
                             {MakeField("code", L::kGeneral1, "division_code"), MakeField("name", L::kGeneral2, "person_name"),
                              MakeField("id_no", L::kGeneral4, "resident_id"), MakeField("phone", L::kGeneral4, "mobile"),
                              MakeField("addr", L::kGeneral4, "address"), MakeField("card", L::kGeneral4, "bank_card"),
                              MakeField("nick", L::kGeneral4, "name"), MakeField("note", L::kImportant),
                              MakeField("core", L::kCore)})) {}

  Decision Decide(const Principal& p, Channel ch, std::string_view purpose = "case-1", Action a = Action::kRead,
                  std::vector<std::string> fields = {}) {
    return pdp_.Decide(p, people_, ch, a, fields, purpose, clock_.Now());
  }

  ManualClock clock_;
  AccessPolicy pdp_;
  catalog::Resource people_;
  Principal consumer_ = Member("u-c", "dept-b", OrganisationKind::kDepartment, {Role::kDepartmentConsumer});
  Principal analyst_ = Member("u-a", "op-1", OrganisationKind::kOperator, {Role::kOperatorAnalyst});
  Principal person_ = Member("u-p", "public", OrganisationKind::kPublic, {Role::kPublicUser});
};

TEST_F(AccessPolicyTest, AnUnnamedChannelFallsBackToOpenDataOnly) {
  catalog::Resource open = MakeResource("open-stats", "prov", ShareAttribute::kConditional, OpenAttribute::kUnconditional,
                                        {MakeField("code", L::kGeneral1), MakeField("secret", L::kGeneral3)});
  // No operation authorization: the operator's own channel denies; unnamed, it reads as the public.
  Decision named = pdp_.DecideCall(analyst_, open, Channel::kOperation, Action::kRead, "", clock_.Now());
  EXPECT_FALSE(named.allow);
  Decision unnamed = pdp_.DecideCall(analyst_, open, std::nullopt, Action::kRead, "", clock_.Now());
  ASSERT_TRUE(unnamed.allow) << unnamed.reason.message;
  EXPECT_EQ(unnamed.channel, Channel::kOpen);
  // Data that is not open stays denied with the caller's own channel's reason.
  Decision closed = pdp_.DecideCall(consumer_, people_, std::nullopt, Action::kRead, "case-1", clock_.Now());
  EXPECT_FALSE(closed.allow);
  EXPECT_EQ(closed.channel, Channel::kShare);
}

TEST_F(AccessPolicyTest, UnknownPrincipalKindIsDeniedEverywhere) {
  Principal p = consumer_;
  p.kind = static_cast<PrincipalKind>(42);
  for (Channel ch : {Channel::kOpen, Channel::kShare, Channel::kOperation}) {
    Decision d = Decide(p, ch);
    EXPECT_FALSE(d.allow);
    EXPECT_EQ(d.reason.code, "policy.unknown_principal");
    EXPECT_EQ(d.reason.kind, ErrorKind::kForbidden);
  }
  EXPECT_FALSE(pdp_.CanDiscover(p, people_));
}

TEST_F(AccessPolicyTest, IncompleteOrUnknownIdentityIsDenied) {
  Principal no_org = consumer_;
  no_org.organisation_id.clear();
  Principal no_roles = consumer_;
  no_roles.roles.clear();
  Principal bad_role = consumer_;
  bad_role.roles = {static_cast<Role>(77)};
  Principal bad_kind = consumer_;
  bad_kind.organisation_kind = static_cast<OrganisationKind>(9);
  Principal token = consumer_;
  token.kind = PrincipalKind::kApiToken;
  token.roles.clear();
  for (const Principal& p : {no_org, no_roles, bad_role, bad_kind, token}) {
    Decision d = Decide(p, Channel::kShare);
    EXPECT_FALSE(d.allow);
    EXPECT_EQ(d.reason.code, "policy.principal_incomplete");
    EXPECT_FALSE(pdp_.CanDiscover(p, people_));
  }
}

TEST_F(AccessPolicyTest, UnknownChannelAndActionAndPurposeFailClosed) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"})}, {}, {}, {}});
  EXPECT_EQ(Decide(consumer_, static_cast<Channel>(17)).reason.code, "policy.unknown_channel");
  EXPECT_EQ(Decide(consumer_, static_cast<Channel>(17)).reason.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(Decide(consumer_, Channel::kAdmin).reason.code, "policy.unknown_channel");
  EXPECT_EQ(Decide(consumer_, Channel::kShare, "case-1", Action::kWrite).reason.code, "policy.unsupported_action");
  EXPECT_EQ(Decide(consumer_, Channel::kShare, "case-1", static_cast<Action>(99)).reason.code,
            "policy.unsupported_action");
  for (std::string_view bad : std::initializer_list<std::string_view>{"has space", "中文用途", "a/b", std::string_view("x\0y", 3),
                               "0123456789012345678901234567890123456789012345678901234567890123456789"}) {
    Decision d = Decide(consumer_, Channel::kShare, bad);
    EXPECT_EQ(d.reason.code, "policy.bad_purpose") << bad;
    EXPECT_EQ(d.reason.kind, ErrorKind::kInvalidArgument);
  }
  Decision missing = Decide(consumer_, Channel::kShare, "");
  EXPECT_EQ(missing.reason.code, "policy.purpose_required");
  EXPECT_TRUE(Decide(consumer_, Channel::kShare, "case-1").allow);
}

TEST_F(AccessPolicyTest, TokenScopeMustCoverTheResource) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"})}, {}, {}, {}});
  Principal token = consumer_;
  token.kind = PrincipalKind::kApiToken;
  token.id = "tok_1";
  token.resource_scope = {"other-resource"};
  Decision d = Decide(token, Channel::kShare);
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason.code, "policy.token_scope");
  EXPECT_FALSE(pdp_.CanDiscover(token, people_));
  token.resource_scope.push_back("people");
  EXPECT_TRUE(Decide(token, Channel::kShare).allow);
  EXPECT_TRUE(pdp_.CanDiscover(token, people_));
}

TEST_F(AccessPolicyTest, DegradedSnapshotWithholdsGrantsButNotOpenData) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"})}, {}, {}, {}});
  ASSERT_TRUE(Decide(consumer_, Channel::kShare).allow);
  pdp_.InstallDegraded();
  Decision d = Decide(consumer_, Channel::kShare);
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason.code, "policy.snapshot_unavailable");
  EXPECT_EQ(d.reason.kind, ErrorKind::kUnavailable);
  EXPECT_EQ(Decide(person_, Channel::kOpen).reason.code, "policy.snapshot_unavailable");
  EXPECT_EQ(Decide(analyst_, Channel::kOperation).reason.code, "policy.snapshot_unavailable");
  catalog::Resource open = MakeResource("open", "prov", ShareAttribute::kUnconditional, OpenAttribute::kUnconditional,
                                        {MakeField("code", L::kGeneral1)});
  EXPECT_TRUE(pdp_.Decide(Principal::Anonymous("1.2.3.4"), open, Channel::kOpen, Action::kRead, {}, "", Now()).allow);
}

TEST_F(AccessPolicyTest, PurposeChoosesTheGrantAndGrantsAreNotMerged) {
  Grant a = MakeGrant("gr_a", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"audit"});
  Grant b = MakeGrant("gr_b", GrantKind::kShare, "people", "dept-b", "", {"code", "name"}, {"relief"});
  b.rows = RowScope{"code", {"3301", "3302"}};
  pdp_.Install({{a, b}, {}, {}, {}});
  Decision da = Decide(consumer_, Channel::kShare, "audit");
  ASSERT_TRUE(da.allow);
  EXPECT_EQ(da.grant_id, "gr_a");
  EXPECT_EQ(FieldList(da), (std::vector<std::string>{"code"}));
  EXPECT_TRUE(da.row_filters.empty());
  Decision db = Decide(consumer_, Channel::kShare, "relief");
  ASSERT_TRUE(db.allow);
  EXPECT_EQ(db.grant_id, "gr_b");
  EXPECT_EQ(FieldList(db), (std::vector<std::string>{"code", "name"}));
  ASSERT_EQ(db.row_filters.size(), 1u);
  EXPECT_EQ(db.row_filters[0].values.size(), 2u);
  Decision other = Decide(consumer_, Channel::kShare, "marketing");
  EXPECT_EQ(other.reason.code, "policy.purpose_not_granted");
  EXPECT_NE(other.reason.message.find("marketing"), std::string::npos);
  EXPECT_NE(other.reason.message_zh.find("marketing"), std::string::npos);
}

TEST_F(AccessPolicyTest, GrantTermIsHalfOpenAndNotYetValidIsPending) {
  Grant g = MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"});
  g.valid_from = Now() + std::chrono::hours(1);
  g.valid_until = Now() + std::chrono::hours(2);
  pdp_.Install({{g}, {}, {}, {}});
  EXPECT_EQ(Decide(consumer_, Channel::kShare).reason.code, "policy.grant_pending");
  clock_.Set(g.valid_from);
  EXPECT_TRUE(Decide(consumer_, Channel::kShare).allow);
  clock_.Set(g.valid_until - std::chrono::microseconds(1));
  EXPECT_TRUE(Decide(consumer_, Channel::kShare).allow);
  clock_.Set(g.valid_until);
  EXPECT_EQ(Decide(consumer_, Channel::kShare).reason.code, "policy.grant_expired");
}

TEST_F(AccessPolicyTest, ShareMasksFollowTheFieldSemantic) {
  std::vector<std::string> all;
  for (const auto& f : people_.fields) all.push_back(f.name);
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", all, {"case-1"})}, {}, {}, {}});
  Decision d = Decide(consumer_, Channel::kShare);
  ASSERT_TRUE(d.allow);
  // 核心 is never released; 重要 and 一般4 are masked; the mask kind comes from the semantic.
  EXPECT_EQ(FieldList(d), (std::vector<std::string>{"code", "name", "id_no:resident_id", "phone:mobile",
                                                    "addr:address", "card:bank_card", "nick:name", "note:full"}));
  EXPECT_EQ(MaskForSemantic("uscc"), privacy::MaskKind::kFull);
  EXPECT_EQ(MaskForSemantic(""), privacy::MaskKind::kFull);
}

TEST_F(AccessPolicyTest, RequestedFieldsNarrowOrFail) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code", "name", "phone"}, {"case-1"})},
                {},
                {},
                {}});
  Decision d = Decide(consumer_, Channel::kShare, "case-1", Action::kRead, {"phone", "code"});
  ASSERT_TRUE(d.allow);
  EXPECT_EQ(FieldList(d), (std::vector<std::string>{"code", "phone:mobile"}));  // catalog order
  Decision unknown = Decide(consumer_, Channel::kShare, "case-1", Action::kRead, {"code", "nope"});
  EXPECT_EQ(unknown.reason.code, "policy.unknown_field");
  EXPECT_EQ(unknown.reason.kind, ErrorKind::kUnprocessable);
  Decision hidden = Decide(consumer_, Channel::kShare, "case-1", Action::kRead, {"core"});
  EXPECT_EQ(hidden.reason.code, "policy.field_not_permitted");
  EXPECT_EQ(hidden.reason.kind, ErrorKind::kForbidden);
}

TEST_F(AccessPolicyTest, RowScopeOnAMissingFieldFailsClosed) {
  Grant g = MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"});
  g.rows = RowScope{"gone", {"33"}};
  pdp_.Install({{g}, {}, {}, {}});
  EXPECT_EQ(Decide(consumer_, Channel::kShare).reason.code, "policy.grant_invalid");
}

TEST_F(AccessPolicyTest, OpenGrantOfAPersonServesOnlyThatPerson) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kOpen, "people", "public", "u-p", {"code", "name"}, {"case-1"})},
                {},
                {},
                {}});
  Decision mine = Decide(person_, Channel::kOpen);
  ASSERT_TRUE(mine.allow);
  EXPECT_EQ(FieldList(mine), (std::vector<std::string>{"code", "name"}));
  Principal neighbour = Member("u-q", "public", OrganisationKind::kPublic, {Role::kPublicUser});
  EXPECT_EQ(Decide(neighbour, Channel::kOpen).reason.code, "policy.conditional_open");
}

TEST_F(AccessPolicyTest, ExportAndVerificationInTheOperationChannel) {
  auto agg = MakeAuthorization("au_1", "op-1", {"people"}, {OperationAction::kSandboxAggregate}, {"case-1"});
  pdp_.Install({{}, {agg}, {"people"}, {}});
  Decision read = Decide(analyst_, Channel::kOperation);
  ASSERT_TRUE(read.allow);
  EXPECT_EQ(read.mode, AccessMode::kAggregateOnly);
  EXPECT_EQ(Decide(analyst_, Channel::kOperation, "case-1", Action::kExport).reason.code, "policy.operation_export");
  EXPECT_EQ(Decide(analyst_, Channel::kOperation, "case-1", Action::kVerify).reason.code, "policy.operation_action");

  auto verify = MakeAuthorization("au_2", "op-1", {"people"}, {OperationAction::kVerification}, {"case-1"});
  pdp_.Install({{}, {verify}, {"people"}, {}});
  EXPECT_EQ(Decide(analyst_, Channel::kOperation).reason.code, "policy.verify_only");
  Decision v = Decide(analyst_, Channel::kOperation, "case-1", Action::kVerify);
  ASSERT_TRUE(v.allow);
  EXPECT_EQ(v.mode, AccessMode::kVerifyOnly);
  EXPECT_EQ(Decide(consumer_, Channel::kShare, "case-1", Action::kVerify).reason.code, "policy.unsupported_action");

  auto hosting = MakeAuthorization("au_3", "op-1", {"people"}, {OperationAction::kProductHosting}, {"case-1"});
  pdp_.Install({{}, {hosting}, {"people"}, {}});
  EXPECT_EQ(Decide(analyst_, Channel::kOperation).reason.code, "policy.operation_action");
}

TEST_F(AccessPolicyTest, OperationNeedsARegisteredResourceInScope) {
  auto scenario = MakeAuthorization("au_1", "op-1", {"people"}, {OperationAction::kSandboxAggregate}, {"case-1"});
  pdp_.Install({{}, {scenario}, {}, {}});  // not registered (e.g. after 注销)
  EXPECT_EQ(Decide(analyst_, Channel::kOperation).reason.code, "policy.not_registered");

  auto domain = scenario;
  domain.mode = AuthorizationMode::kDomain;
  domain.resource_ids.clear();
  domain.domains = {"transport"};
  pdp_.Install({{}, {domain}, {"people"}, {}});
  EXPECT_EQ(Decide(analyst_, Channel::kOperation).reason.code, "policy.no_authorization");
  domain.domains = {"population"};
  pdp_.Install({{}, {domain}, {"people"}, {}});
  EXPECT_TRUE(Decide(analyst_, Channel::kOperation).allow);

  auto whole = scenario;
  whole.mode = AuthorizationMode::kWhole;
  whole.resource_ids.clear();
  pdp_.Install({{}, {whole}, {"people"}, {}});
  Decision d = Decide(analyst_, Channel::kOperation);
  ASSERT_TRUE(d.allow);
  // 重要 and 核心 never enter operation; 一般4 is masked until sandbox output controls exist.
  EXPECT_EQ(FieldList(d), (std::vector<std::string>{"code", "name", "id_no:resident_id", "phone:mobile",
                                                    "addr:address", "card:bank_card", "nick:name"}));
  Principal other_operator = Member("u-x", "op-2", OrganisationKind::kOperator, {Role::kOperatorAdmin});
  EXPECT_EQ(Decide(other_operator, Channel::kOperation).reason.code, "policy.no_authorization");
}

TEST_F(AccessPolicyTest, ResourceStateAndData) {
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"})}, {}, {}, {}});
  catalog::Resource draft = people_;
  draft.status = catalog::ResourceStatus::kDraft;
  EXPECT_EQ(pdp_.Decide(consumer_, draft, Channel::kShare, Action::kRead, {}, "case-1", Now()).reason.code,
            "resource.not_found");
  Principal steward = Member("u-s", "prov", OrganisationKind::kDepartment, {Role::kDepartmentSteward});
  Decision own = pdp_.Decide(steward, draft, Channel::kShare, Action::kRead, {}, "", Now());
  ASSERT_TRUE(own.allow);  // the provider reads its own draft, every field raw
  EXPECT_EQ(own.fields.size(), draft.fields.size());
  EXPECT_EQ(own.basis, "provider");
  catalog::Resource empty = people_;
  empty.current.reset();
  EXPECT_EQ(pdp_.Decide(consumer_, empty, Channel::kShare, Action::kRead, {}, "case-1", Now()).reason.code,
            "resource.no_data");
}

TEST_F(AccessPolicyTest, AnonymousAndDefaultChannels) {
  Principal anon = Principal::Anonymous("9.9.9.9");
  EXPECT_EQ(AccessPolicy::DefaultChannel(anon), Channel::kOpen);
  EXPECT_EQ(AccessPolicy::DefaultChannel(consumer_), Channel::kShare);
  EXPECT_EQ(AccessPolicy::DefaultChannel(analyst_), Channel::kOperation);
  EXPECT_EQ(AccessPolicy::DefaultChannel(person_), Channel::kOpen);
  Decision d = Decide(anon, Channel::kShare);
  EXPECT_EQ(d.reason.code, "policy.login_required");
  EXPECT_EQ(d.reason.kind, ErrorKind::kUnauthenticated);
}

TEST_F(AccessPolicyTest, DiscoveryRules) {
  catalog::Resource closed = people_;
  closed.open = OpenAttribute::kNotOpen;
  catalog::Resource draft = people_;
  draft.status = catalog::ResourceStatus::kDraft;
  catalog::Resource withdrawn = people_;
  withdrawn.status = catalog::ResourceStatus::kWithdrawn;
  Principal anon = Principal::Anonymous("1.1.1.1");
  Principal authority = Member("u-a", "bureau", OrganisationKind::kAuthority, {Role::kAuthorityAdmin});
  Principal auditor = Member("u-d", "bureau", OrganisationKind::kAuthority, {Role::kAuditor});
  Principal steward = Member("u-s", "prov", OrganisationKind::kDepartment, {Role::kDepartmentSteward});
  EXPECT_TRUE(pdp_.CanDiscover(anon, people_));
  EXPECT_FALSE(pdp_.CanDiscover(anon, closed));
  EXPECT_FALSE(pdp_.CanDiscover(person_, closed));
  EXPECT_TRUE(pdp_.CanDiscover(consumer_, closed));     // the share catalog lists it
  EXPECT_FALSE(pdp_.CanDiscover(consumer_, draft));     // another department's draft is private …
  EXPECT_FALSE(pdp_.CanDiscover(consumer_, withdrawn));
  EXPECT_TRUE(pdp_.CanDiscover(steward, withdrawn));    // its own
  EXPECT_TRUE(pdp_.CanDiscover(authority, withdrawn));
  EXPECT_TRUE(pdp_.CanDiscover(auditor, closed));
  EXPECT_FALSE(pdp_.CanDiscover(analyst_, closed));
  pdp_.Install({{}, {}, {"people"}, {}});
  EXPECT_TRUE(pdp_.CanDiscover(analyst_, closed));      // registered: may be authorized
  EXPECT_TRUE(pdp_.CanDiscover(consumer_, draft));      // … until it is registered (登记 is public)
  EXPECT_FALSE(pdp_.CanDiscover(person_, draft));
  EXPECT_FALSE(pdp_.CanDiscover(consumer_, withdrawn));
}

TEST_F(AccessPolicyTest, SnapshotsAreSwappedAtomically) {
  auto before = pdp_.Snapshot();
  pdp_.Install({{MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"})}, {}, {}, {}});
  auto after = pdp_.Snapshot();
  EXPECT_NE(before.get(), after.get());
  EXPECT_GT(after->generation(), before->generation());
  EXPECT_TRUE(before->Grants(GrantKind::kShare, "dept-b", "people").empty());  // the old one is unchanged
  EXPECT_EQ(after->Grants(GrantKind::kShare, "dept-b", "people").size(), 1u);
  Decision d = Decide(consumer_, Channel::kShare);
  EXPECT_EQ(d.snapshot_generation, after->generation());
  // Revocation is a new snapshot: the next decision sees it.
  Grant revoked = MakeGrant("gr_1", GrantKind::kShare, "people", "dept-b", "", {"code"}, {"case-1"});
  revoked.state = GrantState::kRevoked;
  pdp_.Install({{revoked}, {}, {}, {}});
  EXPECT_EQ(Decide(consumer_, Channel::kShare).reason.code, "policy.grant_revoked");
}

TEST_F(AccessPolicyTest, AdministratorSeesEverythingRaw) {
  Principal admin;
  admin.kind = PrincipalKind::kAdministrator;
  admin.id = "admin";
  Decision d = pdp_.Decide(admin, people_, Channel::kOpen, Action::kRead, {}, "", Now());
  ASSERT_TRUE(d.allow);
  EXPECT_EQ(d.channel, Channel::kAdmin);
  EXPECT_EQ(d.fields.size(), people_.fields.size());
  for (const auto& f : d.fields) EXPECT_TRUE(f.mask.empty());
}

TEST(ClassificationRules, TableIsClosedOutsideItsRange) {
  EXPECT_EQ(ViewFor(AccessBasis::kOpenPublic, static_cast<L>(0)), FieldView::kAbsent);
  EXPECT_EQ(ViewFor(AccessBasis::kShareGrant, static_cast<L>(7)), FieldView::kAbsent);
  EXPECT_EQ(ViewFor(static_cast<AccessBasis>(12), L::kGeneral1), FieldView::kAbsent);
  EXPECT_EQ(ViewFor(AccessBasis::kOpenGrant, L::kGeneral3), FieldView::kMasked);
  for (auto b : {AccessBasis::kOpenPublic, AccessBasis::kOpenGrant, AccessBasis::kShareGrant, AccessBasis::kOperation}) {
    EXPECT_EQ(ViewFor(b, L::kCore), FieldView::kAbsent);  // 核心数据 never leaves through a channel
  }
  for (auto b : {AccessBasis::kOpenPublic, AccessBasis::kOpenGrant}) {
    EXPECT_EQ(ViewFor(b, L::kImportant), FieldView::kAbsent);  // 重要数据 never opened
    EXPECT_EQ(ViewFor(b, L::kGeneral4), FieldView::kAbsent);
  }
}

TEST(PurposeCodes, Shape) {
  EXPECT_TRUE(IsValidPurposeCode("social-assistance"));
  EXPECT_TRUE(IsValidPurposeCode("case:2026-0417"));
  EXPECT_TRUE(IsValidPurposeCode(std::string(64, 'a')));
  EXPECT_FALSE(IsValidPurposeCode(std::string(65, 'a')));
  EXPECT_FALSE(IsValidPurposeCode(""));
  EXPECT_FALSE(IsValidPurposeCode("救助"));
  EXPECT_FALSE(IsValidPurposeCode("a b"));
}

}  // namespace
}  // namespace gongshu::policy
