// 授权矩阵: every role × channel × share attribute × open attribute × field level × grant state ×
// purpose, decided by the real decision point, against the rule table of docs/security-model.md
// written out below as data. Each case checks allow/deny, the denial code, and the EXACT fields
// with their masks, the row filter, the mode and the grant relied on.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <sstream>

#include "core/clock.h"
#include "policy_test_util.h"

namespace gongshu::policy {
namespace {

using catalog::ClassificationLevel;
using catalog::OpenAttribute;
using catalog::ShareAttribute;
using namespace gongshu::policy::testing;

enum class Who {
  kAnonymous,
  kPublicPerson,
  kEnterpriseUser,
  kConsumer,
  kOtherSteward,  // a steward of another (consumer) department
  kProviderSteward,
  kAnalyst,
  kOperatorAdmin,
  kAuthorityAdmin,
  kAuditor,
};
enum class GrantCase { kNone, kPending, kActive, kExpired, kRevoked, kSuspended };

struct WhoRow {
  Who who;
  const char* name;
  Principal principal;
};

std::vector<WhoRow> People() {
  using OK = OrganisationKind;
  return {
      {Who::kAnonymous, "anonymous", Principal::Anonymous("10.0.0.1")},
      {Who::kPublicPerson, "public_user(person)", Member("u-person", "public", OK::kPublic, {Role::kPublicUser})},
      {Who::kEnterpriseUser, "public_user(enterprise)", Member("u-ent", "ent-1", OK::kEnterprise, {Role::kPublicUser})},
      {Who::kConsumer, "department_consumer", Member("u-cons", "dept-b", OK::kDepartment, {Role::kDepartmentConsumer})},
      {Who::kOtherSteward, "department_steward(other)",
       Member("u-oth", "dept-b", OK::kDepartment, {Role::kDepartmentSteward})},
      {Who::kProviderSteward, "department_steward(provider)",
       Member("u-prov", "prov", OK::kDepartment, {Role::kDepartmentSteward})},
      {Who::kAnalyst, "operator_analyst", Member("u-ana", "op-1", OK::kOperator, {Role::kOperatorAnalyst})},
      {Who::kOperatorAdmin, "operator_admin", Member("u-opa", "op-1", OK::kOperator, {Role::kOperatorAdmin})},
      {Who::kAuthorityAdmin, "authority_admin", Member("u-auth", "bureau", OK::kAuthority, {Role::kAuthorityAdmin})},
      {Who::kAuditor, "auditor", Member("u-aud", "bureau", OK::kAuthority, {Role::kAuditor})},
  };
}

// The level × basis table (docs/security-model.md), columns 一般1 … 核心.
const std::map<std::string, std::array<const char*, 6>>& ViewTable() {
  static const std::map<std::string, std::array<const char*, 6>> table = {
      {"open_public", {"raw", "-", "-", "-", "-", "-"}},
      {"open_grant", {"raw", "raw", "mask", "-", "-", "-"}},
      {"share_grant", {"raw", "raw", "raw", "mask", "mask", "-"}},
      {"operation", {"raw", "raw", "raw", "mask", "-", "-"}},
      {"provider", {"raw", "raw", "raw", "raw", "raw", "raw"}},
  };
  return table;
}

constexpr const char* kPurpose = "case-1";
constexpr const char* kOtherPurpose = "other-1";

struct Expected {
  bool allow = false;
  std::string code;  // denial code
  std::string basis;
  std::vector<std::string> fields;
  bool row_filter = false;
  AccessMode mode = AccessMode::kRows;
};

Expected Deny(std::string code) {
  Expected e;
  e.code = std::move(code);
  return e;
}

Expected Allow(const std::string& basis, ClassificationLevel level, bool rows = false,
               AccessMode mode = AccessMode::kRows) {
  Expected e;
  e.allow = true;
  e.basis = basis;
  e.fields.push_back("code");  // 一般1级 division code: raw on every basis
  std::string view = ViewTable().at(basis)[static_cast<int>(level) - 1];
  if (view == "raw") e.fields.push_back("f");
  if (view == "mask") e.fields.push_back("f:mobile");  // the field's semantic is "mobile"
  e.row_filter = rows;
  e.mode = mode;
  return e;
}

// The grant ladder, most telling reason first; `names` maps each grant case to its denial.
Expected Ladder(GrantCase g, bool purpose_match, const char* none, const char* pending, const char* expired,
                const char* revoked, const char* suspended, const Expected& allowed) {
  switch (g) {
    case GrantCase::kNone: return Deny(none);
    case GrantCase::kPending: return Deny(pending);
    case GrantCase::kExpired: return Deny(expired);
    case GrantCase::kRevoked: return Deny(revoked);
    case GrantCase::kSuspended: return Deny(suspended);
    case GrantCase::kActive: return purpose_match ? allowed : Deny("policy.purpose_not_granted");
  }
  return Deny("?");
}

Expected Expect(Who who, Channel ch, ShareAttribute sa, OpenAttribute oa, ClassificationLevel lv, GrantCase g,
                bool purpose_match) {
  if (who == Who::kAnonymous && ch != Channel::kOpen) return Deny("policy.login_required");
  if (who == Who::kProviderSteward && ch == Channel::kShare) return Allow("provider", lv);
  switch (ch) {
    case Channel::kOpen:
      if (oa == OpenAttribute::kNotOpen) return Deny("policy.not_open");
      if (oa == OpenAttribute::kUnconditional) return Allow("open_public", lv);
      if (who == Who::kAnonymous) return Deny("policy.conditional_open");
      return Ladder(g, purpose_match, "policy.conditional_open", "policy.grant_pending", "policy.grant_expired",
                    "policy.grant_revoked", "policy.grant_suspended", Allow("open_grant", lv));
    case Channel::kShare:
      if (who != Who::kConsumer) return Deny("policy.channel_not_permitted");
      if (sa == ShareAttribute::kNotShared) return Deny("policy.not_shared");
      return Ladder(g, purpose_match, "policy.no_grant", "policy.grant_pending", "policy.grant_expired",
                    "policy.grant_revoked", "policy.grant_suspended", Allow("share_grant", lv, true));
    case Channel::kOperation:
      if (who != Who::kAnalyst && who != Who::kOperatorAdmin) return Deny("policy.channel_not_permitted");
      return Ladder(g, purpose_match, "policy.no_authorization", "policy.authorization_pending",
                    "policy.authorization_expired", "policy.authorization_ended", "policy.authorization_suspended",
                    Allow("operation", lv, false, AccessMode::kAggregateOnly));
    case Channel::kAdmin: break;
  }
  return Deny("?");
}

// The policy state for one case: the grant (of the channel's kind) held by the principal's own
// organisation — for every role, so that role checks are shown not to depend on grants.
PolicyInputs InputsFor(const Principal& p, const catalog::Resource& r, Channel ch, GrantCase g) {
  PolicyInputs in;
  in.registered_resources = {r.id};
  if (g == GrantCase::kNone) return in;
  const bool person = p.organisation_kind == OrganisationKind::kPublic;
  if (ch == Channel::kOperation) {
    auto a = MakeAuthorization("au_1", p.organisation_id, {r.id}, {OperationAction::kSandboxAggregate}, {kPurpose});
    switch (g) {
      case GrantCase::kPending: a.state = AuthorizationState::kApproved; break;
      case GrantCase::kExpired: a.valid_until = Now() - std::chrono::hours(1); break;
      case GrantCase::kRevoked: a.state = AuthorizationState::kTerminated; break;
      case GrantCase::kSuspended: a.state = AuthorizationState::kSuspended; break;
      default: break;
    }
    in.authorizations.push_back(a);
    return in;
  }
  GrantKind kind = ch == Channel::kShare ? GrantKind::kShare : GrantKind::kOpen;
  std::string user = kind == GrantKind::kOpen && person ? p.user_id : "";
  if (g == GrantCase::kPending) {
    in.pending.push_back(PendingApplication{kind, r.id, p.organisation_id, user});
    return in;
  }
  Grant grant = MakeGrant("gr_1", kind, r.id, p.organisation_id, user, {"code", "f"}, {kPurpose});
  if (kind == GrantKind::kShare) grant.rows = RowScope{"code", {"33"}};
  switch (g) {
    case GrantCase::kExpired: grant.valid_until = Now() - std::chrono::hours(1); break;
    case GrantCase::kRevoked: grant.state = GrantState::kRevoked; break;
    case GrantCase::kSuspended: grant.state = GrantState::kSuspended; break;
    default: break;
  }
  in.grants.push_back(grant);
  return in;
}

const char* GrantName(GrantCase g) {
  static const char* names[] = {"none", "pending", "active", "expired", "revoked", "suspended"};
  return names[static_cast<int>(g)];
}

struct Tally {
  int cases = 0;
  int allowed = 0;
  int denied = 0;
};

// Runs every case of one channel, counting them in `tally` (void: gtest's ASSERT returns).
void RunChannel(Channel ch, Tally& tally) {
  ManualClock clock(Now());
  const auto people = People();
  const ShareAttribute shares[] = {ShareAttribute::kUnconditional, ShareAttribute::kConditional,
                                   ShareAttribute::kNotShared};
  const OpenAttribute opens[] = {OpenAttribute::kUnconditional, OpenAttribute::kConditional, OpenAttribute::kNotOpen};
  for (const auto& person : people) {
    for (ShareAttribute sa : shares) {
      for (OpenAttribute oa : opens) {
        for (int level = 1; level <= 6; ++level) {
          auto lv = static_cast<ClassificationLevel>(level);
          catalog::Resource r = MakeResource("res", "prov", sa, oa,
                                             {MakeField("code", ClassificationLevel::kGeneral1, "division_code"),
                                              MakeField("f", lv, "mobile")});
          for (int gi = 0; gi < 6; ++gi) {
            auto g = static_cast<GrantCase>(gi);
            AccessPolicy pdp(clock);
            pdp.Install(InputsFor(person.principal, r, ch, g));
            for (bool match : {true, false}) {
              ++tally.cases;
              Expected want = Expect(person.who, ch, sa, oa, lv, g, match);
              Decision d = pdp.Decide(person.principal, r, ch, Action::kRead, {}, match ? kPurpose : kOtherPurpose,
                                      clock.Now());
              std::ostringstream label;
              label << person.name << " channel=" << ChannelCode(ch) << " share=" << catalog::ShareCode(sa)
                    << " open=" << catalog::OpenCode(oa) << " level=" << catalog::LevelCode(lv)
                    << " grant=" << GrantName(g) << " purpose=" << (match ? "matching" : "other");
              ASSERT_FALSE(d.id.empty()) << label.str();
              ASSERT_EQ(d.allow, want.allow) << label.str() << " got code " << d.reason.code;
              if (!want.allow) {
                ++tally.denied;
                EXPECT_EQ(d.reason.code, want.code) << label.str();
                EXPECT_FALSE(d.reason.message.empty()) << label.str();
                EXPECT_FALSE(d.reason.message_zh.empty()) << label.str();
                EXPECT_TRUE(d.fields.empty()) << label.str();
                EXPECT_TRUE(d.grant_id.empty()) << label.str();
                continue;
              }
              ++tally.allowed;
              EXPECT_EQ(d.basis, want.basis) << label.str();
              EXPECT_EQ(FieldList(d), want.fields) << label.str();
              EXPECT_EQ(d.mode, want.mode) << label.str();
              EXPECT_EQ(d.channel, ch) << label.str();
              if (want.row_filter) {
                ASSERT_EQ(d.row_filters.size(), 1u) << label.str();
                EXPECT_EQ(d.row_filters[0].field, "code");
                EXPECT_EQ(d.row_filters[0].op, RowFilterObligation::Op::kPrefix);
                ASSERT_EQ(d.row_filters[0].values.size(), 1u);
                EXPECT_EQ(d.row_filters[0].values[0].as_text(), "33");
              } else {
                EXPECT_TRUE(d.row_filters.empty()) << label.str();
              }
              const bool grant_based = want.basis == "open_grant" || want.basis == "share_grant";
              EXPECT_EQ(d.grant_id, grant_based ? "gr_1" : want.basis == "operation" ? "au_1" : "") << label.str();
            }
          }
        }
      }
    }
  }
}

// 10 people × 3 share × 3 open × 6 levels × 6 grant states × 2 purposes per channel.
constexpr int kCasesPerChannel = 10 * 3 * 3 * 6 * 6 * 2;

TEST(AuthorizationMatrix, OpenChannel) {
  Tally t;
  RunChannel(Channel::kOpen, t);
  EXPECT_EQ(t.cases, kCasesPerChannel);
  EXPECT_GT(t.allowed, 0);
  EXPECT_GT(t.denied, 0);
  std::printf("open channel: %d cases, %d allowed, %d denied\n", t.cases, t.allowed, t.denied);
}

TEST(AuthorizationMatrix, ShareChannel) {
  Tally t;
  RunChannel(Channel::kShare, t);
  EXPECT_EQ(t.cases, kCasesPerChannel);
  EXPECT_GT(t.allowed, 0);
  std::printf("share channel: %d cases, %d allowed, %d denied\n", t.cases, t.allowed, t.denied);
}

TEST(AuthorizationMatrix, OperationChannel) {
  Tally t;
  RunChannel(Channel::kOperation, t);
  EXPECT_EQ(t.cases, kCasesPerChannel);
  EXPECT_GT(t.allowed, 0);
  std::printf("operation channel: %d cases, %d allowed, %d denied\n", t.cases, t.allowed, t.denied);
}

}  // namespace
}  // namespace gongshu::policy
