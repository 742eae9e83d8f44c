// 共享: application, automatic compliance check, provider reply, SLA escalation on the
// working-day calendar, purpose-bound grants, revocation, separation of duties, object-level
// checks, bad input and the audit log's veto — against a real database and the real decision point.
#include <gtest/gtest.h>

#include "workflow_fixture.h"

namespace gongshu::workflow {
namespace {

using policy::Channel;
using testing::Cst;

class ShareWorkflowTest : public testing::WorkflowTest {
 protected:
  ShareRequest Request(std::string resource = "households") {
    ShareRequest r;
    r.resource_id = std::move(resource);
    r.purposes = {"social-assistance"};
    r.scenario = "最低生活保障资格核查";
    if (r.resource_id == "households") r.fields = {"code", "name", "income", "mobile"};
    if (r.resource_id == "venues") r.fields = {"code", "title", "address", "phone"};
    if (r.resource_id == "planned") r.fields = {"code"};
    r.term_days = 365;
    return r;
  }

  void SetNationalDay() {
    auto day = [&](unsigned d, CalendarDayKind kind, const char* name) {
      auto r = wf_->calendar().SetDay(As(authority_), {DaysFromCivil({2026, 10, d}), kind, name, ""});
      if (!r.ok()) throw std::runtime_error(r.error().message);
    };
    for (unsigned d : {1u, 2u, 5u, 6u, 7u}) day(d, CalendarDayKind::kHoliday, "国庆节");
    day(10, CalendarDayKind::kWorkday, "国庆节调休");
  }
};

TEST_F(ShareWorkflowTest, ConditionalShareFromApplicationToPurposeBoundGrant) {
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->state, "compliance_checked");
  EXPECT_EQ(trail_.KindsFor(app->id),
            (std::vector<std::string>{"share_application.submitted", "share_application.compliance_checked"}));
  // The compliance check is the system's, recorded as such.
  auto events = trail_.Events();
  EXPECT_EQ(events.back().principal_id, "system");
  EXPECT_EQ(events.back().channel, audit::Channel::kWorkflow);
  EXPECT_NE(events.back().before_hash, events.back().after_hash);
  auto history = [&] {
    auto s = Lease();
    return TransitionLog::History(*s, "share_application", app->id);
  }();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].from, "submitted");
  EXPECT_EQ((*history)[1].to, "compliance_checked");
  EXPECT_EQ((*history)[1].actor_id, "system");

  // Pending: the consumer is told so.
  EXPECT_EQ(Decide(consumer_b_, "households", Channel::kShare, "social-assistance").reason.code, "policy.grant_pending");

  ShareApproval approval;
  approval.fields = std::vector<std::string>{"code", "mobile"};
  approval.rows = policy::RowScope{"code", {"3301"}};
  approval.term_days = 90;
  auto approved = wf_->shares().Approve(As(steward_a_), app->id, approval);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->state, "approved");
  ASSERT_FALSE(approved->grant_id.empty());

  auto grant = wf_->grants().Get(As(consumer_b_), approved->grant_id);
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(grant->grant.fields, (std::vector<std::string>{"code", "mobile"}));
  EXPECT_EQ(grant->grant.rows.prefixes, (std::vector<std::string>{"3301"}));
  EXPECT_EQ(grant->grant.valid_until - grant->grant.valid_from, std::chrono::hours(24 * 90));
  EXPECT_EQ(grant->EffectiveState(clock_.Now()), "active");

  // The decision point sees the grant at once: the granted fields, 一般4 masked, the row scope.
  policy::Decision d = Decide(consumer_b_, "households", Channel::kShare, "social-assistance");
  ASSERT_TRUE(d.allow) << d.reason.message;
  EXPECT_EQ(d.grant_id, approved->grant_id);
  ASSERT_EQ(d.fields.size(), 2u);
  EXPECT_EQ(d.fields[0].name, "code");
  EXPECT_EQ(d.fields[1].name, "mobile");
  EXPECT_EQ(d.fields[1].mask, "mobile");
  ASSERT_EQ(d.row_filters.size(), 1u);
  EXPECT_EQ(d.row_filters[0].values[0].as_text(), "3301");
  // Another purpose, another department, another channel: denied.
  EXPECT_EQ(Decide(consumer_b_, "households", Channel::kShare, "tax-audit").reason.code, "policy.purpose_not_granted");
  EXPECT_EQ(Decide(consumer_c_, "households", Channel::kShare, "social-assistance").reason.code, "policy.no_grant");
  // The same department's other consumers share the department's grant.
  EXPECT_TRUE(Decide(consumer_b2_, "households", Channel::kShare, "social-assistance").allow);

  // Expiry is by time: the grant ends exactly at valid_until.
  clock_.Set(grant->grant.valid_until - std::chrono::microseconds(1));
  EXPECT_TRUE(Decide(consumer_b_, "households", Channel::kShare, "social-assistance").allow);
  clock_.Set(grant->grant.valid_until);
  EXPECT_EQ(Decide(consumer_b_, "households", Channel::kShare, "social-assistance").reason.code, "policy.grant_expired");
}

TEST_F(ShareWorkflowTest, UnconditionalShareIsGrantedByTheSystemAfterTheCheck) {
  ShareRequest req = Request("venues");
  req.fields = {};  // every field the share channel can release
  auto app = wf_->shares().Submit(As(consumer_b_), req);
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->state, "approved");
  EXPECT_EQ(app->reviewer_id, "system");
  EXPECT_EQ(app->fields, (std::vector<std::string>{"code", "title", "address", "phone"}));
  EXPECT_EQ(trail_.KindsFor(app->id),
            (std::vector<std::string>{"share_application.submitted", "share_application.compliance_checked",
                                      "share_application.approved"}));
  EXPECT_EQ(trail_.KindsFor(app->grant_id), (std::vector<std::string>{"grant.active"}));
  policy::Decision d = Decide(consumer_b_, "venues", Channel::kShare, "social-assistance");
  ASSERT_TRUE(d.allow);
  EXPECT_EQ(d.fields.size(), 4u);
  EXPECT_EQ(d.fields[3].mask, "mobile");  // 一般4 masked even when shared unconditionally
}

TEST_F(ShareWorkflowTest, RevocationAndSuspensionTakeEffectImmediately) {
  auto app = wf_->shares().Submit(As(consumer_b_), Request("venues"));
  ASSERT_TRUE(app.ok());
  const std::string gid = app->grant_id;
  ASSERT_TRUE(Decide(consumer_b_, "venues", Channel::kShare, "social-assistance").allow);
  auto suspended = wf_->grants().Suspend(As(steward_a_), gid, "核查数据使用情况");
  ASSERT_TRUE(suspended.ok()) << suspended.error().message;
  EXPECT_EQ(Decide(consumer_b_, "venues", Channel::kShare, "social-assistance").reason.code, "policy.grant_suspended");
  ASSERT_TRUE(wf_->grants().Resume(As(steward_a_), gid, "").ok());
  EXPECT_TRUE(Decide(consumer_b_, "venues", Channel::kShare, "social-assistance").allow);
  // The holder cannot revoke or suspend; a foreign department does not even see the grant.
  EXPECT_EQ(wf_->grants().Revoke(As(consumer_b_), gid, "x").error().code, "workflow.not_permitted");
  EXPECT_EQ(wf_->grants().Revoke(As(steward_c_), gid, "x").error().code, "grant.not_found");
  EXPECT_EQ(wf_->grants().Revoke(As(steward_a_), gid, "").error().code, "workflow.reason_required");
  auto revoked = wf_->grants().Revoke(As(authority_), gid, "超范围使用");
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(Decide(consumer_b_, "venues", Channel::kShare, "social-assistance").reason.code, "policy.grant_revoked");
  // Revoked is terminal.
  EXPECT_EQ(wf_->grants().Resume(As(steward_a_), gid, "").error().code, "workflow.illegal_transition");
  EXPECT_EQ(wf_->grants().Suspend(As(steward_a_), gid, "x").error().code, "workflow.illegal_transition");
  EXPECT_EQ(trail_.KindsFor(gid),
            (std::vector<std::string>{"grant.active", "grant.suspended", "grant.active", "grant.revoked"}));
}

TEST_F(ShareWorkflowTest, EscalationFiresExactlyAtTheDeadlineOnTheHolidayCalendar) {
  SetNationalDay();
  clock_.Set(Cst(2026, 9, 30, 14));  // Wednesday before National Day
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok()) << app.error().message;
  // 5 working days: Oct 8, 9, 10 (make-up Saturday), 12, 13 → the end of Tuesday Oct 13.
  const TimePoint due = Cst(2026, 10, 14, 0);
  ASSERT_TRUE(app->reply_due.has_value());
  EXPECT_EQ(*app->reply_due, due);
  EXPECT_EQ(app->compliance_due, Cst(2026, 10, 10, 0));  // 2 working days: Oct 8, 9

  auto tick = wf_->Tick(due - std::chrono::microseconds(1));
  ASSERT_TRUE(tick.ok());
  EXPECT_EQ(tick->escalated, 0);
  EXPECT_EQ(wf_->shares().Get(As(consumer_b_), app->id)->state, "compliance_checked");
  EXPECT_TRUE(wf_->shares().Escalations(As(authority_))->empty());

  tick = wf_->Tick(due);
  ASSERT_TRUE(tick.ok());
  EXPECT_EQ(tick->escalated, 1);
  auto escalated = wf_->shares().Get(As(consumer_b_), app->id);
  EXPECT_EQ(escalated->state, "escalated");
  EXPECT_EQ(*escalated->escalated_at, due);
  auto queue = wf_->shares().Escalations(As(authority_));
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].id, app->id);
  EXPECT_EQ(wf_->shares().Escalations(As(steward_a_)).error().code, "workflow.not_permitted");
  EXPECT_EQ(trail_.KindsFor(app->id).back(), "share_application.escalated");
  // Ticking again changes nothing.
  EXPECT_EQ(wf_->Tick(due + std::chrono::hours(1))->escalated, 0);
  // The provider may still answer; the authority may reject after coordination but not approve.
  EXPECT_EQ(wf_->shares().Approve(As(authority_), app->id, {}).error().code, "share.not_provider_steward");
  ASSERT_TRUE(wf_->shares().Approve(As(steward_a_), app->id, {}).ok());
}

TEST_F(ShareWorkflowTest, UnpublishedResourcesGetTenWorkingDays) {
  clock_.Set(Cst(2026, 9, 28, 10));  // Monday, no holidays configured
  // An unregistered draft of another department cannot even be named …
  EXPECT_EQ(wf_->shares().Submit(As(consumer_b_), [&] {
              ShareRequest r = Request("planned");
              return r;
            }())
                .error()
                .code,
            "resource.not_found");
  // … a registered one (登记 is public) can, before its data is published.
  Register("planned");
  auto app = wf_->shares().Submit(As(consumer_b_), [&] {
    ShareRequest r = Request("planned");
    r.fields = {"code"};
    return r;
  }());
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(*app->reply_due, Cst(2026, 10, 13, 0));  // Sep 29 … Oct 12: ten weekdays
  ASSERT_TRUE(wf_->settings().Update(As(authority_), {{"share_reply_unpublished_working_days", "3"}}).ok());
  ASSERT_TRUE(wf_->shares().Withdraw(As(consumer_b_), app->id).ok());
  auto again = wf_->shares().Submit(As(consumer_b_), [&] {
    ShareRequest r = Request("planned");
    r.fields = {"code"};
    return r;
  }());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->reply_due, Cst(2026, 10, 2, 0));
}

TEST_F(ShareWorkflowTest, SeparationOfDuties) {
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok());
  // Only a steward of the provider department approves: not the authority, not a consumer of the
  // provider department, not a steward of the applicant's department.
  EXPECT_EQ(wf_->shares().Approve(As(authority_), app->id, {}).error().code, "share.not_provider_steward");
  EXPECT_EQ(wf_->shares().Approve(As(consumer_a_), app->id, {}).error().code, "share.not_provider_steward");
  EXPECT_EQ(wf_->shares().Approve(As(steward_b_), app->id, {}).error().code, "share.not_provider_steward");
  EXPECT_EQ(wf_->shares().Reject(As(consumer_b_), app->id, "x").error().code, "workflow.self_approval");
  EXPECT_EQ(wf_->shares().Reject(As(consumer_b2_), app->id, "x").error().code, "workflow.not_permitted");
  // A person who is both steward of the provider and the applicant cannot decide their own.
  policy::Principal both = consumer_b_;
  both.organisation_id = "dept-a";
  both.roles = {policy::Role::kDepartmentSteward, policy::Role::kDepartmentConsumer};
  EXPECT_EQ(wf_->shares().Approve(As(both), app->id, {}).error().code, "workflow.self_approval");
  EXPECT_EQ(wf_->shares().Reject(As(both), app->id, "自己驳回").error().code, "workflow.self_approval");
  // A department does not apply for its own resource.
  EXPECT_EQ(wf_->shares().Submit(As(consumer_a_), Request()).error().code, "share.own_resource");
  EXPECT_EQ(wf_->shares().Get(As(consumer_b_), app->id)->state, "compliance_checked");
}

TEST_F(ShareWorkflowTest, ForeignOrganisationsSeeNothing) {
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok());
  for (const auto& stranger : {consumer_c_, steward_c_, analyst_, person_, enterprise_}) {
    EXPECT_EQ(wf_->shares().Get(As(stranger), app->id).error().code, "share_application.not_found");
    EXPECT_EQ(wf_->shares().Approve(As(stranger), app->id, {}).error().code, "share_application.not_found");
    EXPECT_EQ(wf_->shares().Reject(As(stranger), app->id, "x").error().code, "share_application.not_found");
    EXPECT_EQ(wf_->shares().Withdraw(As(stranger), app->id).error().code, "share_application.not_found");
    EXPECT_TRUE(wf_->shares().List(As(stranger), ApplicationView::kAll, "")->empty());
  }
  EXPECT_TRUE(wf_->shares().Get(As(steward_a_), app->id).ok());
  EXPECT_TRUE(wf_->shares().Get(As(authority_), app->id).ok());
  EXPECT_EQ(wf_->shares().List(As(steward_a_), ApplicationView::kReceived, "")->size(), 1u);
  EXPECT_EQ(wf_->shares().List(As(steward_a_), ApplicationView::kApplied, "")->size(), 0u);
  EXPECT_EQ(wf_->shares().List(As(consumer_b_), ApplicationView::kApplied, "compliance_checked")->size(), 1u);
  EXPECT_EQ(wf_->shares().List(As(consumer_b_), ApplicationView::kAll, "nope").error().code, "workflow.unknown_state");
  // Forged ids: wrong shape or unknown.
  for (std::string id : std::vector<std::string>{"sa_0000000000000000", "sa_zz", "'; DROP TABLE grants; --", "", app->id + "0"}) {
    EXPECT_EQ(wf_->shares().Get(As(consumer_b_), id).error().code, "share_application.not_found") << id;
  }
}

TEST_F(ShareWorkflowTest, BadInputChangesNothing) {
  const size_t events = trail_.Count();
  auto expect = [&](ShareRequest r, const std::string& code, const policy::Principal& who) {
    auto res = wf_->shares().Submit(As(who), std::move(r));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, code);
    EXPECT_FALSE(res.error().message_zh.empty());
  };
  ShareRequest r = Request();
  expect(r, "share.not_consumer", steward_b_);
  expect(r, "share.not_consumer", person_);
  r.resource_id = "ghost";
  expect(r, "resource.not_found", consumer_b_);
  expect(Request("sealed"), "share.not_shared", consumer_b_);
  r = Request();
  r.purposes = {};
  expect(r, "share.bad_purpose", consumer_b_);
  r.purposes = {"社会救助"};
  expect(r, "share.bad_purpose", consumer_b_);
  r.purposes = {"a", "a"};
  expect(r, "share.bad_purpose", consumer_b_);
  r = Request();
  r.scenario = "  ";
  expect(r, "share.bad_scenario", consumer_b_);
  r.scenario = std::string(5000, 'x');
  expect(r, "share.bad_scenario", consumer_b_);
  r = Request();
  r.fields = {"code", "nope"};
  expect(r, "share.unknown_field", consumer_b_);
  r.fields = {"code", "code"};
  expect(r, "share.duplicate_field", consumer_b_);
  r.fields = {"secret"};
  expect(r, "share.field_not_available", consumer_b_);  // 核心数据
  r = Request();
  r.rows = {"nope", {"33"}};
  expect(r, "share.unknown_field", consumer_b_);
  r.rows = {"code", {}};
  expect(r, "share.bad_row_scope", consumer_b_);
  r.rows = {"code", {"33%"}};
  expect(r, "share.bad_row_scope", consumer_b_);
  r = Request();
  r.term_days = 0;
  expect(r, "share.bad_term", consumer_b_);
  r.term_days = 5000;
  expect(r, "share.bad_term", consumer_b_);
  EXPECT_EQ(trail_.Count(), events);
  EXPECT_EQ(CountRows("share_applications"), 0);
  EXPECT_EQ(CountRows("workflow_transitions"), 0);

  // Approvals can only narrow.
  ShareRequest scoped = Request();
  scoped.rows = {"code", {"33"}};
  auto app = wf_->shares().Submit(As(consumer_b_), scoped);
  ASSERT_TRUE(app.ok());
  const size_t after_submit = trail_.Count();
  ShareApproval wider;
  wider.fields = std::vector<std::string>{"code", "note"};
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), app->id, wider).error().code, "share.field_not_requested");
  wider = {};
  wider.rows = policy::RowScope{"code", {"11"}};
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), app->id, wider).error().code, "share.row_scope_wider");
  wider.rows = policy::RowScope{"name", {"33"}};
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), app->id, wider).error().code, "share.row_scope_wider");
  wider = {};
  wider.term_days = 400;
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), app->id, wider).error().code, "share.term_longer");
  wider = {};
  wider.fields = std::vector<std::string>{};
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), app->id, wider).error().code, "share.no_fields");
  EXPECT_EQ(wf_->shares().Reject(As(steward_a_), app->id, "").error().code, "workflow.reason_required");
  EXPECT_EQ(trail_.Count(), after_submit);
  EXPECT_EQ(CountRows("grants"), 0);
  // A second application while one is in progress is a conflict.
  EXPECT_EQ(wf_->shares().Submit(As(consumer_b2_), Request()).error().code, "share.duplicate");
}

TEST_F(ShareWorkflowTest, IllegalTransitionsAreRefused) {
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok());
  ASSERT_TRUE(wf_->shares().Reject(As(steward_a_), app->id, "用途不明确").ok());
  auto again = wf_->shares().Approve(As(steward_a_), app->id, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "workflow.illegal_transition");
  EXPECT_NE(again.error().message.find("'rejected'"), std::string::npos);
  EXPECT_NE(again.error().message.find("'approved'"), std::string::npos);
  EXPECT_NE(again.error().message_zh.find("已驳回"), std::string::npos);
  EXPECT_EQ(wf_->shares().Withdraw(As(consumer_b_), app->id).error().code, "workflow.illegal_transition");
  EXPECT_EQ(wf_->shares().Reject(As(steward_a_), app->id, "再次").error().code, "workflow.illegal_transition");
  auto other = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(wf_->shares().Approve(As(steward_a_), other->id, {}).ok());
  EXPECT_EQ(wf_->shares().Approve(As(steward_a_), other->id, {}).error().code, "workflow.illegal_transition");
  EXPECT_EQ(CountRows("grants"), 1);
}

TEST_F(ShareWorkflowTest, NothingHappensWhenTheAuditLogCannotRecordIt) {
  trail_.SetFailing(true);
  auto refused = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "audit.unavailable");
  EXPECT_EQ(refused.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(CountRows("share_applications"), 0);
  trail_.SetFailing(false);
  auto app = wf_->shares().Submit(As(consumer_b_), Request());
  ASSERT_TRUE(app.ok());
  trail_.SetFailing(true);
  auto approve = wf_->shares().Approve(As(steward_a_), app->id, {});
  EXPECT_EQ(approve.error().code, "audit.unavailable");
  trail_.SetFailing(false);
  EXPECT_EQ(wf_->shares().Get(As(consumer_b_), app->id)->state, "compliance_checked");  // rolled back
  EXPECT_EQ(CountRows("grants"), 0);
  EXPECT_FALSE(Decide(consumer_b_, "households", Channel::kShare, "social-assistance").allow);
  // And a grant that is not revoked in the log is not revoked at all.
  auto approved = wf_->shares().Approve(As(steward_a_), app->id, {});
  ASSERT_TRUE(approved.ok());
  trail_.SetFailing(true);
  EXPECT_EQ(wf_->grants().Revoke(As(steward_a_), approved->grant_id, "x").error().code, "audit.unavailable");
  trail_.SetFailing(false);
  EXPECT_TRUE(Decide(consumer_b_, "households", Channel::kShare, "social-assistance").allow);
}

TEST_F(ShareWorkflowTest, GrantListsByHolderAndProvider) {
  auto a = wf_->shares().Submit(As(consumer_b_), Request("venues"));
  auto b = wf_->shares().Submit(As(consumer_c_), Request("venues"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(wf_->grants().List(As(consumer_b_), GrantView::kHeld, false)->size(), 1u);
  EXPECT_EQ(wf_->grants().List(As(consumer_b_), GrantView::kProvided, false)->size(), 0u);
  EXPECT_EQ(wf_->grants().List(As(steward_a_), GrantView::kProvided, false)->size(), 2u);
  EXPECT_EQ(wf_->grants().List(As(consumer_c_), GrantView::kAll, false)->size(), 1u);
  EXPECT_EQ(wf_->grants().List(As(authority_), GrantView::kAll, false)->size(), 2u);
  EXPECT_EQ(wf_->grants().Get(As(consumer_c_), a->grant_id).error().code, "grant.not_found");
  EXPECT_EQ(wf_->grants().SubmitReport(As(consumer_b_), a->grant_id, "报告").error().code, "grant.no_report_due");
}

}  // namespace
}  // namespace gongshu::workflow
