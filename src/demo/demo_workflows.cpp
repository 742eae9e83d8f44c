#include "demo/demo_workflows.h"

#include "core/crypto.h"
#include "workflow/data_use_agreement.h"
#include "workflow/workflows.h"

namespace gongshu::demo {

namespace {

using workflow::Actor;

template <typename T>
Status Done(const Result<T>& r) {
  return r.ok() ? Ok() : Status(r.error());
}

}  // namespace

Status LoadDemoWorkflows(storage::Engine& engine, catalog::Catalog& catalog, policy::AccessPolicy& policy,
                         audit::AuditTrail& audit, const DemoWorkflowPeople& people, TimePoint now) {
  const TimePoint start = now - std::chrono::hours(24 * 21);
  ManualClock clock(start);
  workflow::Workflows wf(engine, catalog, policy, audit, clock);
  GS_RETURN_IF_ERROR(wf.Load());
  const Actor authority = Actor::Of(people.authority, "demo");
  const Actor loader = Actor::Of(people.loader, "demo");
  const Actor steward = Actor::Of(people.steward, "demo");
  const Actor market = Actor::Of(people.market_steward, "demo");
  const Actor consumer = Actor::Of(people.consumer, "demo");
  const Actor citizen = Actor::Of(people.citizen, "demo");

  // 登记: submitted by each provider's steward, reviewed by the authority, noticed.
  std::vector<workflow::RegistrationApplication> noticed;
  for (auto [who, resource] : {std::pair{&steward, "population-registry"}, std::pair{&steward, "riot-fatalities"},
                               std::pair{&market, "enterprise-registry"}}) {
    GS_ASSIGN_OR_RETURN(auto app, wf.registrations().Submit(*who, {workflow::RegistrationKind::kInitial, resource,
                                                                   "首次登记 / first registration"}));
    GS_ASSIGN_OR_RETURN(auto approved, wf.registrations().Approve(authority, app.id, ""));
    noticed.push_back(std::move(approved));
  }

  // 共享: 民政厅 applies for population data for subsistence-allowance checks; 公安厅 narrows it.
  clock.Advance(std::chrono::hours(1));
  workflow::ShareRequest share;
  share.resource_id = "population-registry";
  share.purposes = {"subsistence-allowance"};
  share.scenario = "最低生活保障对象资格核查：核对申请人户籍、年龄信息 / eligibility checks for subsistence allowance";
  share.fields = {"resident_id", "name", "sex", "birth_date", "county", "county_code", "address"};
  share.rows = policy::RowScope{"county_code", {"33", "32"}};
  share.term_days = 365;
  GS_ASSIGN_OR_RETURN(auto applied, wf.shares().Submit(consumer, share));
  clock.Advance(std::chrono::hours(3));
  workflow::ShareApproval narrowed;
  narrowed.fields = std::vector<std::string>{"resident_id", "name", "sex", "birth_date", "county", "county_code"};
  narrowed.rows = policy::RowScope{"county_code", {"33"}};
  narrowed.reason = "按最小必要原则：不提供住址，仅限浙江省户籍 / minimum necessary: no address, Zhejiang only";
  GS_RETURN_IF_ERROR(Done(wf.shares().Approve(steward, applied.id, narrowed)));

  // 开放: the citizen applies for the enterprise registry under the data use agreement.
  clock.Advance(std::chrono::hours(24));
  const workflow::DataUseAgreement& dua = workflow::CurrentDataUseAgreement();
  workflow::OpenRequest open;
  open.resource_id = "enterprise-registry";
  open.purposes = {"business-map"};
  open.scenario = "社区便民地图：展示周边企业名称、行业和登记状态 / a neighbourhood map of businesses";
  open.security_measures = "数据存放于加密数据库，仅本人使用，不向第三方提供 / encrypted storage, no third parties";
  open.fields = {"uscc", "name", "industry", "enterprise_type", "division_code", "address", "status",
                 "legal_representative"};
  open.term_days = 180;
  open.agreement_version = std::string(dua.version);
  open.agreement_sha256 = dua.sha256;
  open.agreement_accepted = true;
  GS_ASSIGN_OR_RETURN(auto open_app, wf.open_applications().Submit(citizen, open));
  clock.Advance(std::chrono::hours(2));
  GS_RETURN_IF_ERROR(Done(wf.open_applications().Approve(market, open_app.id, {})));

  // The notice periods end: the three resources are registered, with codes.
  TimePoint notices_end = start;
  for (const auto& n : noticed) notices_end = std::max(notices_end, n.notice_until.value_or(start));
  clock.Set(notices_end);
  GS_RETURN_IF_ERROR(Done(wf.Tick(notices_end)));

  // 授权运营: a scenario authorization of the provincial data group on the population registry.
  clock.Advance(std::chrono::hours(24 + 10));
  workflow::AuthorizationDraft d;
  d.operator_org = "data-group";
  d.agency_org = "data-bureau";
  d.mode = policy::AuthorizationMode::kScenario;
  d.scenario = "人口结构统计分析 / population structure statistics";
  d.resource_ids = {"population-registry"};
  d.actions = {policy::OperationAction::kSandboxAggregate, policy::OperationAction::kVerification};
  d.purposes = {"population-statistics"};
  d.valid_from = clock.Now();
  d.valid_until = clock.Now() + std::chrono::hours(24 * 730);
  d.conditions = "仅在平台沙箱内计算汇总结果；原始数据不出域 / aggregates in the sandbox only; raw data stays";
  d.security_duties = "运营机构承担数据安全主体责任，按季度报送安全自查报告 / quarterly security self-assessment";
  d.agreement_sha256 = Sha256Hex("省数据局与省数据集团有限公司公共数据授权运营协议（演示）");
  GS_ASSIGN_OR_RETURN(auto draft, wf.authorizations().Create(loader, d));
  GS_RETURN_IF_ERROR(Done(wf.authorizations().Move(authority, draft.authorization.id, "approved", "")));
  GS_RETURN_IF_ERROR(Done(wf.authorizations().Move(authority, draft.authorization.id, "active", "")));

  // A share application made an hour ago, still waiting for the provider's reply.
  clock.Set(now - std::chrono::hours(1));
  workflow::ShareRequest pending;
  pending.resource_id = "riot-fatalities";
  pending.purposes = {"emergency-review"};
  pending.scenario = "群体性事件应急处置复盘研究 / review of emergency responses";
  pending.term_days = 90;
  GS_RETURN_IF_ERROR(Done(wf.shares().Submit(consumer, pending)));
  return Ok();
}

}  // namespace gongshu::demo
