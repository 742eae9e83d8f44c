#include "cli/workflow_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "cli/commands.h"
#include "core/crypto.h"
#include "core/encoding.h"
#include "core/time_format.h"
#include "demo/demo_workflows.h"
#include "identity/actor.h"
#include "identity/identity_service.h"
#include "workflow/registration_code.h"

namespace gongshu::cli {

namespace {

struct DataOptions {
  std::string data_dir = "data";
  std::string log_level = "warn";
};

void AddData(CLI::App* cmd, DataOptions& o) {
  cmd->add_option("--data", o.data_dir, "Data directory; the server must be stopped / 数据目录（须先停止服务）")
      ->capture_default_str();
  cmd->add_option("--log-level", o.log_level, "trace|debug|info|warn|error|off")->capture_default_str();
}

// The machine's operator at the console acts with the data authority's capacity: it owns the data
// directory and every key, as for the identity verbs.
workflow::Actor Console() {
  policy::Principal p;
  p.kind = policy::PrincipalKind::kAdministrator;
  p.id = "console";
  return workflow::Actor::Of(p, "console");
}

void WithWorkflows(const DataOptions& o, const std::function<Status(workflow::Workflows&)>& fn) {
  auto app = OpenDataDir(o.data_dir, o.log_level);
  if (!app.ok()) {
    SetExitCode(Fail(app.error()));
    return;
  }
  Status st = fn((*app)->workflows());
  SetExitCode(st.ok() ? 0 : Fail(st.error()));
}

std::string Time(std::optional<TimePoint> t) {
  if (!t) return "-";
  return FormatIsoTime(std::chrono::duration_cast<std::chrono::microseconds>(t->time_since_epoch()).count());
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

Result<int32_t> Day(const std::string& text) {
  if (auto d = ParseIsoDate(text)) return *d;
  return MakeError(ErrorKind::kInvalidArgument, "cli.bad_date", "Dates are YYYY-MM-DD.", "日期格式须为 YYYY-MM-DD。");
}

void RegisterGrants(CLI::App& app) {
  static DataOptions o;
  static std::string org;
  static bool overdue = false;
  CLI::App* grants = app.add_subcommand("grants", "Share and open-access grants / 授权管理");
  grants->require_subcommand(1);
  CLI::App* list = grants->add_subcommand("list", "List grants / 列出授权");
  AddData(list, o);
  list->add_option("--org", org, "Only grants held or provided by this organisation / 仅列出该机构的授权");
  list->add_flag("--report-overdue", overdue, "Only open-access grants whose usage report is overdue / 使用报告逾期");
  list->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto grants, wf.grants().List(Console(), workflow::GrantView::kAll, overdue));
      TimePoint now = wf.clock().Now();
      std::printf("%-20s %-5s %-24s %-18s %-18s %-9s %-24s %s\n", "ID", "KIND", "RESOURCE", "GRANTEE", "PROVIDER",
                  "STATE", "VALID UNTIL", "PURPOSES");
      size_t shown = 0;
      for (const auto& r : grants) {
        const policy::Grant& g = r.grant;
        if (!org.empty() && g.grantee_org != org && g.provider_org != org) continue;
        ++shown;
        std::printf("%-20s %-5s %-24s %-18s %-18s %-9s %-24s %s\n", g.id.c_str(),
                    std::string(policy::GrantKindCode(g.kind)).c_str(), g.resource_id.c_str(), g.grantee_org.c_str(),
                    g.provider_org.c_str(), r.EffectiveState(now).c_str(), Time(g.valid_until).c_str(),
                    Joined(g.purposes).c_str());
      }
      std::printf("%zu grant(s)\n", shown);
      return Ok();
    });
  });
}

void RegisterAuthorizations(CLI::App& app) {
  static DataOptions o;
  static std::string state, exit_id, exit_reason;
  CLI::App* auths = app.add_subcommand("authorizations", "Operation authorizations / 授权运营");
  auths->require_subcommand(1);
  CLI::App* list = auths->add_subcommand("list", "List authorizations / 列出授权运营");
  AddData(list, o);
  list->add_option("--state", state, "draft|approved|active|suspended|expired|terminated|exited");
  list->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto list, wf.authorizations().List(Console(), state));
      std::printf("%-20s %-14s %-9s %-11s %-24s %s\n", "ID", "OPERATOR", "MODE", "STATE", "VALID UNTIL", "SCOPE");
      for (const auto& r : list) {
        const auto& a = r.authorization;
        std::string scope = a.mode == policy::AuthorizationMode::kWhole    ? std::string("*")
                            : a.mode == policy::AuthorizationMode::kDomain ? Joined(a.domains)
                                                                           : Joined(a.resource_ids);
        std::printf("%-20s %-14s %-9s %-11s %-24s %s\n", a.id.c_str(), a.operator_org.c_str(),
                    std::string(policy::AuthorizationModeCode(a.mode)).c_str(),
                    std::string(policy::AuthorizationStateCode(a.state)).c_str(), Time(a.valid_until).c_str(),
                    scope.c_str());
      }
      std::printf("%zu authorization(s)\n", list.size());
      return Ok();
    });
  });
  CLI::App* exit = auths->add_subcommand(
      "exit", "Exit an expired or terminated authorization: revokes every credential of the operator / 退出");
  AddData(exit, o);
  exit->add_option("id", exit_id, "Authorization id / 授权标识")->required();
  exit->add_option("--reason", exit_reason, "Why / 退出理由")->required();
  exit->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto r, wf.authorizations().Exit(Console(), exit_id, exit_reason));
      std::printf("Authorization %s exited; every credential of %s is revoked.\n授权已退出，运营机构凭证已全部吊销。\n",
                  r.authorization.id.c_str(), r.authorization.operator_org.c_str());
      return Ok();
    });
  });
}

void RegisterRegistrations(CLI::App& app) {
  static DataOptions o;
  static std::string state;
  CLI::App* regs = app.add_subcommand("registrations", "Registration (登记) of resources / 资源登记");
  regs->require_subcommand(1);
  CLI::App* list = regs->add_subcommand("list", "List registration applications / 列出登记申请");
  AddData(list, o);
  list->add_option("--state", state, "submitted|approved|noticed|registered|rejected|deregistered|withdrawn");
  list->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto list, wf.registrations().List(Console(), state));
      std::printf("%-20s %-12s %-24s %-12s %-24s %s\n", "ID", "KIND", "RESOURCE", "STATE", "NOTICE UNTIL", "CODE");
      for (const auto& a : list) {
        std::printf("%-20s %-12s %-24s %-12s %-24s %s\n", a.id.c_str(),
                    std::string(workflow::RegistrationKindCode(a.kind)).c_str(), a.resource_id.c_str(),
                    a.state.c_str(), Time(a.notice_until).c_str(),
                    workflow::DisplayRegistrationCode(a.registration_code).c_str());
      }
      std::printf("%zu application(s)\n", list.size());
      return Ok();
    });
  });
  CLI::App* registry = regs->add_subcommand("registry", "The registry of registered resources / 登记簿");
  AddData(registry, o);
  registry->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto list, wf.registrations().Registry());
      std::printf("%-24s %-24s %-13s %-4s %s\n", "CODE", "RESOURCE", "STATE", "REV", "REGISTERED AT");
      for (const auto& e : list) {
        std::printf("%-24s %-24s %-13s %-4d %s\n", workflow::DisplayRegistrationCode(e.code).c_str(),
                    e.resource_id.c_str(), e.state.c_str(), e.revision, Time(e.registered_at).c_str());
      }
      return Ok();
    });
  });
}

void RegisterCalendar(CLI::App& app) {
  static DataOptions o;
  static std::string date, name, from, to;
  static bool workday = false;
  CLI::App* cal = app.add_subcommand("calendar", "The working-day calendar / 工作日历");
  cal->require_subcommand(1);
  CLI::App* holidays = cal->add_subcommand("holidays", "Holidays and make-up working days / 节假日与调休");
  holidays->require_subcommand(1);
  CLI::App* list = holidays->add_subcommand("list", "List declared days / 列出设置");
  AddData(list, o);
  list->add_option("--from", from, "YYYY-MM-DD")->required();
  list->add_option("--to", to, "YYYY-MM-DD")->required();
  list->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(int32_t f, Day(from));
      GS_ASSIGN_OR_RETURN(int32_t t, Day(to));
      GS_ASSIGN_OR_RETURN(auto days, wf.calendar().List(f, t));
      for (const auto& d : days) {
        std::string text;
        AppendIsoDate(text, d.day);
        std::printf("%s  %-8s %s\n", text.c_str(), std::string(workflow::CalendarDayKindCode(d.kind)).c_str(),
                    d.name.c_str());
      }
      std::printf("%zu day(s)\n", days.size());
      return Ok();
    });
  });
  CLI::App* add = holidays->add_subcommand("add", "Declare a holiday (or, with --workday, a make-up working day) / 设置");
  AddData(add, o);
  add->add_option("date", date, "YYYY-MM-DD")->required();
  add->add_option("--name", name, "e.g. 国庆节 / 名称");
  add->add_flag("--workday", workday, "A weekend day worked (调休上班)");
  add->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(int32_t d, Day(date));
      auto kind = workday ? workflow::CalendarDayKind::kWorkday : workflow::CalendarDayKind::kHoliday;
      GS_ASSIGN_OR_RETURN(auto saved, wf.calendar().SetDay(Console(), {d, kind, name, ""}));
      std::printf("%s is now a %s.\n", date.c_str(), std::string(workflow::CalendarDayKindCode(saved.kind)).c_str());
      return Ok();
    });
  });
  CLI::App* remove = holidays->add_subcommand("remove", "Remove a declared day / 删除设置");
  AddData(remove, o);
  remove->add_option("date", date, "YYYY-MM-DD")->required();
  remove->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(int32_t d, Day(date));
      return wf.calendar().RemoveDay(Console(), d);
    });
  });
}

void RegisterTick(CLI::App& app) {
  static DataOptions o;
  CLI::App* wfs = app.add_subcommand("workflows", "Workflow maintenance / 业务流程");
  wfs->require_subcommand(1);
  CLI::App* tick = wfs->add_subcommand("tick", "Process deadlines now (the server does so every 15 s) / 处理到期事项");
  AddData(tick, o);
  tick->callback([] {
    WithWorkflows(o, [](workflow::Workflows& wf) -> Status {
      GS_ASSIGN_OR_RETURN(auto r, wf.Tick(wf.clock().Now()));
      std::printf("%d escalated, %d registered, %d authorization(s) expired\n", r.escalated, r.registered, r.expired);
      return Ok();
    });
  });
}

Result<policy::Principal> DemoUser(identity::IdentityService& identity, std::string_view username) {
  GS_ASSIGN_OR_RETURN(identity::User u, identity.FindUserByUsername(identity::Actor::Console(), username));
  auto org = identity.FindOrganisation(u.organisation_id);
  if (!org) {
    return MakeError(ErrorKind::kNotFound, "demo.organisation", "Organisation " + u.organisation_id + " is missing.",
                     "机构 " + u.organisation_id + " 不存在。");
  }
  policy::Principal p;
  p.kind = policy::PrincipalKind::kUser;
  p.id = u.id;
  p.user_id = u.id;
  p.display_name = u.display_name;
  p.organisation_id = u.organisation_id;
  p.organisation_kind = org->kind;
  p.roles = u.roles;
  return p;
}

}  // namespace

void RegisterWorkflowCommands(CLI::App& app) {
  RegisterGrants(app);
  RegisterAuthorizations(app);
  RegisterRegistrations(app);
  RegisterCalendar(app);
  RegisterTick(app);
}

int SeedDemoWorkflows(api::Application& app, const std::string& data_dir) {
  identity::IdentityService& id = app.identity();
  // The enterprise registry's provider needs a steward to answer the demo's open application.
  identity::NewUser market;
  market.username = "market-steward";
  market.display_name = "市场监管局数据管理员";
  market.organisation_id = "market-regulation";
  market.roles = {"department_steward"};
  market.password = Base64Encode(RandomBytes(12), true, false);
  if (auto created = id.CreateUser(identity::Actor::Console(), market); !created.ok()) return Fail(created.error());
  demo::DemoWorkflowPeople people;
  for (auto [slot, username] : {std::pair{&people.authority, "admin"}, std::pair{&people.steward, "steward"},
                                std::pair{&people.market_steward, "market-steward"},
                                std::pair{&people.consumer, "consumer"}, std::pair{&people.citizen, "citizen"}}) {
    auto p = DemoUser(id, username);
    if (!p.ok()) return Fail(p.error());
    *slot = std::move(p).value();
  }
  people.loader.kind = policy::PrincipalKind::kAdministrator;
  people.loader.id = "demo-loader";
  Status st = demo::LoadDemoWorkflows(app.engine(), app.catalog(), app.policy(), app.audit_trail(), people,
                                      SystemClock::Instance().Now());
  if (!st.ok()) return Fail(st.error());
  if (Status refreshed = app.workflows().RefreshPolicy(); !refreshed.ok()) return Fail(refreshed.error());
  const std::filesystem::path file = std::filesystem::path(data_dir) / "keys" / "demo-users.txt";
  std::ofstream(file, std::ios::app) << "department_steward\tmarket-steward\t" << market.password
                                     << "\tmarket-regulation\n";
  std::printf("  %-20s %-16s %-18s %s\n", "department_steward", "market-steward", market.password.c_str(),
              "market-regulation");
  std::printf("\nDemo workflows / 演示流程: 3 registered resources, a share grant (purpose subsistence-allowance),\n"
              "a pending share application, an approved open-data application, an active operation authorization.\n");
  std::fflush(stdout);
  return 0;
}

}  // namespace gongshu::cli
