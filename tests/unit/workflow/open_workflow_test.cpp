// 有条件开放: application with the data use agreement's hash, review, the open-access grant (bound
// to the person or the enterprise), masks, usage reports and their due dates.
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "workflow/data_use_agreement.h"
#include "workflow_fixture.h"

namespace gongshu::workflow {
namespace {

using policy::Channel;

class OpenWorkflowTest : public testing::WorkflowTest {
 protected:
  OpenRequest Request() {
    const DataUseAgreement& dua = CurrentDataUseAgreement();
    OpenRequest r;
    r.resource_id = "venues";
    r.purposes = {"venue-map"};
    r.scenario = "制作全市体育场馆地图应用";
    r.security_measures = "数据仅存放于加密服务器，访问实名登记";
    r.fields = {"code", "title", "address"};
    r.term_days = 180;
    r.agreement_version = std::string(dua.version);
    r.agreement_sha256 = dua.sha256;
    r.agreement_accepted = true;
    return r;
  }
};

TEST_F(OpenWorkflowTest, AgreementHashIsTheExactText) {
  const DataUseAgreement& dua = CurrentDataUseAgreement();
  EXPECT_EQ(dua.sha256, Sha256Hex(dua.text));
  EXPECT_NE(dua.text.find("公共数据开放利用协议"), std::string_view::npos);
  EXPECT_EQ(FindDataUseAgreement(dua.version), &dua);
  EXPECT_EQ(FindDataUseAgreement("1999-01"), nullptr);
}

TEST_F(OpenWorkflowTest, PersonAppliesProviderApprovesPersonUsesWithMasks) {
  EXPECT_EQ(Decide(person_, "venues", Channel::kOpen, "venue-map").reason.code, "policy.conditional_open");
  auto app = wf_->open_applications().Submit(As(person_), Request());
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->state, "submitted");
  EXPECT_TRUE(app->individual);
  EXPECT_EQ(app->agreement_sha256, CurrentDataUseAgreement().sha256);
  EXPECT_EQ(Decide(person_, "venues", Channel::kOpen, "venue-map").reason.code, "policy.grant_pending");

  OpenApproval ok;
  ok.fields = std::vector<std::string>{"code", "address"};
  auto approved = wf_->open_applications().Approve(As(steward_a_), app->id, ok);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  policy::Decision d = Decide(person_, "venues", Channel::kOpen, "venue-map");
  ASSERT_TRUE(d.allow) << d.reason.message;
  ASSERT_EQ(d.fields.size(), 2u);
  EXPECT_EQ(d.fields[0].name, "code");
  EXPECT_EQ(d.fields[0].mask, "");
  EXPECT_EQ(d.fields[1].name, "address");
  EXPECT_EQ(d.fields[1].mask, "address");  // 一般3 masked in conditional opening
  // Bound to the person: another member of the public gets nothing from it.
  EXPECT_EQ(Decide(person2_, "venues", Channel::kOpen, "venue-map").reason.code, "policy.conditional_open");
  EXPECT_EQ(Decide(person_, "venues", Channel::kOpen, "resale").reason.code, "policy.purpose_not_granted");

  // Usage report: due after the configured working days; overdue is visible to the provider.
  auto grant = wf_->grants().Get(As(person_), approved->grant_id);
  ASSERT_TRUE(grant.ok());
  ASSERT_TRUE(grant->report_due.has_value());
  EXPECT_EQ(grant->grant.grantee_user, "u-p1");
  EXPECT_FALSE(grant->ReportOverdue(clock_.Now()));
  EXPECT_TRUE(wf_->grants().List(As(steward_a_), GrantView::kProvided, true)->empty());
  clock_.Set(*grant->report_due);
  ASSERT_EQ(wf_->grants().List(As(steward_a_), GrantView::kProvided, true)->size(), 1u);
  EXPECT_EQ(wf_->grants().SubmitReport(As(person2_), grant->grant.id, "x").error().code, "grant.not_found");
  EXPECT_EQ(wf_->grants().SubmitReport(As(steward_a_), grant->grant.id, "x").error().code, "grant.not_holder");
  EXPECT_EQ(wf_->grants().SubmitReport(As(person_), grant->grant.id, "").error().code, "grant.bad_report");
  auto report = wf_->grants().SubmitReport(As(person_), grant->grant.id, "已上线场馆地图，月活约一千人，未发生安全事件。");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(wf_->grants().List(As(steward_a_), GrantView::kProvided, true)->empty());
  EXPECT_EQ(wf_->grants().Reports(As(steward_a_), grant->grant.id)->size(), 1u);
  EXPECT_EQ(wf_->grants().Reports(As(consumer_b_), grant->grant.id).error().code, "grant.not_found");
}

TEST_F(OpenWorkflowTest, EnterpriseGrantsServeTheEnterprise) {
  auto app = wf_->open_applications().Submit(As(enterprise_), Request());
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_FALSE(app->individual);
  ASSERT_TRUE(wf_->open_applications().Approve(As(steward_a_), app->id, {}).ok());
  policy::Principal colleague = testing::Person("u-e2", "ent-1", OK::kEnterprise, {R::kPublicUser});
  EXPECT_TRUE(Decide(colleague, "venues", Channel::kOpen, "venue-map").allow);
  EXPECT_TRUE(wf_->open_applications().Get(As(colleague), app->id).ok());
}

TEST_F(OpenWorkflowTest, RefusedApplicationsChangeNothing) {
  const size_t events = trail_.Count();
  auto expect = [&](OpenRequest r, const std::string& code, const policy::Principal& who) {
    auto res = wf_->open_applications().Submit(As(who), std::move(r));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, code);
  };
  expect(Request(), "open.not_public_user", consumer_b_);
  expect(Request(), "open.not_public_user", analyst_);
  OpenRequest r = Request();
  r.agreement_accepted = false;
  expect(r, "open.agreement_not_accepted", person_);
  r = Request();
  r.agreement_sha256[0] = r.agreement_sha256[0] == 'a' ? 'b' : 'a';
  expect(r, "open.agreement_mismatch", person_);
  r = Request();
  r.agreement_version = "2025-01";
  expect(r, "open.agreement_mismatch", person_);
  r = Request();
  r.resource_id = "households";  // 不予开放: not even visible
  expect(r, "resource.not_found", person_);
  r = Request();
  r.fields = {"phone"};  // 一般4: never released in conditional opening
  expect(r, "open.field_not_available", person_);
  r = Request();
  r.security_measures = "";
  expect(r, "open.bad_security_measures", person_);
  r = Request();
  r.term_days = 2000;
  expect(r, "open.bad_term", person_);
  r = Request();
  r.purposes = {"bad purpose"};
  expect(r, "open.bad_purpose", person_);
  EXPECT_EQ(trail_.Count(), events);
  EXPECT_EQ(CountRows("open_applications"), 0);
}

TEST_F(OpenWorkflowTest, ReviewRulesAndObjectLevelChecks) {
  auto app = wf_->open_applications().Submit(As(person_), Request());
  ASSERT_TRUE(app.ok());
  EXPECT_EQ(wf_->open_applications().Submit(As(person_), Request()).error().code, "open.duplicate");
  EXPECT_TRUE(wf_->open_applications().Submit(As(person2_), Request()).ok());  // another person may apply
  EXPECT_EQ(wf_->open_applications().Get(As(person2_), app->id).error().code, "open_application.not_found");
  EXPECT_EQ(wf_->open_applications().Withdraw(As(person2_), app->id).error().code, "open_application.not_found");
  EXPECT_EQ(wf_->open_applications().Approve(As(enterprise_), app->id, {}).error().code, "open_application.not_found");
  EXPECT_EQ(wf_->open_applications().Approve(As(steward_b_), app->id, {}).error().code, "open_application.not_found");
  EXPECT_EQ(wf_->open_applications().Approve(As(authority_), app->id, {}).error().code, "open.not_provider_steward");
  OpenApproval wider;
  wider.fields = std::vector<std::string>{"phone"};
  EXPECT_EQ(wf_->open_applications().Approve(As(steward_a_), app->id, wider).error().code, "open.field_not_requested");
  wider = {};
  wider.term_days = 999;
  EXPECT_EQ(wf_->open_applications().Approve(As(steward_a_), app->id, wider).error().code, "open.term_longer");
  ASSERT_TRUE(wf_->open_applications().Reject(As(steward_a_), app->id, "安全措施描述不足").ok());
  EXPECT_EQ(wf_->open_applications().Approve(As(steward_a_), app->id, {}).error().code, "workflow.illegal_transition");
  EXPECT_EQ(wf_->open_applications().List(As(person_), ApplicationView::kApplied, "")->size(), 1u);
  EXPECT_EQ(wf_->open_applications().List(As(steward_a_), ApplicationView::kReceived, "")->size(), 2u);
  EXPECT_EQ(CountRows("grants"), 0);
}

}  // namespace
}  // namespace gongshu::workflow
