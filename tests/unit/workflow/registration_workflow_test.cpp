// 登记: 首次 / 变更 / 更正 / 注销, review, public notice on the working-day calendar, codes, and the
// effect of 注销 on operation authorizations.
#include <gtest/gtest.h>

#include "workflow/registration_code.h"
#include "workflow_fixture.h"

namespace gongshu::workflow {
namespace {

using policy::Channel;
using testing::Cst;

class RegistrationWorkflowTest : public testing::WorkflowTest {};

TEST_F(RegistrationWorkflowTest, FirstRegistrationThroughNoticeToCode) {
  auto app = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, "households", "首次登记"});
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->state, "submitted");
  EXPECT_NE(app->content.find("\"level\":\"core\""), std::string::npos);  // the metadata registered
  // Notices are public only once noticed.
  EXPECT_TRUE(wf_->registrations().Notices()->empty());
  auto approved = wf_->registrations().Approve(As(authority_), app->id, "");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->state, "noticed");
  EXPECT_EQ(approved->reviewer_id, "u-auth");
  // Monday 10:00 + 5 working days → the end of Monday Oct 5.
  ASSERT_TRUE(approved->notice_until.has_value());
  EXPECT_EQ(*approved->notice_until, Cst(2026, 10, 6, 0));
  ASSERT_EQ(wf_->registrations().Notices()->size(), 1u);
  EXPECT_EQ(trail_.KindsFor(app->id), (std::vector<std::string>{"registration.submitted", "registration.approved",
                                                                 "registration.noticed"}));

  EXPECT_EQ(wf_->Tick(*approved->notice_until - std::chrono::microseconds(1))->registered, 0);
  EXPECT_TRUE(wf_->registrations().Registry()->empty());
  EXPECT_EQ(wf_->Tick(*approved->notice_until)->registered, 1);
  auto done = wf_->registrations().Get(As(steward_a_), app->id);
  EXPECT_EQ(done->state, "registered");
  ASSERT_TRUE(ParseRegistrationCode(done->registration_code)) << done->registration_code;
  EXPECT_EQ(done->registration_code, *MakeRegistrationCode({'1', RegisteredObject::kResource, "100000", 2026, 1}));
  auto registry = wf_->registrations().Registry();
  ASSERT_EQ(registry->size(), 1u);
  EXPECT_EQ((*registry)[0].resource_id, "households");
  EXPECT_EQ((*registry)[0].revision, 1);
  EXPECT_TRUE(policy_->Snapshot()->IsRegistered("households"));

  // A second resource gets the next serial; the code of the first never changes.
  std::string second = Register("venues");
  EXPECT_EQ(second, *MakeRegistrationCode({'1', RegisteredObject::kResource, "100000", 2026, 2}));

  // 变更 keeps the code and counts a revision.
  auto change = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kChange, "households", "新增字段"});
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->registration_code, done->registration_code);
  auto noticed = wf_->registrations().Approve(As(authority_), change->id, "");
  ASSERT_TRUE(noticed.ok());
  ASSERT_EQ(wf_->Tick(*noticed->notice_until)->registered, 1);
  registry = wf_->registrations().Registry();
  EXPECT_EQ((*registry)[0].code, done->registration_code);
  EXPECT_EQ((*registry)[0].revision, 2);
}

TEST_F(RegistrationWorkflowTest, RulesOfSubmission) {
  EXPECT_EQ(wf_->registrations().Submit(As(consumer_a_), {RegistrationKind::kInitial, "households", ""}).error().code,
            "registration.not_provider");
  EXPECT_EQ(wf_->registrations().Submit(As(steward_b_), {RegistrationKind::kInitial, "households", ""}).error().code,
            "resource.not_found");  // another department's resource
  EXPECT_EQ(wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kChange, "households", ""}).error().code,
            "registration.not_registered");
  EXPECT_EQ(wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kCancellation, "households", ""}).error().code,
            "registration.not_registered");
  auto first = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, "households", ""});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, "households", ""}).error().code,
            "registration.pending");
  ASSERT_TRUE(wf_->registrations().Withdraw(As(steward_a_), first->id).ok());
  Register("households");
  EXPECT_EQ(wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, "households", ""}).error().code,
            "registration.already_registered");
  EXPECT_EQ(CountRows("registration_applications"), 2);
}

TEST_F(RegistrationWorkflowTest, ReviewIsTheAuthoritysAndObjectionsCanStopANotice) {
  auto app = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kInitial, "households", ""});
  ASSERT_TRUE(app.ok());
  // The applicant cannot approve their own application; another steward of the provider may not either.
  EXPECT_EQ(wf_->registrations().Approve(As(steward_a_), app->id, "").error().code, "workflow.self_approval");
  policy::Principal steward_a2 = testing::Person("u-sa2", "dept-a", OK::kDepartment, {R::kDepartmentSteward});
  EXPECT_EQ(wf_->registrations().Approve(As(steward_a2), app->id, "").error().code, "workflow.not_permitted");
  EXPECT_EQ(wf_->registrations().Approve(As(auditor_), app->id, "").error().code, "workflow.not_permitted");
  EXPECT_EQ(wf_->registrations().Approve(As(steward_b_), app->id, "").error().code, "registration.not_found");
  EXPECT_EQ(wf_->registrations().Reject(As(authority_), app->id, "").error().code, "workflow.reason_required");
  auto noticed = wf_->registrations().Approve(As(authority_), app->id, "");
  ASSERT_TRUE(noticed.ok());
  EXPECT_EQ(wf_->registrations().Approve(As(authority_), app->id, "").error().code, "workflow.illegal_transition");
  EXPECT_EQ(wf_->registrations().Withdraw(As(steward_a_), app->id).error().code, "workflow.illegal_transition");
  auto stopped = wf_->registrations().Reject(As(authority2_), app->id, "公示期间收到异议，信息项描述不准确");
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped->state, "rejected");
  EXPECT_EQ(wf_->Tick(*noticed->notice_until)->registered, 0);
  EXPECT_TRUE(wf_->registrations().Registry()->empty());
  // Visibility: the provider, the authority and auditors.
  EXPECT_TRUE(wf_->registrations().Get(As(auditor_), app->id).ok());
  EXPECT_TRUE(wf_->registrations().Get(As(consumer_a_), app->id).ok());
  EXPECT_EQ(wf_->registrations().Get(As(consumer_b_), app->id).error().code, "registration.not_found");
  EXPECT_TRUE(wf_->registrations().List(As(consumer_b_), "")->empty());
  EXPECT_EQ(wf_->registrations().List(As(authority_), "")->size(), 1u);
}

TEST_F(RegistrationWorkflowTest, CancellationWithdrawsTheResourceFromAuthorizationsAtOnce) {
  Register("households");
  AuthorizationDraft d;
  d.operator_org = "op-1";
  d.mode = policy::AuthorizationMode::kScenario;
  d.scenario = "低保资格辅助核查";
  d.resource_ids = {"households"};
  d.actions = {policy::OperationAction::kSandboxAggregate};
  d.purposes = {"relief-analysis"};
  d.valid_from = clock_.Now();
  d.valid_until = clock_.Now() + std::chrono::hours(24 * 365);
  d.agreement_sha256 = std::string(64, 'a');
  auto draft = wf_->authorizations().Create(As(authority_), d);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  ASSERT_TRUE(wf_->authorizations().Move(As(authority2_), draft->authorization.id, "approved", "").ok());
  ASSERT_TRUE(wf_->authorizations().Move(As(authority_), draft->authorization.id, "active", "").ok());
  policy::Decision before = Decide(analyst_, "households", Channel::kOperation, "relief-analysis");
  ASSERT_TRUE(before.allow) << before.reason.message;
  EXPECT_EQ(before.mode, policy::AccessMode::kAggregateOnly);

  auto cancel = wf_->registrations().Submit(As(steward_a_), {RegistrationKind::kCancellation, "households", "停止提供"});
  ASSERT_TRUE(cancel.ok());
  EXPECT_TRUE(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").allow);  // not yet
  auto done = wf_->registrations().Approve(As(authority_), cancel->id, "");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->state, "deregistered");
  EXPECT_EQ(Decide(analyst_, "households", Channel::kOperation, "relief-analysis").reason.code, "policy.not_registered");
  EXPECT_EQ((*wf_->registrations().Registry())[0].state, "deregistered");
  // And it cannot be named in a new authorization.
  EXPECT_EQ(wf_->authorizations().Create(As(authority_), d).error().code, "authorization.resource_not_registered");
  // Registering it again yields a new code.
  std::string again = Register("households");
  EXPECT_EQ(again, *MakeRegistrationCode({'1', RegisteredObject::kResource, "100000", 2026, 2}));
}

TEST_F(RegistrationWorkflowTest, TheRegionSettingShapesNewCodes) {
  ASSERT_TRUE(wf_->settings().Update(As(authority_), {{"registration_region", "330000"}}).ok());
  std::string code = Register("venues");
  auto parts = ParseRegistrationCode(code);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->level, '2');
  EXPECT_EQ(parts->region, "330000");
  EXPECT_EQ(parts->year, 2026);
}

}  // namespace
}  // namespace gongshu::workflow
