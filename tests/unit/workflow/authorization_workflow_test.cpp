// 授权运营: drafting, four-eyes approval, activation, suspension, expiry on time, termination and
// exit (which revokes the operator's credentials), separation of duties and object-level checks.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "workflow_fixture.h"

namespace gongshu::workflow {
namespace {

using policy::Channel;
using S = policy::AuthorizationState;

class AuthorizationWorkflowTest : public testing::WorkflowTest {
 protected:
  AuthorizationWorkflowTest() { Register("households"); }

  AuthorizationDraft Draft() {
    AuthorizationDraft d;
    d.operator_org = "op-1";
    d.mode = policy::AuthorizationMode::kScenario;
    d.scenario = "低保资格辅助核查";
    d.resource_ids = {"households"};
    d.actions = {policy::OperationAction::kSandboxAggregate, policy::OperationAction::kVerification};
    d.purposes = {"relief-analysis"};
    d.valid_from = clock_.Now();
    d.valid_until = clock_.Now() + std::chrono::hours(24 * 365);
    d.conditions = "仅在平台沙箱内计算，结果经审核后输出";
    d.security_duties = "运营机构承担数据安全主体责任";
    d.agreement_sha256 = std::string(64, 'c');
    return d;
  }

  std::string Active() {
    auto draft = wf_->authorizations().Create(As(authority_), Draft());
    Check(draft.ok() ? Ok() : Status(draft.error()));
    auto approved = wf_->authorizations().Move(As(authority2_), draft->authorization.id, "approved", "");
    Check(approved.ok() ? Ok() : Status(approved.error()));
    auto active = wf_->authorizations().Move(As(authority_), draft->authorization.id, "active", "");
    Check(active.ok() ? Ok() : Status(active.error()));
    return draft->authorization.id;
  }
};

TEST_F(AuthorizationWorkflowTest, LifecycleFromDraftToExit) {
  auto draft = wf_->authorizations().Create(As(authority_), Draft());
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  const std::string id = draft->authorization.id;
  EXPECT_EQ(draft->authorization.agency_org, "bureau");
  EXPECT_EQ(draft->authorization.state, S::kDraft);
  // A draft is the agency's: the operator does not see it, and nobody serves from it.
  EXPECT_EQ(wf_->authorizations().Get(As(analyst_), id).error().code, "authorization.not_found");
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.authorization_pending");
  // Four eyes: the drafter cannot approve.
  EXPECT_EQ(wf_->authorizations().Move(As(authority_), id, "approved", "").error().code, "workflow.self_approval");
  ASSERT_TRUE(wf_->authorizations().Move(As(authority2_), id, "approved", "").ok());
  EXPECT_TRUE(wf_->authorizations().Get(As(analyst_), id).ok());
  EXPECT_TRUE(wf_->authorizations().Get(As(auditor_), id).ok());
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.authorization_pending");
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), id, "active", "").ok());
  policy::Decision d = Decide(analyst_, "households", Channel::kOperation, "relief-analysis");
  ASSERT_TRUE(d.allow) << d.reason.message;
  EXPECT_EQ(d.grant_id, id);
  EXPECT_EQ(d.mode, policy::AccessMode::kAggregateOnly);
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "marketing").reason.code, "policy.purpose_not_granted");
  EXPECT_EQ(Decide(operator2_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.no_authorization");

  EXPECT_EQ(wf_->authorizations().Move(As(authority_), id, "suspended", "").error().code, "workflow.reason_required");
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), id, "suspended", "安全检查").ok());
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.authorization_suspended");
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), id, "active", "").ok());
  EXPECT_TRUE(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").allow);
  // Exit only after expiry or termination.
  EXPECT_EQ(wf_->authorizations().Exit(As(authority_), id, "退出").error().code, "workflow.illegal_transition");
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), id, "terminated", "违反安全责任").ok());
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.authorization_ended");
  EXPECT_TRUE(revoker_.revoked.empty());
  auto exited = wf_->authorizations().Exit(As(authority_), id, "终止后退出，数据已删除");
  ASSERT_TRUE(exited.ok()) << exited.error().message;
  EXPECT_EQ(exited->authorization.state, S::kExited);
  EXPECT_EQ(revoker_.revoked, (std::vector<std::string>{"op-1"}));
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.no_authorization");
  EXPECT_EQ(trail_.KindsFor(id),
            (std::vector<std::string>{"authorization.draft", "authorization.approved", "authorization.active",
                                      "authorization.suspended", "authorization.active", "authorization.terminated",
                                      "authorization.exited"}));
  // Exited is final.
  for (std::string_view to : {"active", "approved", "suspended", "terminated"}) {
    EXPECT_EQ(wf_->authorizations().Move(As(authority_), id, to, "x").error().code, "workflow.illegal_transition");
  }
}

TEST_F(AuthorizationWorkflowTest, ExpiresExactlyAtTheEndOfItsTerm) {
  std::string id = Active();
  auto r = wf_->authorizations().Get(As(authority_), id);
  TimePoint end = r->authorization.valid_until;
  EXPECT_EQ(wf_->Tick(end - std::chrono::microseconds(1))->expired, 0);
  clock_.Set(end - std::chrono::microseconds(1));
  EXPECT_TRUE(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").allow);
  clock_.Set(end);
  // The decision point stops at the end of the term even before the timer runs …
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code,
            "policy.authorization_expired");
  // … and the timer records the expiry.
  EXPECT_EQ(wf_->Tick(end)->expired, 1);
  EXPECT_EQ(wf_->authorizations().Get(As(authority_), id)->authorization.state, S::kExpired);
  EXPECT_EQ(wf_->authorizations().Move(As(authority_), id, "active", "").error().code, "workflow.illegal_transition");
  ASSERT_TRUE(wf_->authorizations().Exit(As(authority_), id, "期满退出").ok());
}

TEST_F(AuthorizationWorkflowTest, OperatorsCannotEditTheirOwnAuthorization) {
  std::string id = Active();
  AuthorizationDraft wider = Draft();
  wider.purposes = {"relief-analysis", "marketing"};
  for (const auto& op : {analyst_, operator_admin_}) {
    EXPECT_EQ(wf_->authorizations().Edit(As(op), id, wider).error().code, "workflow.operator_cannot_edit");
    EXPECT_EQ(wf_->authorizations().Move(As(op), id, "suspended", "x").error().code, "workflow.operator_cannot_edit");
    EXPECT_EQ(wf_->authorizations().Exit(As(op), id, "x").error().code, "workflow.operator_cannot_edit");
    EXPECT_EQ(wf_->authorizations().Create(As(op), wider).error().code, "workflow.operator_cannot_edit");
  }
  // The authority edits drafts only.
  EXPECT_EQ(wf_->authorizations().Edit(As(authority_), id, wider).error().code, "authorization.not_draft");
  auto draft = wf_->authorizations().Create(As(authority_), Draft());
  ASSERT_TRUE(draft.ok());
  auto edited = wf_->authorizations().Edit(As(authority_), draft->authorization.id, wider);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->authorization.purposes.size(), 2u);
  EXPECT_EQ(edited->created_by, "u-auth");
}

TEST_F(AuthorizationWorkflowTest, ObjectLevelChecks) {
  std::string id = Active();
  for (const auto& stranger : {operator2_, consumer_b_, steward_a_, person_, enterprise_}) {
    EXPECT_EQ(wf_->authorizations().Get(As(stranger), id).error().code, "authorization.not_found");
    EXPECT_EQ(wf_->authorizations().Move(As(stranger), id, "suspended", "x").error().code, "authorization.not_found");
    EXPECT_EQ(wf_->authorizations().Exit(As(stranger), id, "x").error().code, "authorization.not_found");
    EXPECT_EQ(wf_->authorizations().Edit(As(stranger), id, Draft()).error().code, "authorization.not_found");
    EXPECT_TRUE(wf_->authorizations().List(As(stranger), "")->empty());
  }
  // Another authority organisation is a stranger too.
  policy::Principal other_authority = testing::Person("u-x", "bureau-2", OK::kAuthority, {R::kAuthorityAdmin});
  EXPECT_EQ(wf_->authorizations().Get(As(other_authority), id).error().code, "authorization.not_found");
  EXPECT_EQ(wf_->authorizations().List(As(analyst_), "")->size(), 1u);
  EXPECT_EQ(wf_->authorizations().Get(As(analyst_), "au_0000000000000000").error().code, "authorization.not_found");
  EXPECT_EQ(wf_->authorizations().Get(As(analyst_), "../../etc").error().code, "authorization.not_found");
}

TEST_F(AuthorizationWorkflowTest, DraftsAreValidated) {
  const size_t events = trail_.Count();
  auto expect = [&](AuthorizationDraft d, const std::string& code) {
    auto r = wf_->authorizations().Create(As(authority_), d);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code);
  };
  AuthorizationDraft d = Draft();
  d.operator_org = "dept-b";
  expect(d, "authorization.bad_operator");
  d = Draft();
  d.resource_ids = {"venues"};  // not registered
  expect(d, "authorization.resource_not_registered");
  d = Draft();
  d.resource_ids = {"ghost"};
  expect(d, "authorization.unknown_resource");
  d = Draft();
  d.mode = policy::AuthorizationMode::kDomain;
  expect(d, "authorization.bad_scope");
  d.resource_ids.clear();
  d.domains = {"astrology"};
  expect(d, "authorization.unknown_domain");
  d = Draft();
  d.mode = policy::AuthorizationMode::kWhole;
  expect(d, "authorization.bad_scope");
  d = Draft();
  d.actions.clear();
  expect(d, "authorization.no_actions");
  d = Draft();
  d.purposes = {};
  expect(d, "authorization.bad_purpose");
  d = Draft();
  d.valid_until = d.valid_from;
  expect(d, "authorization.bad_term");
  d = Draft();
  d.valid_until = d.valid_from + std::chrono::hours(24 * 2000);
  expect(d, "authorization.term_too_long");
  d = Draft();
  d.agreement_sha256 = "not-a-hash";
  expect(d, "authorization.bad_agreement");
  d = Draft();
  d.agency_org = "dept-a";
  expect(d, "authorization.foreign_agency");
  EXPECT_EQ(wf_->authorizations().Create(As(steward_a_), Draft()).error().code, "workflow.not_permitted");
  EXPECT_EQ(trail_.Count(), events);
  EXPECT_EQ(CountRows("operation_authorizations"), 0);

  d = Draft();
  d.mode = policy::AuthorizationMode::kWhole;
  d.resource_ids.clear();
  d.scenario.clear();
  EXPECT_TRUE(wf_->authorizations().Create(As(authority_), d).ok());
  d.mode = policy::AuthorizationMode::kDomain;
  d.domains = {"population"};
  EXPECT_TRUE(wf_->authorizations().Create(As(authority_), d).ok());
}

TEST_F(AuthorizationWorkflowTest, ExitNeedsTheRevokerAndIsAllOrNothing) {
  std::string id = Active();
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), id, "terminated", "违约").ok());
  revoker_.failing = true;
  auto failed = wf_->authorizations().Exit(As(authority_), id, "退出");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(wf_->authorizations().Get(As(authority_), id)->authorization.state, S::kTerminated);
  wf_->SetCredentialRevoker(nullptr);
  EXPECT_EQ(wf_->authorizations().Exit(As(authority_), id, "退出").error().code, "workflow.revoker_unavailable");
  wf_->SetCredentialRevoker(&revoker_);
  revoker_.failing = false;
  EXPECT_EQ(wf_->authorizations().Exit(As(authority_), id, "").error().code, "workflow.reason_required");
  ASSERT_TRUE(wf_->authorizations().Exit(As(authority_), id, "退出").ok());
}

// The same workflow with the real durable audit log behind the trail: every transition is an
// entry with a durable index, and the transition row points at it.
class AuditLogTrail final : public audit::AuditTrail {
 public:
  explicit AuditLogTrail(audit::AuditLog& log) : log_(log) {}
  Result<uint64_t> Record(const audit::AuditEvent& e) override { return log_.Append(e); }

 private:
  audit::AuditLog& log_;
};

TEST_F(AuthorizationWorkflowTest, TransitionsLandInTheDurableAuditLog) {
  auto log = audit::AuditLog::Open({.directory = dir_.path() / "audit", .origin = "gongshu.test/audit"});
  ASSERT_TRUE(log.ok()) << log.error().message;
  AuditLogTrail trail(**log);
  policy::AccessPolicy pdp(clock_);
  Workflows wf(*engine_, *catalog_, pdp, trail, clock_);
  ASSERT_TRUE(wf.Load().ok());
  auto app = wf.shares().Submit(As(consumer_b_), [] {
    ShareRequest r;
    r.resource_id = "venues";
    r.purposes = {"venue-check"};
    r.scenario = "场馆安全检查";
    r.fields = {"code", "title"};
    return r;
  }());
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ((*log)->Size(), 4u);  // submitted, compliance_checked, grant.active, approved
  auto decoded = audit::DecodeEntry(*(*log)->ReadEntry(3));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->kind, "share_application.approved");
  EXPECT_EQ(decoded->object_id, app->id);
  EXPECT_EQ(decoded->grant_id, app->grant_id);
  auto s = Lease();
  auto history = TransitionLog::History(*s, "share_application", app->id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->back().audit_index, 3u);
  (*log)->Close();
  EXPECT_EQ(wf.shares().Submit(As(consumer_c_), [] {
                ShareRequest r;
                r.resource_id = "venues";
                r.purposes = {"venue-check"};
                r.scenario = "场馆安全检查";
                r.fields = {"code"};
                return r;
              }())
                .error()
                .code,
            "audit.unavailable");
}

}  // namespace
}  // namespace gongshu::workflow
